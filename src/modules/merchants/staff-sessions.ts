/**
 * Staff sign-in and sessions for the merchant console. The attempt is claimed before the slow
 * argon2 verify, per normalised username whether or not an account has it
 * (sign-in-attempts.ts), so parallel guesses get at most the allowed number of verifies and an
 * unknown username answers exactly like a known one, locks included. Tokens are opaque, stored
 * as sha256 hashes in merchant_sessions, a table no user or operator route reads: a staff token
 * never acts as a user's or an operator's, nor the other way round.
 */
import { randomId, randomToken, tokenHash } from '../../shared/crypto.ts'
import { DomainError } from '../../shared/errors.ts'
import { verifyDecoy, verifyPassword } from '../ops/index.ts'
import type { MerchantsContext } from './context.ts'
import {
  claimSignInAttempt,
  lockedUntilMs,
  recordSignInSuccess,
  SIGN_IN_USERNAME_LENGTH_MAX,
} from './sign-in-attempts.ts'
import { findStaffByUsername, normalizeStaffUsername, type Staff, toStaff } from './staff.ts'

export interface StaffSession {
  id: string
  staffId: string
  expiresAtMs: number
}

export interface StaffSignIn {
  username: string
  password: string
}

export async function signInStaff(
  ctx: MerchantsContext,
  request: StaffSignIn,
): Promise<{ staff: Staff; token: string; session: StaffSession }> {
  const username = normalizeStaffUsername(request.username).slice(0, SIGN_IN_USERNAME_LENGTH_MAX)
  const claim = await claimSignInAttempt(ctx, username)
  if (claim.kind === 'locked') {
    throw new DomainError('MERCHANT_LOCKED', { unlockAtMs: claim.unlockAtMs })
  }
  const row = await findStaffByUsername(ctx, username)
  const right =
    row === undefined
      ? await verifyDecoy(request.password).then(() => false)
      : await verifyPassword(row.password_hash, request.password)
  if (!right || row === undefined) {
    if (claim.lockUntilMs === null) throw new DomainError('MERCHANT_CREDENTIALS_WRONG')
    throw new DomainError('MERCHANT_LOCKED', { unlockAtMs: claim.lockUntilMs })
  }
  if (!(await recordSignInSuccess(ctx, username, claim.lockUntilMs))) {
    // Locked by parallel wrong attempts meanwhile: the lock stands, right password or not.
    throw new DomainError('MERCHANT_LOCKED', { unlockAtMs: await lockedUntilMs(ctx, username) })
  }
  const nowMs = ctx.clock.nowMs()
  const token = randomToken(32)
  const session = {
    id: randomId('mss', 20),
    staffId: row.id,
    expiresAtMs: nowMs + ctx.rules.staffSessionTtlMs,
  }
  await ctx.db
    .insertInto('merchant_sessions')
    .values({
      id: session.id,
      staff_id: row.id,
      token_hash: tokenHash(token),
      created_at: new Date(nowMs),
      expires_at: new Date(session.expiresAtMs),
      revoked_at: null,
    })
    .execute()
  return { staff: toStaff(row), token, session }
}

/** The live staff session for a token, or undefined (unknown, expired or signed out). */
export async function resolveStaffSession(
  ctx: MerchantsContext,
  token: string,
): Promise<{ staff: Staff; session: StaffSession } | undefined> {
  if (token.length < 20 || token.length > 100) return undefined
  const row = await ctx.db
    .selectFrom('merchant_sessions')
    .innerJoin('merchant_staff', 'merchant_staff.id', 'merchant_sessions.staff_id')
    .selectAll('merchant_staff')
    .select(['merchant_sessions.id as session_id', 'merchant_sessions.expires_at as expires_at'])
    .where('merchant_sessions.token_hash', '=', tokenHash(token))
    .where('merchant_sessions.revoked_at', 'is', null)
    .where('merchant_sessions.expires_at', '>', new Date(ctx.clock.nowMs()))
    .executeTakeFirst()
  if (row === undefined) return undefined
  const session = {
    id: row.session_id,
    staffId: row.id,
    expiresAtMs: new Date(row.expires_at).getTime(),
  }
  return { staff: toStaff(row), session }
}

export async function signOutStaff(
  ctx: MerchantsContext,
  staff: Staff,
  sessionId: string,
): Promise<void> {
  await ctx.db
    .updateTable('merchant_sessions')
    .set({ revoked_at: new Date(ctx.clock.nowMs()) })
    .where('id', '=', sessionId)
    .where('staff_id', '=', staff.id)
    .where('revoked_at', 'is', null)
    .execute()
}
