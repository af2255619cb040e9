/**
 * @module quota
 * Limits that hold under parallel requests: a counter per limit and period, claimed atomically
 * (row lock + conditional increment) before the slow work, and given back by the caller's rule
 * when the work fails. Claims are idempotent by the caller's claim id, releases exactly once.
 * Every limit in the system goes through here (wallet daily limits and free quota, the
 * account-class limits; coupon budgets, 免密 daily limits, red-packet shares next).
 *
 * @example
 * const quota = createQuota({ db, clock })
 * await db.transaction().execute(async (trx) => {
 *   await quota.claim([{ claimId: `${opId}:day`, counterKey, amount, limit }], trx)
 *   await trx.insertInto('wallet_operations').values(row).execute()
 * }) // QuotaExceededError when over: neither the claim nor the row exists
 * await quota.release([`${opId}:day`]) // when the operation failed
 */
import type { Clock } from '../../adapters/clock/index.ts'
import type { Db } from '../../adapters/db/index.ts'
import {
  type ClaimedCounter,
  claimQuota,
  type CounterClaim,
  quotaUsed,
  releaseQuota,
} from './claims.ts'
import type { QuotaContext, QuotaDb } from './context.ts'

export { type ClaimedCounter, type CounterClaim, QuotaExceededError } from './claims.ts'
export { QUOTA_CLAIM_COUNTERS_MAX, QUOTA_UNLIMITED } from './context.ts'

export function createQuota(deps: { db: Db; clock: Clock }) {
  const ctx: QuotaContext = { db: deps.db as QuotaDb, clock: deps.clock }
  return {
    /** All or nothing; `executor` is the caller's transaction to claim together with its rows. */
    claim: (claims: readonly CounterClaim[], executor?: Db): Promise<ClaimedCounter[]> =>
      claimQuota(ctx, claims, executor as QuotaDb | undefined),
    /** Exactly once per claim id; returns what was given back. */
    release: (claimIds: readonly string[], executor?: Db): Promise<number> =>
      releaseQuota(ctx, claimIds, executor as QuotaDb | undefined),
    used: (counterKeys: readonly string[]) => quotaUsed(ctx, counterKeys),
  }
}

export type Quota = ReturnType<typeof createQuota>
