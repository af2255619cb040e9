/**
 * The payment password (支付密码): exactly 6 digits, separate from sign-in, refused when easy to
 * guess, stored as argon2id with a server-side pepper (so a database copy alone cannot be
 * brute-forced: 6 digits are only 10^6 guesses). Wrong entries lock payments (5 → 3 hours by
 * default); every set, change, reset and lock sends a security notice.
 */
import { type Algorithm, hash, verify } from '@node-rs/argon2'
import { sql } from 'kysely'
import { DomainError } from '../../shared/errors.ts'
import { addNotice } from './notices.ts'
import { redeemableCode, verifyPasswordReset } from './password-reset-ticket.ts'
import { type SecurityContext, userEvent } from './security-context.ts'
import { markSmsCodeUsed } from './sms-codes.ts'
import { getUser, type User } from './users.ts'

/** Algorithm.Argon2id: the typings declare an ambient const enum, which cannot be imported. */
const ARGON2ID: Algorithm.Argon2id = 2
/** OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane), spelled out rather than defaulted. */
const ARGON2_OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 }

export type WeakPasswordReason = 'NOT_SIX_DIGITS' | 'ALL_SAME' | 'SEQUENCE' | 'BIRTH_DATE'

export interface PasswordStatus {
  set: boolean
  lockedUntilMs: number | null
  attemptsLeft: number
}

/** Called on reset after the SMS code and ID number passed; throws a DomainError to refuse. */
export type PasswordResetCheck = (request: {
  userId: string
  cardNumber: string | undefined
}) => Promise<void>

/**
 * Why a 6-digit password is too easy to guess, or undefined. Refused: not 6 digits; one digit
 * six times (000000); a run up or down by one (012345, 123456, 654321, no wrap-around); the
 * holder's birth date as YYMMDD, MMDDYY, DDMMYY or YYYYMM.
 *
 * @example weakPasswordReason('880312', '1988-03-12') // → 'BIRTH_DATE'
 */
export function weakPasswordReason(
  password: string,
  birthDate: string | null,
): WeakPasswordReason | undefined {
  if (!/^\d{6}$/.test(password)) return 'NOT_SIX_DIGITS'
  if (/^(\d)\1{5}$/.test(password)) return 'ALL_SAME'
  const steps = new Set<number>()
  for (let index = 1; index < 6; index++) {
    steps.add(password.charCodeAt(index) - password.charCodeAt(index - 1))
  }
  if (steps.size === 1 && (steps.has(1) || steps.has(-1))) return 'SEQUENCE'
  if (birthDate !== null) {
    const [yyyy = '', mm = '', dd = ''] = birthDate.split('-')
    const yy = yyyy.slice(2)
    const dates = [yy + mm + dd, mm + dd + yy, dd + mm + yy, yyyy + mm]
    if (dates.includes(password)) return 'BIRTH_DATE'
  }
  return undefined
}

function pepper(ctx: SecurityContext): Uint8Array {
  return Buffer.from(ctx.secrets.keyedHash('payment-password-pepper'), 'base64url')
}

async function hashPassword(ctx: SecurityContext, password: string): Promise<string> {
  return hash(password, { ...ARGON2_OPTIONS, secret: pepper(ctx) })
}

function assertStrong(user: User, password: unknown): string {
  const text = typeof password === 'string' ? password : ''
  const reason = weakPasswordReason(text, user.birthDate)
  if (reason !== undefined) throw new DomainError('PAYMENT_PASSWORD_WEAK', { reason })
  return text
}

/**
 * The strength rule alone, for the PIN screen to refuse a weak password at its first entry
 * (the same rule set and change apply, so there is one rule, on the server).
 */
export async function checkNewPaymentPassword(
  ctx: SecurityContext,
  userId: string,
  password: unknown,
): Promise<void> {
  assertStrong(await getUser(ctx, userId), password)
}

async function passwordRow(ctx: SecurityContext, userId: string) {
  return ctx.db
    .selectFrom('payment_passwords')
    .selectAll()
    .where('user_id', '=', userId)
    .executeTakeFirst()
}

export async function passwordStatus(
  ctx: SecurityContext,
  userId: string,
): Promise<PasswordStatus> {
  const row = await passwordRow(ctx, userId)
  const attemptsMax = ctx.securityRules.pinAttemptsMax
  if (row === undefined) return { set: false, lockedUntilMs: null, attemptsLeft: attemptsMax }
  const lockedUntilMs = row.locked_until === null ? null : new Date(row.locked_until).getTime()
  if (lockedUntilMs !== null && lockedUntilMs > ctx.clock.nowMs()) {
    return { set: true, lockedUntilMs, attemptsLeft: 0 }
  }
  // A lock that has run out leaves the counter at the maximum; it starts afresh.
  const failed = lockedUntilMs === null ? Number(row.failed_attempts) : 0
  return { set: true, lockedUntilMs: null, attemptsLeft: Math.max(0, attemptsMax - failed) }
}

