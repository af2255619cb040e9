/** Kysely's view of the tables this module owns (migrations/0017_merchants.sql). */
export interface MerchantsTables {
  merchants: {
    id: string
    creation_key: string
    legal_name: string
    store_name: string
    category: string
    settlement_bank_code: string
    settlement_card_type: string
    settlement_last4: string
    settlement_card_enc: string
    status: string
    fee_rate_bp: number
    created_at: Date
    updated_at: Date
  }
  merchant_staff: {
    id: string
    merchant_id: string
    username: string
    display_name: string
    role: string
    password_hash: string
    created_at: Date
  }
  merchant_sessions: {
    id: string
    staff_id: string
    token_hash: string
    created_at: Date
    expires_at: Date
    revoked_at: Date | null
  }
}
