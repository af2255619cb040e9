/**
 * Writing records: the producer of a money movement upserts one record per user who sees it,
 * keyed by (userId, sourceKind, sourceId), and upserts it again on each status change. The
 * producer passes its own transaction when it has one, so the record and its state change
 * commit together (a crash leaves neither or both).
 */
import type { Kysely } from 'kysely'
import { assert } from '../../shared/assert.ts'
import {
  RECORD_AMOUNT_FEN_MAX,
  RECORD_DIRECTIONS,
  RECORD_SOURCE_KINDS,
  RECORD_TEXT_LENGTH_MAX,
  type RecordDirection,
  type RecordsContext,
  type RecordsDb,
  type RecordSourceKind,
} from './context.ts'

export type RecordCounterparty = {
  kind: 'merchant' | 'user' | 'bank' | 'platform'
  id?: string
  name: string
}

export type RecordMethod =
  { kind: 'balance' } | { kind: 'card'; cardId: string; label: string } | { kind: 'none' }

export interface RecordEntry {
  userId: string
  sourceKind: RecordSourceKind
  sourceId: string
  direction: RecordDirection
  amountFen: number
  /** The producer's status word, upper case: 'PROCESSING', 'SUCCESS', 'REFUNDED', 'RETURNED'… */
  status: string
  /** What the list shows as the line's title: the store, the other person, '零钱充值'… */
  title: string
  counterparty: RecordCounterparty
  method: RecordMethod
  /** The merchant's 4-digit category for spending by category; omit for non-spending. */
  category?: string
  /** The ledger transfer that moved this user's balance (balance after), when one did. */
  balance?: { accountId: number; transferId: number }
  /** Producer-specific detail shown on the record page (order number, refund history…). */
  detail?: Record<string, unknown>
  occurredAtMs: number
}

function assertEntry(entry: RecordEntry): void {
  assert(RECORD_SOURCE_KINDS.includes(entry.sourceKind), 'record source kind')
  assert(RECORD_DIRECTIONS.includes(entry.direction), 'record direction')
  assert(
    Number.isSafeInteger(entry.amountFen) &&
      entry.amountFen >= 0 &&
      entry.amountFen <= RECORD_AMOUNT_FEN_MAX,
    'record amount',
  )
  assert(/^[A-Z_]{2,32}$/.test(entry.status), 'record status')
  for (const text of [entry.title, entry.counterparty.name, entry.sourceId]) {
    assert(text.length >= 1 && text.length <= RECORD_TEXT_LENGTH_MAX, 'record text length')
  }
  assert(entry.category === undefined || /^[0-9]{4}$/.test(entry.category), 'record category')
  assert(Number.isSafeInteger(entry.occurredAtMs), 'record time')
}

/**
 * Inserts the record or brings it up to date; `executor` is the producer's transaction. With
 * `onlyIfMissing` an existing record is left as it is: a backfill of past movements must never
 * overwrite what a live status change wrote meanwhile.
 */
export async function upsertRecord(
  ctx: RecordsContext,
  entry: RecordEntry,
  executor?: Kysely<unknown>,
  options: { onlyIfMissing?: boolean } = {},
): Promise<void> {
  assertEntry(entry)
  const db = (executor as RecordsDb | undefined) ?? ctx.db
  const now = new Date(ctx.clock.nowMs())
  const method = entry.method
  const changing = {
    direction: entry.direction,
    amount_fen: entry.amountFen,
    status: entry.status,
    title: entry.title,
    counterparty_kind: entry.counterparty.kind,
    counterparty_id: entry.counterparty.id ?? null,
    counterparty_name: entry.counterparty.name,
    method_kind: method.kind,
    card_id: method.kind === 'card' ? method.cardId : null,
    method_label: method.kind === 'card' ? method.label : null,
    category: entry.category ?? null,
    balance_account_id: entry.balance?.accountId ?? null,
    ledger_transfer_id: entry.balance?.transferId ?? null,
    detail: entry.detail ?? null,
    updated_at: now,
  }
  await db
    .insertInto('money_records')
    .values({
      user_id: entry.userId,
      source_kind: entry.sourceKind,
      source_id: entry.sourceId,
      occurred_at: new Date(entry.occurredAtMs),
      ...changing,
    })
    .onConflict((conflict) => {
      const columns = conflict.columns(['user_id', 'source_kind', 'source_id'])
      return options.onlyIfMissing ? columns.doNothing() : columns.doUpdateSet(changing)
    })
    .execute()
}
