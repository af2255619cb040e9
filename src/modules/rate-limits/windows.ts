/**
 * Per-key windows, claimed atomically: one `INSERT … ON CONFLICT DO UPDATE … WHERE` per key
 * counts the hit only while the window has room (or opens a fresh window when the old one has
 * run out), so of many requests in the same instant exactly `limit` get through. The row lock
 * the statement takes lasts to the end of the transaction: a claim of several windows is all or
 * nothing, and keys are locked in sorted order so two such claims cannot deadlock.
 */
import { sql, type Transaction } from 'kysely'
import { assert, assertSafeInteger } from '../../shared/assert.ts'
import {
  RATE_LIMIT_KEY_LENGTH_MAX,
  RATE_LIMIT_WINDOWS_PER_CLAIM_MAX,
  type RateLimitsContext,
  type RateLimitsDb,
} from './context.ts'
import type { RateLimitsTables } from './rate-limits-tables.ts'

export interface WindowClaim {
  key: string
  /** Hits the window holds; the next one is refused until the window has run out. */
  limit: number
  windowMs: number
  /** What the caller calls this limit (reported back on refusal), e.g. `phone_hour`. */
  name: string
}

/** No room in the window `name`; nothing was counted on any window of the claim. */
export class RateLimitedError extends Error {
  constructor(
    readonly limitName: string,
    readonly key: string,
    readonly retryAfterMs: number,
  ) {
    super(`rate limit ${limitName} (${key}): retry after ${retryAfterMs} ms`)
    this.name = 'RateLimitedError'
  }
}

function assertClaim(claim: WindowClaim): void {
  assert(claim.key.length > 0 && claim.key.length <= RATE_LIMIT_KEY_LENGTH_MAX, 'key length')
  assertSafeInteger(claim.limit, 'limit')
  assertSafeInteger(claim.windowMs, 'windowMs')
  assert(claim.limit >= 1 && claim.windowMs >= 1, 'a window holds at least one hit')
}

function inTransaction<T>(
  executor: RateLimitsDb,
  work: (trx: Transaction<RateLimitsTables>) => Promise<T>,
): Promise<T> {
  if (executor.isTransaction) return work(executor as Transaction<RateLimitsTables>)
  return executor.transaction().execute(work)
}

/**
 * Counts one hit on every window of `claims`, or on none (throws RateLimitedError for the first
 * full window in key order). Pass the caller's transaction to claim together with its rows.
 */
export async function claimWindows(
  ctx: RateLimitsContext,
  claims: readonly WindowClaim[],
  executor: RateLimitsDb = ctx.db,
): Promise<void> {
  assert(claims.length > 0 && claims.length <= RATE_LIMIT_WINDOWS_PER_CLAIM_MAX, 'windows')
  claims.forEach(assertClaim)
  assert(new Set(claims.map((claim) => claim.key)).size === claims.length, 'one claim per key')
  const ordered = [...claims].sort((a, b) => (a.key < b.key ? -1 : 1))
  await inTransaction(executor, async (trx) => {
    for (const claim of ordered) await claimOne(ctx, trx, claim)
  })
}

async function claimOne(
  ctx: RateLimitsContext,
  trx: Transaction<RateLimitsTables>,
  claim: WindowClaim,
): Promise<void> {
  const nowMs = ctx.clock.nowMs()
  const now = new Date(nowMs)
  // A window that has run for windowMs is over: the hit opens a new one.
  const over = sql<boolean>`w.window_started_at <= ${new Date(nowMs - claim.windowMs)}`
  const counted = await sql<{ hits: number }>`
    insert into rate_limit_windows as w (key, hits, window_started_at)
    values (${claim.key}, 1, ${now})
    on conflict (key) do update set
      hits = case when ${over} then 1 else w.hits + 1 end,
      window_started_at = case when ${over} then ${now}::timestamptz else w.window_started_at end
    where ${over} or w.hits < ${claim.limit}
    returning hits`.execute(trx)
  if (counted.rows.length > 0) return
  const window = await trx
    .selectFrom('rate_limit_windows')
    .select('window_started_at')
    .where('key', '=', claim.key)
    .executeTakeFirstOrThrow()
  const endsAtMs = new Date(window.window_started_at).getTime() + claim.windowMs
  throw new RateLimitedError(claim.name, claim.key, Math.max(1, endsAtMs - nowMs))
}

/** Closes the window for `key`: the next hit opens a fresh one (e.g. after a code was burned). */
export async function resetWindow(ctx: RateLimitsContext, key: string): Promise<void> {
  await ctx.db.deleteFrom('rate_limit_windows').where('key', '=', key).execute()
}
