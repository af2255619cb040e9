/** Kysely's view of the table this module owns (migrations/0022_settlements.sql). */
export interface SettlementTables {
  settlements: {
    id: string
    merchant_id: string
    day: string
    payments: number
    gross_fen: number
    refunds_fen: number
    fees_fen: number
    net_fen: number
    carried_in_fen: number
    discounts_repaid_fen: number
    /** migrations/0030: refunds advanced after earlier payouts, paid back out of this day. */
    refunds_deducted_fen: number
    payout_fen: number
    carried_out_fen: number
    status: string
    settlement_transfer_id: number | null
    payout_attempt: number
    payout_hold_transfer_id: number | null
    bank_code: string | null
    card_last4: string | null
    bank_ref: string | null
    failure_code: string | null
    created_at: Date
    updated_at: Date
    paid_at: Date | null
  }
}
