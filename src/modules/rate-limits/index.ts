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
import {
  claimCredentialAttempt,
  type CredentialAttemptRules,
  type CredentialAttemptsContext,
  type CredentialRealm,
  lockedUntilMs,
  pruneIdleCredentialAttempts,
  recordCredentialSuccess,
} from './credential-attempts.ts'

export { RATE_LIMIT_KEY_LENGTH_MAX } from './context.ts'
export { RateLimitedError, type WindowClaim } from './windows.ts'
export {
  type ClaimedCredentialAttempt,
  type CredentialAttemptRules,
  type CredentialRealm,
  SIGN_IN_USERNAME_LENGTH_MAX,
} from './credential-attempts.ts'

export function createRateLimits(deps: { db: Db; clock: Clock }) {
  const ctx: RateLimitsContext = { db: deps.db as RateLimitsDb, clock: deps.clock }
  return {
    /** One hit on every window or on none; `executor` is the caller's transaction. */
    claim: (claims: readonly WindowClaim[], executor?: Db): Promise<void> =>
      claimWindows(ctx, claims, executor as RateLimitsDb | undefined),
    reset: (key: string): Promise<void> => resetWindow(ctx, key),
    /** Forgets keys and credential attempts idle for `idleMs` (a recurring job); returns how many. */
    pruneIdle: async (idleMs: number): Promise<number> =>
      (await pruneIdleKeys(ctx, idleMs)) + (await pruneIdleCredentialAttempts(ctx, idleMs)),
  }
}

export type RateLimits = ReturnType<typeof createRateLimits>

/**
 * Password attempts of one realm (operators, merchant staff), claimed before the password is
 * verified: see credential-attempts.ts.
 */
export function createCredentialAttempts(
  deps: { db: Db; clock: Clock },
  realm: CredentialRealm,
  rules: CredentialAttemptRules,
) {
  const ctx: CredentialAttemptsContext = {
    db: deps.db as RateLimitsDb,
    clock: deps.clock,
    realm,
    rules,
  }
  return {
    claim: (username: string) => claimCredentialAttempt(ctx, username),
    lockedUntilMs: (username: string) => lockedUntilMs(ctx, username),
    recordSuccess: (username: string, ownLock: number | null) =>
      recordCredentialSuccess(ctx, username, ownLock),
  }
}
