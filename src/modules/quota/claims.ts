/**
 * The one way a limit is enforced: claim first, atomically, then do the slow work. A claim
 * locks its counter row (SELECT … FOR UPDATE inside the caller's transaction, or one of its
 * own), checks the limit against the locked value and adds the amount, so two requests can
 * never both see room for one. Each claim is a row keyed by the caller's id: claiming the same
 * id again returns the first claim and counts nothing; releasing gives it back exactly once.
 * A claim that touches several counters (a yearly and a lifetime limit) is all or nothing.
 */
import { sql, type Transaction } from 'kysely'
import { assert, assertSafeInteger } from '../../shared/assert.ts'
import {
  QUOTA_CLAIM_COUNTERS_MAX,
  QUOTA_ID_LENGTH_MAX,
  type QuotaContext,
  type QuotaDb,
} from './context.ts'
import type { QuotaTables } from './quota-tables.ts'

export interface CounterClaim {
  /** The caller's id for this claim (e.g. `<operation id>:day`): replays count once. */
  claimId: string
  counterKey: string
  amount: number
  /** The counter may reach this value, not exceed it (the caller's current rule). */
  limit: number
  /** Take what is left up to `amount` instead of refusing (a free quota). Default false. */
  partial?: boolean
}

export interface ClaimedCounter {
  claimId: string
  counterKey: string
  /** What this claim holds: `amount`, or for a partial claim possibly less (even 0). */
  claimed: number
  /** The counter before this claim (what earlier claims hold). */
  usedBefore: number
}

/** No room on `counterKey`: nothing was claimed on any counter of the request. */
export class QuotaExceededError extends Error {
  constructor(
    readonly counterKey: string,
    readonly used: number,
    readonly limit: number,
    readonly requested: number,
  ) {
    super(`quota ${counterKey}: ${used} + ${requested} > ${limit}`)
    this.name = 'QuotaExceededError'
  }
}

/** Runs `work` in `executor` when it is a transaction already, else in a new one. */
export function inTransaction<T>(
  executor: QuotaDb,
  work: (trx: Transaction<QuotaTables>) => Promise<T>,
): Promise<T> {
  if (executor.isTransaction) return work(executor as Transaction<QuotaTables>)
  return executor.transaction().execute(work)
}

function assertClaim(claim: CounterClaim): void {
  assert(claim.claimId.length > 0 && claim.claimId.length <= QUOTA_ID_LENGTH_MAX, 'claimId')
  assert(claim.counterKey.length > 0 && claim.counterKey.length <= QUOTA_ID_LENGTH_MAX, 'key')
  assertSafeInteger(claim.amount, 'amount')
  assertSafeInteger(claim.limit, 'limit')
  assert(claim.amount >= 0 && claim.limit >= 0, 'claim amount and limit are not negative')
}

/**
 * Claims every counter of `claims` or none (throws QuotaExceededError, rolling back the
 * transaction). Pass the caller's transaction as `executor` to claim together with the caller's
 * own rows: the claim then commits or rolls back with them.
 */
export async function claimQuota(
  ctx: QuotaContext,
  claims: readonly CounterClaim[],
  executor: QuotaDb = ctx.db,
): Promise<ClaimedCounter[]> {
  assert(claims.length > 0 && claims.length <= QUOTA_CLAIM_COUNTERS_MAX, 'claims per request')
  claims.forEach(assertClaim)
  assert(new Set(claims.map((c) => c.counterKey)).size === claims.length, 'one claim per counter')
  // Counters are always locked in key order, so two multi-counter claims cannot deadlock.
  const ordered = [...claims].sort((a, b) => (a.counterKey < b.counterKey ? -1 : 1))
  // One statement is atomic by itself: no transaction of its own is needed (quota_claim.sql).
  const claimed = await claimInOrder(ctx, executor, ordered)
  return claims.map((claim) => claimed.find((each) => each.claimId === claim.claimId)!)
}