/** Sets the first payment password; the account must be verified (the birth date is checked). */
export async function setPaymentPassword(
  ctx: SecurityContext,
  request: { userId: string; password: unknown; ip?: string },
): Promise<PasswordStatus> {
  const user = await getUser(ctx, request.userId)
  if (!user.verified) throw new DomainError('KYC_REQUIRED')
  const password = assertStrong(user, request.password)
  const inserted = await ctx.db
    .insertInto('payment_passwords')
    .values({
      user_id: user.id,
      password_hash: await hashPassword(ctx, password),
      locked_until: null,
      updated_at: new Date(ctx.clock.nowMs()),
    })
    .onConflict((conflict) => conflict.column('user_id').doNothing())
    .executeTakeFirst()
  if (inserted.numInsertedOrUpdatedRows === 0n) {
    throw new DomainError('PAYMENT_PASSWORD_ALREADY_SET')
  }
  await addNotice(ctx, user, 'payment_password_set')
  await ctx.audit.record(userEvent(user.id, 'pin.set', {}, request.ip))
  return passwordStatus(ctx, user.id)
}

export async function changePaymentPassword(
  ctx: SecurityContext,
  request: { userId: string; oldPassword: unknown; newPassword: unknown; ip?: string },
): Promise<PasswordStatus> {
  const user = await getUser(ctx, request.userId)
  // The new one is checked first: a typo in it should not cost an attempt of the old one.
  const newPassword = assertStrong(user, request.newPassword)
  await verifyPaymentPassword(ctx, user, request.oldPassword, request.ip)
  if (newPassword === request.oldPassword) {
    throw new DomainError('INVALID_REQUEST', { reason: 'SAME_AS_OLD' })
  }
  await storeNewPassword(ctx, user.id, newPassword)
  await addNotice(ctx, user, 'payment_password_changed')
  await ctx.audit.record(userEvent(user.id, 'pin.changed', {}, request.ip))
  return passwordStatus(ctx, user.id)
}

export interface ResetRequest {
  userId: string
  /** From verifyPasswordReset; without it the proof below is checked in the same call. */
  resetTicket?: unknown
  smsCode?: unknown
  idNumber?: unknown
  newPassword: unknown
  cardNumber?: string
  ip?: string
}

/**
 * 找回支付密码: an SMS code (purpose reset_password), the ID number on record, and the optional
 * extra check (a bound card) are verified first, in verifyPasswordReset, before the new PIN is
 * typed; the reset itself then redeems the ticket. Clears a lock.
 */
export async function resetPaymentPassword(
  ctx: SecurityContext,
  request: ResetRequest,
): Promise<PasswordStatus> {
  const user = await getUser(ctx, request.userId)
  if (!user.verified) throw new DomainError('KYC_REQUIRED')
  const newPassword = assertStrong(user, request.newPassword)
  const ticket =
    request.resetTicket === undefined
      ? (await verifyPasswordReset(ctx, request)).resetTicket
      : request.resetTicket
  const codeId = redeemableCode(ctx, user.id, ticket)
  // Using the code up and storing the password commit together: the ticket works exactly once.
  await ctx.db.transaction().execute(async (trx) => {
    const inTrx = { ...ctx, db: trx }
    await markSmsCodeUsed(inTrx, codeId)
    await storeNewPassword(inTrx, user.id, newPassword)
  })
  await addNotice(ctx, user, 'payment_password_reset')
  await ctx.audit.record(userEvent(user.id, 'pin.reset', {}, request.ip))
  return passwordStatus(ctx, user.id)
}

async function storeNewPassword(ctx: SecurityContext, userId: string, password: string) {
  await ctx.db
    .updateTable('payment_passwords')
    .set({
      password_hash: await hashPassword(ctx, password),
      failed_attempts: 0,
      locked_until: null,
      updated_at: new Date(ctx.clock.nowMs()),
    })
    .where('user_id', '=', userId)
    .execute()
}

/** Throws PAYMENT_PASSWORD_NOT_SET or PIN_LOCKED (with unlockAtMs) when no entry is possible. */
export async function assertPasswordUsable(ctx: SecurityContext, userId: string): Promise<void> {
  const status = await passwordStatus(ctx, userId)
  if (!status.set) throw new DomainError('PAYMENT_PASSWORD_NOT_SET')
  if (status.lockedUntilMs !== null) {
    throw new DomainError('PIN_LOCKED', { unlockAtMs: status.lockedUntilMs, attemptsLeft: 0 })
  }
}

