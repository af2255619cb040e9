/**
 * Password attempts per realm and normalised username (known or not), for every sign-in that
 * locks after too many wrong passwords (operators, merchant staff): one conditional upsert
 * claims an attempt before the password is verified, so of many parallel guesses at most
 * `wrongMax` are ever verified. The claim that may be the last one allowed locks at once; if
 * its password turns out right, it lifts its own lock. A success resets the count; the count
 * also starts again once a lock has run out. Pruning forgets idle usernames of every realm.
 */
import { sql } from 'kysely'
import type { RateLimitsContext } from './context.ts'

/** Who signs in: each realm counts its own usernames. */
export type CredentialRealm = 'operator' | 'merchant_staff'

export interface CredentialAttemptRules {
  /** Wrong passwords in a row that lock the username. */
  wrongMax: number
  lockMs: number
}

export interface CredentialAttemptsContext extends RateLimitsContext {
  realm: CredentialRealm
  rules: CredentialAttemptRules
}

/** Longer names are cut (the request schemas allow less; this bounds the table's key). */
export const SIGN_IN_USERNAME_LENGTH_MAX = 200

export type ClaimedCredentialAttempt =
  | {
      kind: 'claimed'
      /** Set when this attempt locked (it was the last allowed). */ lockUntilMs: number | null
    }
  | { kind: 'locked'; unlockAtMs: number }

export async function claimCredentialAttempt(
  ctx: CredentialAttemptsContext,
  username: string,
): Promise<ClaimedCredentialAttempt> {
  const nowMs = ctx.clock.nowMs()
  const now = new Date(nowMs)
  const { wrongMax, lockMs } = ctx.rules
  const lockUntil = new Date(nowMs + lockMs)
  const firstLocks = wrongMax <= 1
  // A lock that has run out counts as no failures; SET sees the row as it was before.
  const attempts = sql<number>`
    (case when a.locked_until <= ${now} then 0 else a.failed_attempts end) + 1`
  const claimed = await sql<{ locked_until: Date | string | null }>`
    insert into credential_attempts as a (realm, username, failed_attempts, locked_until, updated_at)
    values (${ctx.realm}, ${username}, 1, ${firstLocks ? lockUntil : null}::timestamptz, ${now})
    on conflict (realm, username) do update set
      failed_attempts = ${attempts},
      locked_until = case when ${attempts} >= ${wrongMax}
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
export async function lockedUntilMs(
  ctx: CredentialAttemptsContext,
  username: string,
): Promise<number> {
  const row = await ctx.db
    .selectFrom('credential_attempts')
    .select('locked_until')
    .where('realm', '=', ctx.realm)
    .where('username', '=', username)
    .executeTakeFirst()
  const lockedUntil = row?.locked_until ?? null
  return lockedUntil === null ? ctx.clock.nowMs() : new Date(lockedUntil).getTime()
}

/**
 * A right password: resets the count, lifting the lock only if this attempt set it. False when
 * another attempt locked the account meanwhile: then the lock stands, right password or not.
 */
export async function recordCredentialSuccess(
  ctx: CredentialAttemptsContext,
  username: string,
  ownLock: number | null,
): Promise<boolean> {
  const reset = await ctx.db
    .updateTable('credential_attempts')
    .set({ failed_attempts: 0, locked_until: null, updated_at: new Date(ctx.clock.nowMs()) })
    .where('realm', '=', ctx.realm)
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
 * Forgets the attempts of usernames (of every realm) not tried for `idleMs` and not locked now:
 * a guessed username would otherwise keep its row for ever. Returns how many were forgotten.
 */
export async function pruneIdleCredentialAttempts(
  ctx: RateLimitsContext,
  idleMs: number,
): Promise<number> {
  const nowMs = ctx.clock.nowMs()
  const pruned = await ctx.db
    .deleteFrom('credential_attempts')
    .where('updated_at', '<', new Date(nowMs - idleMs))
    .where((eb) =>
      eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', new Date(nowMs))]),
    )
    .executeTakeFirst()
  return Number(pruned.numDeletedRows)
}
