/**
 * Sliding windows per key, claimed atomically: a claim locks the key's row (SELECT … FOR UPDATE
 * inside the transaction, as src/modules/quota does), counts the key's hits within the window
 * and adds its own, so of many requests in the same instant exactly `limit` get through, and
 * any window of `windowMs` holds at most `limit` hits. A claim of several windows is all or
 * nothing, its keys locked in sorted order so two such claims cannot deadlock.
 */
import type { Transaction } from 'kysely'
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
  /** One length per key: a claim forgets the key's hits older than its window. */
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
  // One upsert creates and locks the key's row: unlike insert-then-select-for-update, it cannot
  // miss a row that pruneIdleKeys deleted in between (PostgreSQL retries the insert then).
  await trx
    .insertInto('rate_limit_keys')
    .values({ key: claim.key, last_hit_at: now })
    .onConflict((conflict) =>
      conflict
        .column('key')
        .doUpdateSet({ last_hit_at: (eb) => eb.ref('rate_limit_keys.last_hit_at') }),
    )
    .execute()
  // Hits that left the window never count again: the key keeps at most `limit` rows.
  await trx
    .deleteFrom('rate_limit_hits')
    .where('key', '=', claim.key)
    .where('hit_at', '<=', new Date(nowMs - claim.windowMs))
    .execute()
  // Under the key's lock: no other claim of this key can add a hit between count and insert.
  const recent = await trx
    .selectFrom('rate_limit_hits')
    .select('hit_at')
    .where('key', '=', claim.key)
    .where('hit_at', '>', new Date(nowMs - claim.windowMs))
    .orderBy('hit_at', 'desc')
    .limit(claim.limit)
    .execute()
  const oldestCounted = recent[claim.limit - 1]
  if (oldestCounted !== undefined) {
    // A slot frees when the oldest hit that still counts leaves the window.
    const freesAtMs = new Date(oldestCounted.hit_at).getTime() + claim.windowMs
    throw new RateLimitedError(claim.name, claim.key, Math.max(1, freesAtMs - nowMs))
  }
  await trx.insertInto('rate_limit_hits').values({ key: claim.key, hit_at: now }).execute()
  await trx
    .updateTable('rate_limit_keys')
    .set({ last_hit_at: now })
    .where('key', '=', claim.key)
    .execute()
}

/** Forgets the hits of `key`: its window is empty again (e.g. after a code was burned). */
export async function resetWindow(ctx: RateLimitsContext, key: string): Promise<void> {
  await ctx.db.deleteFrom('rate_limit_hits').where('key', '=', key).execute()
}

/** Keys forgotten per prune call at most; a recurring job calls again for the rest. */
export const RATE_LIMIT_PRUNE_BATCH_MAX = 5_000

/**
 * Forgets keys with no hit for `idleMs` (longer than any window, so nothing that still counts
 * is lost): every phone, IP or username ever tried would otherwise keep a row for ever. Keys a
 * claim holds right now are skipped, not waited for. Returns how many keys were forgotten.
 */
export async function pruneIdleKeys(ctx: RateLimitsContext, idleMs: number): Promise<number> {
  assertSafeInteger(idleMs, 'idleMs')
  assert(idleMs >= 1, 'idleMs ≥ 1')
  const idleSince = new Date(ctx.clock.nowMs() - idleMs)
  return inTransaction(ctx.db, async (trx) => {
    const idle = await trx
      .selectFrom('rate_limit_keys')
      .select('key')
      .where('last_hit_at', '<', idleSince)
      .limit(RATE_LIMIT_PRUNE_BATCH_MAX)
      .forUpdate()
      .skipLocked()
      .execute()
    const keys = idle.map((row) => row.key)
    if (keys.length === 0) return 0
    await trx.deleteFrom('rate_limit_hits').where('key', 'in', keys).execute()
    await trx.deleteFrom('rate_limit_keys').where('key', 'in', keys).execute()
    return keys.length
  })
}