/**
 * Checks the payment password: PAYMENT_PASSWORD_NOT_SET, PIN_LOCKED (unlockAtMs), PIN_WRONG
 * (attemptsLeft); the wrong entry that reaches the limit answers PIN_LOCKED at once. Each entry
 * claims its attempt (a conditional update) before the slow argon2 verify, so however many
 * processes check at once, at most pinAttemptsMax entries are verified before the lock; within
 * one process the per-user queue also keeps a right entry from being refused by a parallel one.
 */
export async function verifyPaymentPassword(
  ctx: SecurityContext,
  user: User,
  password: unknown,
  ip?: string,
): Promise<void> {
  await ctx.pinQueue(user.id, async () => {
    const claim = await claimAttempt(ctx, user.id)
    const text = typeof password === 'string' ? password : ''
    const secret = pepper(ctx)
    const right = /^\d{6}$/.test(text) && (await verify(claim.passwordHash, text, { secret }))
    if (right) await recordSuccess(ctx, user.id, claim.lockUntil)
    else await recordFailure(ctx, user, claim, ip)
  })
}

function unlocked(now: Date) {
  return sql<boolean>`(locked_until is null or locked_until <= ${now})`
}

interface ClaimedAttempt {
  passwordHash: string
  failedAttempts: number
  /** Set when this entry was the last one allowed: it locked, and lifts the lock if right. */
  lockUntil: Date | null
}

/** Counts the entry as wrong until it is shown right; throws when no entry is possible. */
async function claimAttempt(ctx: SecurityContext, userId: string): Promise<ClaimedAttempt> {
  const nowMs = ctx.clock.nowMs()
  const now = new Date(nowMs)
  const { pinAttemptsMax, pinLockMs } = ctx.securityRules
  // A lock that has run out counts as no failures; SET sees the row as it was before.
  const attempts = sql<number>`
    (case when locked_until <= ${now} then 0 else failed_attempts end) + 1`
  const claimed = await sql<{
    password_hash: string
    failed_attempts: number
    locked_until: Date | string | null
  }>`
    update payment_passwords
    set failed_attempts = ${attempts},
      locked_until = case when ${attempts} >= ${pinAttemptsMax}
        then ${new Date(nowMs + pinLockMs)}::timestamptz end
    where user_id = ${userId} and ${unlocked(now)}
    returning password_hash, failed_attempts, locked_until`.execute(ctx.db)
  const row = claimed.rows[0]
  if (row === undefined) {
    await assertPasswordUsable(ctx, userId)
    // The lock ran out between the update and the read: the caller may simply retry.
    throw new DomainError('SYSTEM_BUSY')
  }
  return {
    passwordHash: row.password_hash,
    failedAttempts: Number(row.failed_attempts),
    lockUntil: row.locked_until === null ? null : new Date(row.locked_until),
  }
}

async function recordSuccess(ctx: SecurityContext, userId: string, ownLock: Date | null) {
  const now = new Date(ctx.clock.nowMs())
  const reset = await ctx.db
    .updateTable('payment_passwords')
    .set({ failed_attempts: 0, locked_until: null })
    .where('user_id', '=', userId)
    .where((eb) =>
      ownLock === null ? unlocked(now) : eb.or([unlocked(now), eb('locked_until', '=', ownLock)]),
    )
    .executeTakeFirst()
  if (reset.numUpdatedRows > 0n) return
  // Locked by wrong entries in another process meanwhile: the lock stands.
  await assertPasswordUsable(ctx, userId)
  throw new DomainError('SYSTEM_BUSY')
}

async function recordFailure(
  ctx: SecurityContext,
  user: User,
  claim: ClaimedAttempt,
  ip: string | undefined,
) {
  const attemptsLeft = Math.max(0, ctx.securityRules.pinAttemptsMax - claim.failedAttempts)
  await ctx.audit.record(userEvent(user.id, 'pin.failed', { attemptsLeft }, ip))
  if (claim.lockUntil === null) throw new DomainError('PIN_WRONG', { attemptsLeft })
  const unlockAtMs = claim.lockUntil.getTime()
  await addNotice(ctx, user, 'payment_password_locked', { unlockAtMs })
  await ctx.audit.record(userEvent(user.id, 'pin.locked', { unlockAtMs }, ip))
  throw new DomainError('PIN_LOCKED', { unlockAtMs, attemptsLeft: 0 })
}
