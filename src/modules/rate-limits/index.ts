/**
 * @module rate-limits
 * Sliding windows per key ("at most 5 codes per phone in any hour", "one resend per 60 s")
 * claimed atomically before the work they limit: under a lock on the key's row the hits in the
 * window are counted and one added, so parallel requests cannot all pass. For amounts with
 * claims that are given back (money limits), use src/modules/quota instead.
 *
 * @example
 * const rateLimits = createRateLimits({ db, clock })
 * await rateLimits.claim([{ key: `sms:phone:${phone}:hour`, limit: 5, windowMs: HOUR_MS, name: 'phone_hour' }])
 * // RateLimitedError (name, retryAfterMs) when the window is full: nothing was counted
 */
import type { Clock } from '../../adapters/clock/index.ts'
import type { Db } from '../../adapters/db/index.ts'
import type { RateLimitsContext, RateLimitsDb } from './context.ts'
import { claimWindows, pruneIdleKeys, resetWindow, type WindowClaim } from './windows.ts'

export { RATE_LIMIT_KEY_LENGTH_MAX } from './context.ts'
export { RateLimitedError, type WindowClaim } from './windows.ts'

export function createRateLimits(deps: { db: Db; clock: Clock }) {
  const ctx: RateLimitsContext = { db: deps.db as RateLimitsDb, clock: deps.clock }
  return {
    /** One hit on every window or on none; `executor` is the caller's transaction. */
    claim: (claims: readonly WindowClaim[], executor?: Db): Promise<void> =>
      claimWindows(ctx, claims, executor as RateLimitsDb | undefined),
    reset: (key: string): Promise<void> => resetWindow(ctx, key),
    /** Forgets keys idle for `idleMs` (a recurring job); returns how many. */
    pruneIdle: (idleMs: number): Promise<number> => pruneIdleKeys(ctx, idleMs),
  }
}

export type RateLimits = ReturnType<typeof createRateLimits>
