/** What every records function needs: passed explicitly, never imported globally. */
import type { Kysely } from 'kysely'
import type { Clock } from '../../adapters/clock/index.ts'
import type { Ledger } from '../ledger/index.ts'
import type { RecordsTables } from './records-tables.ts'

export type RecordsDb = Kysely<RecordsTables>

export interface RecordsContext {
  db: RecordsDb
  clock: Clock
  /** Read only: the balance after a record's ledger transfer. */
  ledger: Ledger
}

export const RECORD_SOURCE_KINDS = [
  'TOPUP',
  'WITHDRAW',
  'PAYMENT',
  'REFUND',
  'TRANSFER',
  'REDPACKET',
] as const
export type RecordSourceKind = (typeof RECORD_SOURCE_KINDS)[number]

export const RECORD_DIRECTIONS = ['in', 'out', 'none'] as const
export type RecordDirection = (typeof RECORD_DIRECTIONS)[number]

export const RECORD_PAGE_SIZE_MAX = 100
export const RECORD_TEXT_LENGTH_MAX = 100
/** The largest amount one record carries (¥1,000,000,000.00): far above every per-payment limit. */
export const RECORD_AMOUNT_FEN_MAX = 100_000_000_000

/** A search term is matched as text, never as a pattern; longer ones are refused. */
export const RECORD_SEARCH_LENGTH_MAX = 50
/** One CSV export holds at most this many records (a month of a very busy user). */
export const RECORD_EXPORT_ROWS_MAX = 10_000
/** The statement lists this many top merchants. */
export const STATEMENT_TOP_MERCHANTS = 5

/**
 * Status words that mean no money moved (yet): a record with one of these is listed but not
 * counted in a statement. Producers use upper-case words; any other word (SUCCESS, SUCCEEDED,
 * REFUNDED, PARTIALLY_REFUNDED, RETURNED, RECEIVED…) means the money moved.
 */
export const RECORD_STATUSES_FAILED = [
  'FAILED',
  'CLOSED',
  'CANCELLED',
  'EXPIRED',
  'REJECTED',
  'REVOKED',
  'PAYERROR',
] as const
export const RECORD_STATUSES_PENDING = [
  'PROCESSING',
  'PENDING',
  'USERPAYING',
  'NOTPAY',
  'ACCEPTED',
] as const
export const RECORD_STATUSES_NOT_COUNTED: readonly string[] = [
  ...RECORD_STATUSES_FAILED,
  ...RECORD_STATUSES_PENDING,
]
/** Money between the user's own card and balance: neither income nor expense (不计收支). */
export const RECORD_KINDS_OWN_MONEY: readonly RecordSourceKind[] = ['TOPUP', 'WITHDRAW']

export type RecordOutcome = 'done' | 'pending' | 'failed'

export function recordOutcome(status: string): RecordOutcome {
  if ((RECORD_STATUSES_FAILED as readonly string[]).includes(status)) return 'failed'
  if ((RECORD_STATUSES_PENDING as readonly string[]).includes(status)) return 'pending'
  return 'done'
}
