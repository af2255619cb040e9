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
  const changing = changingColumns(entry, new Date(ctx.clock.nowMs()))
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

/**
 * Many records in one statement (a batch of red-packet credits): inserted or brought up to date
 * like `upsertRecord`. The entries must name distinct sources (one statement cannot update a row
 * twice).
 */
export async function upsertRecords(
  ctx: RecordsContext,
  entries: readonly RecordEntry[],
  executor?: Kysely<unknown>,
): Promise<void> {
  if (entries.length === 0) return
  for (const entry of entries) assertEntry(entry)
  const db = (executor as RecordsDb | undefined) ?? ctx.db
  const now = new Date(ctx.clock.nowMs())
  await db
    .insertInto('money_records')
    .values(
      entries.map((entry) => ({
        user_id: entry.userId,
        source_kind: entry.sourceKind,
        source_id: entry.sourceId,
        occurred_at: new Date(entry.occurredAtMs),
        ...changingColumns(entry, now),
      })),
    )
    .onConflict((conflict) =>
      conflict.columns(['user_id', 'source_kind', 'source_id']).doUpdateSet((eb) => ({
        direction: eb.ref('excluded.direction'),
        amount_fen: eb.ref('excluded.amount_fen'),
        status: eb.ref('excluded.status'),
        title: eb.ref('excluded.title'),
        counterparty_kind: eb.ref('excluded.counterparty_kind'),
        counterparty_id: eb.ref('excluded.counterparty_id'),
        counterparty_name: eb.ref('excluded.counterparty_name'),
        method_kind: eb.ref('excluded.method_kind'),
        card_id: eb.ref('excluded.card_id'),
        method_label: eb.ref('excluded.method_label'),
        category: eb.ref('excluded.category'),
        balance_account_id: eb.ref('excluded.balance_account_id'),
        ledger_transfer_id: eb.ref('excluded.ledger_transfer_id'),
        detail: eb.ref('excluded.detail'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute()
}

/** What an upsert brings up to date (everything but the key and the time it happened). */
function changingColumns(entry: RecordEntry, now: Date) {
  const method = entry.method
  return {
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
}
