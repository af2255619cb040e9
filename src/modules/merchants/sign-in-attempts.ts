/**
 * Merchant staff sign-in attempts (the pattern of src/modules/ops/sign-in-attempts.ts) per normalised username (known or not): one conditional upsert
 * claims an attempt before the password is verified, so of many parallel guesses at most
 * `staffWrongPasswordsMax` are ever verified. The claim that may be the last one allowed
 * locks at once; if its password turns out right, it lifts its own lock. A success resets the
 * count; the count also starts again once a lock has run out.
 */
import { sql } from 'kysely'
import type { MerchantsContext } from './context.ts'

/** Longer names are cut (the request schema allows less; this bounds the table's key). */
export const SIGN_IN_USERNAME_LENGTH_MAX = 200

export type ClaimedSignInAttempt =
  | {
      kind: 'claimed'
      /** Set when this attempt locked (it was the last allowed). */ lockUntilMs: number | null
    }
  | { kind: 'locked'; unlockAtMs: number }

export async function claimSignInAttempt(
  ctx: MerchantsContext,
  username: string,
): Promise<ClaimedSignInAttempt> {
  const nowMs = ctx.clock.nowMs()
  const now = new Date(nowMs)
  const { staffWrongPasswordsMax, staffLockMs } = ctx.rules
  const lockUntil = new Date(nowMs + staffLockMs)
  const firstLocks = staffWrongPasswordsMax <= 1
  // A lock that has run out counts as no failures; SET sees the row as it was before.
  const attempts = sql<number>`
    (case when a.locked_until <= ${now} then 0 else a.failed_attempts end) + 1`
  const claimed = await sql<{ locked_until: Date | string | null }>`
    insert into merchant_sign_in_attempts as a (username, failed_attempts, locked_until, updated_at)
    values (${username}, 1, ${firstLocks ? lockUntil : null}::timestamptz, ${now})
    on conflict (username) do update set
      failed_attempts = ${attempts},
      locked_until = case when ${attempts} >= ${staffWrongPasswordsMax}
        then ${lockUntil}::timestamptz end,
      updated_at = ${now}
    where a.locked_until is null or a.locked_until <= ${now}
    returning locked_until`.execute(ctx.db)
  const row = claimed.rows[0]
  if (row !== undefined) {
    const lockUntilMs = row.locked_until === null ? null : new Date(row.locked_until).getTime()
    return { kind: 'claimed', lockUntilMs }
  }
  return { kind: 'locked', unlockAtMs: await lockedUntilMs(ctx, username) }
}

/** When the lock on `username` ends (now, if it is not locked). */
export async function lockedUntilMs(ctx: MerchantsContext, username: string): Promise<number> {
  const row = await ctx.db
    .selectFrom('merchant_sign_in_attempts')
    .select('locked_until')
    .where('username', '=', username)
    .executeTakeFirst()
  const lockedUntil = row?.locked_until ?? null
  return lockedUntil === null ? ctx.clock.nowMs() : new Date(lockedUntil).getTime()
}

/**
 * A right password: resets the count, lifting the lock only if this attempt set it. False when
 * another attempt locked the account meanwhile: then the lock stands, right password or not.
 */
export async function recordSignInSuccess(
  ctx: MerchantsContext,
  username: string,
  ownLock: number | null,
): Promise<boolean> {
  const reset = await ctx.db
    .updateTable('merchant_sign_in_attempts')
    .set({ failed_attempts: 0, locked_until: null, updated_at: new Date(ctx.clock.nowMs()) })
    .where('username', '=', username)
    .where((eb) =>
      ownLock === null
        ? eb('locked_until', 'is', null)
        : eb.or([eb('locked_until', 'is', null), eb('locked_until', '=', new Date(ownLock))]),
    )
    .executeTakeFirst()
  return reset.numUpdatedRows > 0n
}

/**
 * Forgets the attempts of usernames not tried for `idleMs` and not locked now: a guessed
 * username would otherwise keep its row for ever. Returns how many were forgotten.
 */
export async function pruneIdleSignInAttempts(
  ctx: MerchantsContext,
  idleMs: number,
): Promise<number> {
  const nowMs = ctx.clock.nowMs()
  const pruned = await ctx.db
    .deleteFrom('merchant_sign_in_attempts')
    .where('updated_at', '<', new Date(nowMs - idleMs))
    .where((eb) =>
      eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', new Date(nowMs))]),
    )
    .executeTakeFirst()
  return Number(pruned.numDeletedRows)
}
