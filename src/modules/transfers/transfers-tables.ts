/** Kysely's view of the tables this module owns (migrations/0025_transfers.sql). */
export interface TransfersTables {
  transfers: {
    id: string
    sender_id: string
    kind: string
    recipient_user_id: string | null
    recipient_phone: string | null
    card_bank_code: string | null
    card_last4: string | null
    card_holder_name: string | null
    card_number_enc: string | null
    own_card: boolean
    amount_fen: number
    fee_fen: number
    note: string
    status: string
    return_reason: string | null
    delay_ms: number
    available_at: Date
    expires_at: Date
    idempotency_key: string
    request_hash: string
    send_transfer_id: number | null
    settle_transfer_id: number | null
    failure_code: string | null
    bank_attempts: number
    created_at: Date
    updated_at: Date
    completed_at: Date | null
  }
  transfer_settings: {
    user_id: string
    delay_hours: number
    updated_at: Date
  }
}
