/**
 * Operator accounts and their sessions: argon2id passwords, a lock after 5 wrong passwords in a
 * row (15 minutes, per username: sign-in-attempts.ts), opaque session tokens stored as sha256 hashes in their own table, so a
 * wallet user's token can never act as an operator's and the other way round.
 */
import type { Selectable } from 'kysely'
import { assert } from '../../shared/assert.ts'
import { randomId, randomToken, tokenHash } from '../../shared/crypto.ts'
import { DomainError } from '../../shared/errors.ts'
import type { OpsContext } from './context.ts'
import type { OpsTables } from './ops-tables.ts'
import {
  hashPassword,
  OPERATOR_PASSWORD_LENGTH_MAX,
  OPERATOR_PASSWORD_LENGTH_MIN,
  verifyDecoy,
  verifyPassword,
} from './passwords.ts'
import { isOperatorRole, type OperatorRole } from './roles.ts'
import {
  claimSignInAttempt,
  lockedUntilMs,
  recordSignInSuccess,
  SIGN_IN_USERNAME_LENGTH_MAX,
} from './sign-in-attempts.ts'

export interface Operator {
  id: string
  username: string
  displayName: string
  role: OperatorRole
}

export interface OperatorSession {
  id: string
  operatorId: string
  expiresAtMs: number
}

export interface OperatorAccountInput {
  username: string
  displayName: string
  password: string
  role: OperatorRole
}

export interface OperatorSignIn {
  username: string
  password: string
  ip?: string | undefined
}

const USERNAME_PATTERN = /^[a-z][a-z0-9_.-]{2,31}$/

function toOperator(row: Selectable<OpsTables['operators']>): Operator {
  const role = row.role
  // The table's CHECK allows only these roles; anything else is a schema and code mismatch.
  assert(isOperatorRole(role), `operator ${row.id} has unknown role ${role}`)
  return { id: row.id, username: row.username, displayName: row.display_name, role }
}

/**
 * Creates the operator unless one with this username exists (then returns it unchanged: a
 * re-run of the demo seed must not reset a password someone has since changed).
 *
 * @example
 * await ensureOperator(ctx, { username: 'admin', displayName: '管理员', password, role: 'admin' })
 */
export async function ensureOperator(
  ctx: OpsContext,
  input: OperatorAccountInput,
): Promise<{ operator: Operator; created: boolean }> {
  const username = input.username.trim().toLowerCase()
  if (!USERNAME_PATTERN.test(username)) {
    throw new DomainError('INVALID_REQUEST', { field: 'username' })
  }
  const length = input.password.length
  if (length < OPERATOR_PASSWORD_LENGTH_MIN || length > OPERATOR_PASSWORD_LENGTH_MAX) {
    const lengthMin = OPERATOR_PASSWORD_LENGTH_MIN
    throw new DomainError('INVALID_REQUEST', { field: 'password', lengthMin })
  }
  const existing = await findOperatorRow(ctx, username)
  if (existing !== undefined) return { operator: toOperator(existing), created: false }
  const displayName = input.displayName.trim().slice(0, 64) || username
  const inserted = await ctx.db
    .insertInto('operators')
    .values({
      id: randomId('op', 16),
      username,
      display_name: displayName,
      password_hash: await hashPassword(input.password),
      role: input.role,
      locked_until: null,
      created_at: new Date(ctx.clock.nowMs()),
    })
    // A concurrent seed may have created it meanwhile: then that one stands.
    .onConflict((conflict) => conflict.column('username').doNothing())
    .executeTakeFirst()
  const row = await findOperatorRow(ctx, username)
  assert(row !== undefined, 'the operator exists after insert')
  return { operator: toOperator(row), created: Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0 }
}

function findOperatorRow(ctx: OpsContext, username: string) {
  return ctx.db
    .selectFrom('operators')
    .selectAll()
    .where('username', '=', username)
    .executeTakeFirst()
}

/**
 * Signs an operator in; every outcome is audited, the caller only learns "wrong" or "locked".
 * The attempt is claimed before the (slow) argon2 verify, per normalised username whether or
 * not an operator has it (see sign-in-attempts.ts): parallel guesses get at most the allowed
 * number of verifies, and an unknown name answers exactly like a real one, locks included.
 */
