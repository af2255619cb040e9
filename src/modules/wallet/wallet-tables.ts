/** Kysely's view of the table this module owns (migrations/0003_cards_wallet.sql). */
export interface WalletTables {
  wallet_operations: {
    id: string
    user_id: string
    kind: string
    card_id: string
    bank_code: string
    card_last4: string
    amount_fen: number
    fee_fen: number
    free_quota_used_fen: number
    status: string
    failure_code: string | null
    failure_details: Record<string, unknown> | null
    idempotency_key: string
    request_hash: string
    hold_transfer_id: number | null
    bank_attempts: number
    created_at: Date
    updated_at: Date
    completed_at: Date | null
  }
}
