import type { Generated } from 'kysely'

/** Kysely's view of the tables this module owns (migrations/0021_refunds.sql). */
export interface RefundsTables {
  refund_payments: {
    payment_id: string
    merchant_id: string
    user_id: string
    paid_fen: number
    fee_fen: number
    refunded_fen: number
    fee_back_fen: number
    succeeded_fen: number
    refund_count: number
    updated_at: Date
    /** 0029: refund-coupon.ts. */
    coupon_back_fen: Generated<number>
  }
  refunds: {
    id: string
    merchant_id: string
    out_refund_no: string
    payment_id: string
    user_id: string
    amount_fen: number
    fee_back_fen: number
    reason: string | null
    request_id: string | null
    channel: string
    card_id: string | null
    bank_code: string | null
    status: string
    failure_code: string | null
    request_hash: string
    created_by: string
    ledger_transfer_id: number | null
    bank_request_id: string | null
    bank_attempts: number
    next_attempt_at: Date | null
    created_at: Date
    updated_at: Date
    finished_at: Date | null
    /** 0029: the coupon's funder's share of this refund (refund-coupon.ts). */
    coupon_back_fen: number
  }
  refund_requests: {
    id: string
    payment_id: string
    merchant_id: string
    user_id: string
    amount_fen: number
    reason: string
    status: string
    idempotency_key: string
    decided_by: string | null
    decision_reason: string | null
    refund_id: string | null
    created_at: Date
    updated_at: Date
    escalated_at: Date | null
    decided_at: Date | null
  }
}