export async function signInOperator(
  ctx: OpsContext,
  request: OperatorSignIn,
): Promise<{ operator: Operator; token: string; session: OperatorSession }> {
  const username = request.username.trim().toLowerCase().slice(0, SIGN_IN_USERNAME_LENGTH_MAX)
  const claim = await claimSignInAttempt(ctx, username)
  const row = await findOperatorRow(ctx, username)
  const fail = (reason: string) =>
    ctx.audit.record({
      userId: null,
      actor: { kind: 'operator', ...(row ? { id: row.id } : {}) },
      action: 'operator.sign_in_failed',
      detail: { username: username.slice(0, 64), reason },
      ...(request.ip ? { ip: request.ip } : {}),
    })
  if (claim.kind === 'locked') {
    await fail('locked')
    throw new DomainError('OPERATOR_LOCKED', { unlockAtMs: claim.unlockAtMs })
  }
  const right =
    row === undefined
      ? await verifyDecoy(request.password).then(() => false)
      : await verifyPassword(row.password_hash, request.password)
  if (!right || row === undefined) {
    await fail(row === undefined ? 'unknown_username' : 'wrong_password')
    throw await wrongPasswordError(ctx, row?.id, claim.lockUntilMs, request.ip)
  }
  if (!(await recordSignInSuccess(ctx, username, claim.lockUntilMs))) {
    // Locked by parallel wrong attempts meanwhile: the lock stands.
    await fail('locked')
    throw new DomainError('OPERATOR_LOCKED', { unlockAtMs: await lockedUntilMs(ctx, username) })
  }
  const { token, session } = await createOperatorSession(ctx, row.id)
  await ctx.audit.record({
    userId: null,
    actor: { kind: 'operator', id: row.id },
    action: 'operator.signed_in',
    ...(request.ip ? { ip: request.ip } : {}),
  })
  return { operator: toOperator(row), token, session }
}

/** Wrong, or locked when this attempt was the last one allowed (the lock is audited). */
async function wrongPasswordError(
  ctx: OpsContext,
  operatorId: string | undefined,
  lockUntilMs: number | null,
  ip: string | undefined,
): Promise<DomainError> {
  if (lockUntilMs === null) return new DomainError('OPERATOR_CREDENTIALS_WRONG')
  const unlockAtMs = lockUntilMs
  await ctx.audit.record({
    userId: null,
    actor: { kind: 'operator', ...(operatorId ? { id: operatorId } : {}) },
    action: 'operator.locked',
    detail: { unlockAtMs },
    ...(ip ? { ip } : {}),
  })
  return new DomainError('OPERATOR_LOCKED', { unlockAtMs })
}

async function createOperatorSession(
  ctx: OpsContext,
  operatorId: string,
): Promise<{ token: string; session: OperatorSession }> {
  const nowMs = ctx.clock.nowMs()
  const token = randomToken(32)
  const expiresAtMs = nowMs + ctx.rules.operatorSessionTtlMs
  const session = { id: randomId('os', 20), operatorId, expiresAtMs }
  await ctx.db
    .insertInto('operator_sessions')
    .values({
      id: session.id,
      operator_id: operatorId,
      token_hash: tokenHash(token),
      created_at: new Date(nowMs),
      expires_at: new Date(session.expiresAtMs),
      revoked_at: null,
    })
    .execute()
  return { token, session }
}

/** The live operator session for a token, or undefined (unknown, expired or signed out). */
export async function resolveOperatorSession(
  ctx: OpsContext,
  token: string,
): Promise<{ operator: Operator; session: OperatorSession } | undefined> {
  if (token.length < 20 || token.length > 100) return undefined
  const row = await ctx.db
    .selectFrom('operator_sessions')
    .innerJoin('operators', 'operators.id', 'operator_sessions.operator_id')
    .selectAll('operators')
    .select(['operator_sessions.id as session_id', 'operator_sessions.expires_at as expires_at'])
    .where('operator_sessions.token_hash', '=', tokenHash(token))
    .where('operator_sessions.revoked_at', 'is', null)
    .where('operator_sessions.expires_at', '>', new Date(ctx.clock.nowMs()))
    .executeTakeFirst()
  if (row === undefined) return undefined
  const expiresAtMs = new Date(row.expires_at).getTime()
  const session = { id: row.session_id, operatorId: row.id, expiresAtMs }
  return { operator: toOperator(row), session }
}

export async function signOutOperator(
  ctx: OpsContext,
  operator: Operator,
  sessionId: string,
): Promise<void> {
  await ctx.db
    .updateTable('operator_sessions')
    .set({ revoked_at: new Date(ctx.clock.nowMs()) })
    .where('id', '=', sessionId)
    .where('operator_id', '=', operator.id)
    .where('revoked_at', 'is', null)
    .execute()
  await ctx.audit.record({
    userId: null,
    actor: { kind: 'operator', id: operator.id },
    action: 'operator.signed_out',
  })
}
