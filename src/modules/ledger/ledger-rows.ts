/** Row → domain object mapping, with the boundary assertions money needs. */
import type { Selectable } from 'kysely'
import { assert, assertSafeInteger } from '../../shared/assert.ts'
import { isCurrency } from '../../shared/money.ts'
import type {
  LedgerAccountsTable,
  LedgerEntriesTable,
  LedgerTransfersTable,
} from './ledger-tables.ts'
import type { Account, AccountStatus, Balance, Entry, OwnerKind, Transfer } from './ledger-types.ts'

/** int8[] elements arrive as strings from node-postgres; ids and amounts must be exact. */
export function toSafeInteger(value: unknown, what: string): number {
  const number = typeof value === 'string' || typeof value === 'bigint' ? Number(value) : value
  assertSafeInteger(number, what)
  return number
}

export function toAccount(row: Selectable<LedgerAccountsTable>): Account {
  assert(isCurrency(row.currency), `unknown currency ${row.currency}`)
  return {
    id: toSafeInteger(row.id, 'account id'),
    ownerKind: row.owner_kind as OwnerKind,
    ownerId: row.owner_id,
    purpose: row.purpose,
    currency: row.currency,
    status: row.status as AccountStatus,
    debitsMustNotExceedCredits: row.debits_must_not_exceed_credits,
    creditsMustNotExceedDebits: row.credits_must_not_exceed_debits,
    createdAtMs: new Date(row.created_at).getTime(),
  }
}

export function toBalance(row: Selectable<LedgerAccountsTable>): Balance {
  assert(isCurrency(row.currency), `unknown currency ${row.currency}`)
  const debitsPosted = toSafeInteger(row.debits_posted, 'debits_posted')
  const creditsPosted = toSafeInteger(row.credits_posted, 'credits_posted')
  const debitsPending = toSafeInteger(row.debits_pending, 'debits_pending')
  const postedFen = creditsPosted - debitsPosted
  return {
    accountId: toSafeInteger(row.id, 'account id'),
    currency: row.currency,
    postedFen,
    debitsPendingFen: debitsPending,
    creditsPendingFen: toSafeInteger(row.credits_pending, 'credits_pending'),
    availableFen: postedFen - debitsPending,
    version: toSafeInteger(row.version, 'version'),
  }
}

export function toTransfer(row: Selectable<LedgerTransfersTable>): Transfer {
  const debits = row.debit_account_ids.map((id) => toSafeInteger(id, 'debit account id'))
  const credits = row.credit_account_ids.map((id) => toSafeInteger(id, 'credit account id'))
  const amounts = row.amounts.map((amount) => toSafeInteger(amount, 'amount'))
  assert(debits.length === credits.length && credits.length === amounts.length, 'legs shape')
  return {
    id: toSafeInteger(row.id, 'transfer id'),
    idempotencyKey: row.idempotency_key,
    kind: row.kind as Transfer['kind'],
    code: row.code,
    legs: debits.map((debitAccountId, index) => ({
      debitAccountId,
      creditAccountId: credits[index] as number,
      amountFen: amounts[index] as number,
    })),
    pendingId: row.pending_id === null ? null : toSafeInteger(row.pending_id, 'pending id'),
    timeoutAtMs: row.timeout_at === null ? null : new Date(row.timeout_at).getTime(),
    metadata: row.metadata,
    createdAtMs: new Date(row.created_at).getTime(),
  }
}

export function toEntry(row: Selectable<LedgerEntriesTable>): Entry {
  assert(row.side === 'D' || row.side === 'C', 'entry side')
  return {
    accountId: toSafeInteger(row.account_id, 'account id'),
    version: toSafeInteger(row.account_version, 'version'),
    transferId: toSafeInteger(row.transfer_id, 'transfer id'),
    side: row.side,
    postedDeltaFen: toSafeInteger(row.posted_delta, 'posted_delta'),
    pendingDeltaFen: toSafeInteger(row.pending_delta, 'pending_delta'),
    balanceAfterFen: toSafeInteger(row.balance_after, 'balance_after'),
    debitsPendingAfterFen: toSafeInteger(row.debits_pending_after, 'debits_pending_after'),
    creditsPendingAfterFen: toSafeInteger(row.credits_pending_after, 'credits_pending_after'),
    createdAtMs: new Date(row.created_at).getTime(),
  }
}
