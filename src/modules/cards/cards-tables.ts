/** Kysely's view of the tables this module owns (migrations/0003_cards_wallet.sql). */
export interface CardsTables {
  bank_cards: {
    id: string
    user_id: string
    bank_code: string
    card_type: string
    last4: string
    card_number_enc: string
    card_number_hash: string
    is_default: boolean
    status: string
    created_at: Date
    unbound_at: Date | null
  }
  card_bind_requests: {
    id: string
    user_id: string
    card_number_enc: string
    card_number_hash: string
    bank_code: string
    card_type: string
    last4: string
    reserved_phone: string
    created_at: Date
    expires_at: Date
    consumed_at: Date | null
  }
}
