/** Kysely's view of the tables this module owns (migrations/0018_records.sql). */
import type { Generated } from 'kysely'

export interface RecordsTables {
  money_records: {
    id: Generated<number>
    user_id: string
    source_kind: string
    source_id: string
    direction: string
    amount_fen: number
    status: string
    title: string
    counterparty_kind: string
    counterparty_id: string | null
    counterparty_name: string
    method_kind: string
    card_id: string | null
    method_label: string | null
    category: string | null
    balance_account_id: number | null
    ledger_transfer_id: number | null
    detail: Record<string, unknown> | null
    occurred_at: Date
    updated_at: Date
  }
}
