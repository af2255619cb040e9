/** What every rate-limit function needs: passed explicitly, never imported globally. */
import type { Kysely } from 'kysely'
import type { Clock } from '../../adapters/clock/index.ts'
import type { RateLimitsTables } from './rate-limits-tables.ts'

export type RateLimitsDb = Kysely<RateLimitsTables>

export interface RateLimitsContext {
  db: RateLimitsDb
  clock: Clock
}

export const RATE_LIMIT_KEY_LENGTH_MAX = 200
/** Windows one claim may touch: callers need up to five (resend, phone and IP per hour/day). */
export const RATE_LIMIT_WINDOWS_PER_CLAIM_MAX = 8
