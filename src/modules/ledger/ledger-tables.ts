/** Kysely's view of the tables this module owns (migrations/0001_ledger.sql). */
import type { ColumnType, Generated } from 'kysely'

type Timestamp = ColumnType<Date, Date | string, Date | string>

export interface LedgerAccountsTable {
  id: Generated<number>
  owner_kind: string
  owner_id: string
  purpose: string
  currency: string
  status: string
  debits_must_not_exceed_credits: boolean
  credits_must_not_exceed_debits: boolean
  debits_posted: Generated<number>
  credits_posted: Generated<number>
  debits_pending: Generated<number>
  credits_pending: Generated<number>
  version: Generated<number>
  created_at: Timestamp
}

export interface LedgerTransfersTable {
  id: Generated<number>
  idempotency_key: string
  content_hash: string
  kind: string
  code: string
  debit_account_ids: number[]
  credit_account_ids: number[]
  amounts: number[]
  pending_id: number | null
  timeout_at: Timestamp | null
  metadata: Record<string, unknown> | null
  created_at: Timestamp
}

export interface LedgerEntriesTable {
  account_id: number
  account_version: number
  transfer_id: number
  side: string
  posted_delta: number
  pending_delta: number
  balance_after: number
  debits_pending_after: number
  credits_pending_after: number
  created_at: Timestamp
}

export interface LedgerPendingOpenTable {
  transfer_id: number
  timeout_at: Timestamp | null
}

export interface LedgerTables {
  ledger_accounts: LedgerAccountsTable
  ledger_transfers: LedgerTransfersTable
  ledger_entries: LedgerEntriesTable
  ledger_pending_open: LedgerPendingOpenTable
}
