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
