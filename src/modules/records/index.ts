/**
 * @module records
 * The 账单 record list: one line per money movement a user sees (top-ups, withdrawals, payments,
 * refunds, transfers, red packets), written by the module that moves the money and read by the
 * records pages. The ledger stays the books; a record is what the user reads about a movement.
 *
 * @example
 * const records = createRecordsService({ db, clock, ledger })
 * await db.transaction().execute(async (trx) => {
 *   await trx.updateTable('payments').set({ status: 'SUCCESS' }).where('id', '=', id).execute()
 *   await records.upsert({ userId, sourceKind: 'PAYMENT', sourceId: id, direction: 'out',
 *     amountFen: 2_350, status: 'SUCCESS', title: '零钱咖啡',
 *     counterparty: { kind: 'merchant', id: mchid, name: '零钱咖啡' }, method: { kind: 'balance' },
 *     category: '5814', balance: { accountId, transferId }, occurredAtMs }, trx)
 * })
 * const { records: page, nextCursor } = await records.list(userId, { limit: 20, month: '2026-12' })
 * const statement = await records.statement(userId, '2026-12')
 */
import type { Kysely } from 'kysely'
import type { Clock } from '../../adapters/clock/index.ts'
import type { Db } from '../../adapters/db/index.ts'
import type { Ledger } from '../ledger/index.ts'
import type { RecordsContext, RecordsDb } from './context.ts'
import { type RecordEntry, upsertRecord, upsertRecords } from './record-entries.ts'
import { type CsvLanguage, recordsCsv } from './record-csv.ts'
import type { RecordFilter } from './record-filter.ts'
import { getRecord, listRecords, type RecordQuery } from './record-list.ts'
import { monthlyStatement } from './statement.ts'

export {
  RECORD_AMOUNT_FEN_MAX,
  RECORD_DIRECTIONS,
  RECORD_EXPORT_ROWS_MAX,
  RECORD_KINDS_OWN_MONEY,
  RECORD_PAGE_SIZE_MAX,
  RECORD_SEARCH_LENGTH_MAX,
  RECORD_SOURCE_KINDS,
  RECORD_STATUSES_NOT_COUNTED,
  type RecordDirection,
  type RecordOutcome,
  recordOutcome,
  type RecordSourceKind,
} from './context.ts'
export type { CsvLanguage } from './record-csv.ts'
export type { RecordFilter } from './record-filter.ts'
export type { MonthlyStatement } from './statement.ts'
export type { RecordCounterparty, RecordEntry, RecordMethod } from './record-entries.ts'
export type { MoneyRecord, RecordPage, RecordQuery } from './record-list.ts'

export function createRecordsService(deps: { db: Db; clock: Clock; ledger: Ledger }) {
  const ctx: RecordsContext = { db: deps.db as RecordsDb, clock: deps.clock, ledger: deps.ledger }
  return {
    /** Idempotent by (userId, sourceKind, sourceId); `executor` is the producer's transaction. */
    upsert: (entry: RecordEntry, executor?: Kysely<unknown>) => upsertRecord(ctx, entry, executor),
    /** Many records of distinct sources in one statement (batched producers: red packets). */
    upsertMany: (entries: readonly RecordEntry[], executor?: Kysely<unknown>) =>
      upsertRecords(ctx, entries, executor),
    /** Writes the record only when there is none yet (backfills of past movements). */
    insertMissing: (entry: RecordEntry, executor?: Kysely<unknown>) =>
      upsertRecord(ctx, entry, executor, { onlyIfMissing: true }),
    list: (userId: string, query?: RecordQuery) => listRecords(ctx, userId, query),
    get: (userId: string, recordId: string) => getRecord(ctx, userId, recordId),
    /** Income, expense, spending by category and top merchants of a Shanghai month (YYYY-MM). */
    statement: (userId: string, month: string) => monthlyStatement(ctx, userId, month),
    /** The filtered records as CSV (UTF-8 with BOM, header line, amounts in yuan). */
    csv: (userId: string, filter: RecordFilter, language?: CsvLanguage) =>
      recordsCsv(ctx, userId, filter, language),
  }
}

export type RecordsService = ReturnType<typeof createRecordsService>
