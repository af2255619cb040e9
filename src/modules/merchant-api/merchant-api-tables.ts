/** Kysely's view of the tables this module owns (migrations/0028_merchant_api.sql, 0031, 0033). */
import type { Generated } from 'kysely'

export interface MerchantApiTables {
  merchant_api_credentials: {
    merchant_id: string
    appid: string
    apiv3_key_enc: string
    merchant_serial_no: string
    merchant_public_key_pem: string
    merchant_certificate_pem: string | null
    key_source: string
    /** 'server' | 'official' (0033): the host of bill download_urls. */
    bill_download_host: Generated<string>
    created_at: Date
    updated_at: Date
  }
  merchant_api_platform_keys: {
    id: string
    merchant_id: string
    kind: string
    private_key_enc: string
    public_key_pem: string
    certificate_pem: string | null
    is_default: boolean
    valid_from: Date
    valid_until: Date
    created_at: Date
  }
  merchant_api_nonces: { merchant_id: string; nonce: string; seen_at: Date }
  merchant_api_orders: {
    merchant_id: string
    out_trade_no: string
    trade_type: string
    prepay_id: string
    payer_openid: string | null
    request_hash: string
    reversed_at: Date | null
    created_at: Date
  }
  merchant_api_pay_signs: {
    appid: string
    nonce_str: string
    pay_sign_hash: string
    prepay_id: string
    seen_at: Date
    used_at: Date | null
  }
}
