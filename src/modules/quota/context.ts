/** What every quota function needs: passed explicitly, never imported globally. */
import type { Kysely } from 'kysely'
import type { Clock } from '../../adapters/clock/index.ts'
import type { QuotaTables } from './quota-tables.ts'

export type QuotaDb = Kysely<QuotaTables>

export interface QuotaContext {
  db: QuotaDb
  clock: Clock
}

/** A counter without a limit of its own (it is claimed together with one that has). */
export const QUOTA_UNLIMITED = Number.MAX_SAFE_INTEGER
/** Counters one claim may touch: every caller needs one or two; more is a bug. */
export const QUOTA_CLAIM_COUNTERS_MAX = 8
export const QUOTA_ID_LENGTH_MAX = 200
