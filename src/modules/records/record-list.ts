/**
 * Reading records: a user's list newest first with a keyset cursor (never OFFSET: a page deep in
 * a long history costs the same as the first), and one record by id, checked against its owner.
 */
import { assert } from '../../shared/assert.ts'
import { DomainError } from '../../shared/errors.ts'
import {
  RECORD_PAGE_SIZE_MAX,
  type RecordDirection,
  type RecordsContext,
  type RecordSourceKind,
} from './context.ts'
import type { RecordMethod } from './record-entries.ts'
import { applyRecordFilter, type RecordFilter } from './record-filter.ts'
import type { Selectable } from 'kysely'
import type { RecordsTables } from './records-tables.ts'

type RecordRow = Selectable<RecordsTables['money_records']>

export interface MoneyRecord {
  id: string
  sourceKind: RecordSourceKind
  sourceId: string
  direction: RecordDirection
  amountFen: number
  status: string
  title: string
  counterparty: { kind: string; id: string | null; name: string }
  method: RecordMethod
  category: string | null
  /** The user's balance right after this movement, when it moved the balance. */
  balanceAfterFen: number | null
  detail: Record<string, unknown> | null
  occurredAtMs: number
  updatedAtMs: number
}

export interface RecordPage {
  records: MoneyRecord[]
  /** Pass back as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null
}

/** A page of the filtered list (record-filter.ts): newest first, `cursor` from the last page. */
export interface RecordQuery extends RecordFilter {
  limit?: number
  cursor?: string
}

export function toRecord(row: RecordRow, balanceAfterFen: number | null): MoneyRecord {
  const method: RecordMethod =
    row.method_kind === 'card'
      ? { kind: 'card', cardId: row.card_id ?? '', label: row.method_label ?? '' }
      : { kind: row.method_kind as 'balance' | 'none' }
  return {
    id: String(row.id),
    sourceKind: row.source_kind as RecordSourceKind,
    sourceId: row.source_id,
    direction: row.direction as RecordDirection,
    amountFen: Number(row.amount_fen),
    status: row.status,
    title: row.title,
    counterparty: {
      kind: row.counterparty_kind,
      id: row.counterparty_id,
      name: row.counterparty_name,
    },
    method,
    category: row.category,
    balanceAfterFen,
    detail: row.detail,
    occurredAtMs: new Date(row.occurred_at).getTime(),
    updatedAtMs: new Date(row.updated_at).getTime(),
  }
}

/** `<occurredAtMs>.<id>` of the last record of a page. */
function parseCursor(cursor: string): { occurredAtMs: number; id: number } {
  const match = /^(\d{1,15})\.(\d{1,15})$/.exec(cursor)
  if (match === null) throw new DomainError('INVALID_REQUEST', { field: 'cursor' })
  return { occurredAtMs: Number(match[1]), id: Number(match[2]) }
}

export async function withBalances(ctx: RecordsContext, rows: RecordRow[]): Promise<MoneyRecord[]> {
  const byAccount = new Map<number, number[]>()
  for (const row of rows) {
    if (row.balance_account_id === null || row.ledger_transfer_id === null) continue
    const account = Number(row.balance_account_id)
    byAccount.set(account, [...(byAccount.get(account) ?? []), Number(row.ledger_transfer_id)])
  }
  const after = new Map<string, number>()
  for (const [accountId, transferIds] of byAccount) {
    const balances = await ctx.ledger.balancesAfter(accountId, transferIds)
    for (const [transferId, fen] of balances) after.set(`${accountId}:${transferId}`, fen)
  }
  return rows.map((row) =>
    toRecord(row, after.get(`${row.balance_account_id}:${row.ledger_transfer_id}`) ?? null),
  )
}

export async function listRecords(
  ctx: RecordsContext,
  userId: string,
  query: RecordQuery = {},
): Promise<RecordPage> {
  const limit = query.limit ?? 20
  assert(Number.isSafeInteger(limit) && limit >= 1 && limit <= RECORD_PAGE_SIZE_MAX, 'page limit')
  const { limit: _limit, cursor: _cursor, ...filter } = query
  let select = applyRecordFilter(ctx.db.selectFrom('money_records').selectAll(), userId, filter)
  if (query.cursor !== undefined) {
    const { occurredAtMs, id } = parseCursor(query.cursor)
    const at = new Date(occurredAtMs)
    select = select.where((eb) =>
      eb.or([eb('occurred_at', '<', at), eb.and([eb('occurred_at', '=', at), eb('id', '<', id)])]),
    )
  }
  const rows = await select
    .orderBy('occurred_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute()
  const records = await withBalances(ctx, rows.slice(0, limit))
  const last = records.at(-1)
  return {
    records,
    nextCursor: rows.length > limit && last ? `${last.occurredAtMs}.${last.id}` : null,
  }
}

/** One of the user's records; another user's record is NOT_FOUND, never shown. */
export async function getRecord(
  ctx: RecordsContext,
  userId: string,
  recordId: string,
): Promise<MoneyRecord> {
  if (!/^\d{1,15}$/.test(recordId)) throw new DomainError('NOT_FOUND')
  const row = await ctx.db
    .selectFrom('money_records')
    .selectAll()
    .where('id', '=', Number(recordId))
    .where('user_id', '=', userId)
    .executeTakeFirst()
  if (row === undefined) throw new DomainError('NOT_FOUND')
  const [record] = await withBalances(ctx, [row])
  return record as MoneyRecord
}