/** One item's answer from quota_claim.sql. */
type ClaimAnswer =
  | { r: 'ok'; claimed: number; usedBefore: number }
  | { r: 'exists'; claimed: number; usedBefore: number; k: string }
  | { r: 'exceeded'; k: string; used: number }

/**
 * Every counter in one round trip (migrations/functions/quota_claim.sql): lock, replay check,
 * limit check and increment per counter, in the given order, stopping at the first without room.
 */
async function claimInOrder(
  ctx: QuotaContext,
  executor: QuotaDb,
  ordered: readonly CounterClaim[],
): Promise<ClaimedCounter[]> {
  const items = ordered.map((claim) => ({
    i: claim.claimId,
    k: claim.counterKey,
    a: claim.amount,
    l: claim.limit,
    p: claim.partial === true,
  }))
  const nowIso = new Date(ctx.clock.nowMs()).toISOString()
  const { rows } = await sql<{ results: ClaimAnswer[] }>`
    SELECT quota_claim(${JSON.stringify(items)}::jsonb, ${nowIso}::timestamptz) AS results
  `.execute(executor)
  const answers = rows[0]?.results ?? []
  const refused = answers.find((answer) => answer.r === 'exceeded')
  if (refused !== undefined) {
    const claim = ordered.find((each) => each.counterKey === refused.k)
    assert(claim !== undefined, 'the refused counter is one of those claimed')
    throw new QuotaExceededError(claim.counterKey, Number(refused.used), claim.limit, claim.amount)
  }
  assert(answers.length === ordered.length, 'one answer per counter claimed')
  return answers.map((answer, index) => {
    const claim = ordered[index] as CounterClaim
    assert(answer.r !== 'exceeded', 'no refusal among the claims made')
    if (answer.r === 'exists') {
      assert(answer.k === claim.counterKey, `claim ${claim.claimId} is on another key`)
    }
    const claimedAmount = Number(answer.claimed)
    assert(claimedAmount >= 0 && claimedAmount <= claim.amount, 'claimed within the request')
    return { ...idOf(claim), claimed: claimedAmount, usedBefore: Number(answer.usedBefore) }
  })
}

function idOf(claim: CounterClaim): { claimId: string; counterKey: string } {
  return { claimId: claim.claimId, counterKey: claim.counterKey }
}

/**
 * Gives the claims back; a claim already released (or never made) gives nothing, so a retried
 * release is harmless. Returns the total given back.
 */
export async function releaseQuota(
  ctx: QuotaContext,
  claimIds: readonly string[],
  executor: QuotaDb = ctx.db,
): Promise<number> {
  assert(claimIds.length <= QUOTA_CLAIM_COUNTERS_MAX, 'claims per release')
  if (claimIds.length === 0) return 0
  return inTransaction(executor, async (trx) => {
    const released = await trx
      .updateTable('quota_claims')
      .set({ released_at: new Date(ctx.clock.nowMs()) })
      .where('id', 'in', [...claimIds])
      .where('released_at', 'is', null)
      .returning(['counter_key', 'amount'])
      .execute()
    released.sort((a, b) => (a.counter_key < b.counter_key ? -1 : 1))
    let totalReleased = 0
    for (const claim of released) {
      const amount = Number(claim.amount)
      if (amount === 0) continue
      await trx
        .updateTable('quota_counters')
        .set((eb) => ({ used: eb('used', '-', amount), updated_at: new Date(ctx.clock.nowMs()) }))
        .where('key', '=', claim.counter_key)
        .execute()
      totalReleased += amount
    }
    return totalReleased
  })
}

/** What the counters hold now (0 for a counter never claimed): for views, never for a check. */
export async function quotaUsed(
  ctx: QuotaContext,
  counterKeys: readonly string[],
): Promise<Map<string, number>> {
  const used = new Map(counterKeys.map((key) => [key, 0]))
  if (counterKeys.length === 0) return used
  const rows = await ctx.db
    .selectFrom('quota_counters')
    .select(['key', 'used'])
    .where('key', 'in', [...counterKeys])
    .execute()
  for (const row of rows) used.set(row.key, Number(row.used))
  return used
}
