/** Kysely's view of the tables this module owns (migrations/0019_payments.sql, 0020, 0029). */
export interface PaymentsTables {
  payment_orders: {
    id: string
    merchant_id: string
    out_trade_no: string
    token: string
    channel: string
    amount_fen: number
    description: string
    attach: string | null
    notify_url: string | null
    request_hash: string
    status: string
    payment_id: string | null
    expires_at: Date
    created_at: Date
    updated_at: Date
    closed_at: Date | null
  }
  payment_static_codes: {
    merchant_id: string
    code: string
    created_at: Date
  }
  payments: {
    id: string
    merchant_id: string
    user_id: string
    merchant_name: string
    merchant_category: string
    payer_masked_name: string
    channel: string
    order_id: string | null
    out_trade_no: string | null
    amount_fen: number
    fee_fen: number
    description: string
    note: string | null
    method_kind: string | null
    card_id: string | null
    bank_code: string | null
    card_last4: string | null
    status: string
    failure_code: string | null
    failure_details: Record<string, unknown> | null
    idempotency_key: string | null
    request_hash: string
    claim_ids: string[]
    transfer_id: number | null
    balance_account_id: number | null
    hold_transfer_id: number | null
    bank_attempts: number
    refund_status: string
    refunded_fen: number
    confirm_by: Date | null
    created_at: Date
    updated_at: Date
    paid_at: Date | null
    /** 0029: the coupon (the payer paid amount_fen − discount_fen). */
    discount_fen: number
    coupon_campaign_id: string | null
    coupon_name: string | null
    coupon_funder_account_id: number | null
  }
  payment_codes: {
    id: string
    user_id: string
    code_hash: string
    issued_at: Date
    expires_at: Date
    revoked_at: Date | null
    used_at: Date | null
    payment_id: string | null
  }
  pay_settings: {
    user_id: string
    passwordless_enabled: boolean
    passwordless_per_payment_fen: number
    passwordless_daily_fen: number
    payment_code_enabled: boolean
    default_method_kind: string
    default_card_id: string | null
    updated_at: Date
  }
}
