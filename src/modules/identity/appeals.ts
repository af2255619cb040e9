/**
 * Appeals (申诉): a frozen user asks for their account back, proving again who they are (name +
 * ID number when real-name verified, otherwise an SMS code to their phone); an operator
 * approves (the account is restored) or rejects with a reason the user sees. One pending
 * appeal per user (a partial unique index guarantees it).
 */
import type { Selectable } from 'kysely'
import { normalizePersonName } from '../../adapters/identity-verification/index.ts'
import { constantTimeEqual, randomId } from '../../shared/crypto.ts'
import { DomainError } from '../../shared/errors.ts'
import { parseIdNumber } from '../../shared/id-number.ts'
import { shanghaiDate } from '../../shared/shanghai-time.ts'
import type { IdentityContext } from './context.ts'
import type { IdentityTables } from './identity-tables.ts'
import { addNotice } from './notices.ts'
import { checkSmsCode, markSmsCodeUsed } from './sms-codes.ts'
import { getUser, type User, type UserStatus } from './users.ts'

export const APPEAL_STATUSES = ['pending', 'approved', 'rejected'] as const
export type AppealStatus = (typeof APPEAL_STATUSES)[number]

export interface Appeal {
  id: string
  userId: string
  status: AppealStatus
  statement: string
  decisionReason: string | null
  decidedBy: string | null
  createdAtMs: number
  decidedAtMs: number | null
}

/** An appeal with the unmasked identity of its user; the ops module masks it per role. */
export interface AppealForReview extends Appeal {
  userPhone: string
  userRealName: string | null
}

export interface AppealSubmission {
  userId: string
  statement: string
  realName?: string | undefined
  idNumber?: string | undefined
  smsCode?: string | undefined
  ip?: string | undefined
}

export interface AppealDecision {
  appealId: string
  operatorId: string
  decision: 'approve' | 'reject'
  reason: string
  ip?: string | undefined
}

interface StatusChange {
  userId: string
  status: UserStatus
  reason: string
  operatorId: string
}
type SetStatusByOperator = (request: StatusChange) => Promise<User>

export const APPEAL_STATEMENT_LENGTH_MAX = 2000
export const APPEAL_REASON_LENGTH_MAX = 500
const APPEALS_PER_USER_LIST_MAX = 50
const APPEALS_FOR_REVIEW_LIST_MAX = 100
/** Wrong name/ID pairs per user per day: the ID check must not become a guessing oracle. */
const IDENTITY_MISMATCH_PER_DAY_MAX = 5
const DAY_MS = 24 * 3600_000

function toAppeal(row: Selectable<IdentityTables['appeals']>): Appeal {
  return {
    id: row.id,
    userId: row.user_id,
    status: row.status as AppealStatus,
    statement: row.statement,
    decisionReason: row.decision_reason,
    decidedBy: row.decided_by,
    createdAtMs: new Date(row.created_at).getTime(),
    decidedAtMs: row.decided_at === null ? null : new Date(row.decided_at).getTime(),
  }
}

function boundedText(value: string, lengthMax: number, field: string): string {
  const text = value.trim()
  if (text.length === 0 || text.length > lengthMax) {
    throw new DomainError('INVALID_REQUEST', { field })
  }
  return text
}

function ipOf(request: { ip?: string | undefined }): { ip?: string } {
  return request.ip ? { ip: request.ip } : {}
}

/**
 * The keyed hash real-name verification stores (real-name.ts `idNumberHash`: same prefix, same
 * normalized input). Repeated here so appeals do not need that file's wider security context.
 */
function storedIdNumberHash(ctx: IdentityContext, idNumber: string): string {
  return ctx.secrets.keyedHash(`id_number:${idNumber}`)
}

/**
 * Submits an appeal for a frozen account.
 *
 * @example
 * await submitAppeal(ctx, { userId, statement: '手机已找回', realName: '张伟', idNumber: '…' })
 */
export async function submitAppeal(
  ctx: IdentityContext,
  request: AppealSubmission,
): Promise<Appeal> {
  const statement = boundedText(request.statement, APPEAL_STATEMENT_LENGTH_MAX, 'statement')
  const user = await ctx.db
    .selectFrom('users')
    .selectAll()
    .where('id', '=', request.userId)
    .executeTakeFirst()
  if (user === undefined) throw new DomainError('NOT_FOUND', { resource: 'user' })
  if (user.status !== 'frozen') throw new DomainError('APPEAL_NOT_NEEDED')
  if (await hasPendingAppeal(ctx, user.id)) throw new DomainError('APPEAL_PENDING')
  const check = await checkIdentity(ctx, user, request)
  const id = randomId('ap', 16)
  const row = await ctx.db
    .insertInto('appeals')
    .values({ id, user_id: user.id, statement, created_at: new Date(ctx.clock.nowMs()) })
    // Two submissions racing past the check above: the partial unique index keeps one.
    .onConflict((conflict) =>
      conflict.column('user_id').where('status', '=', 'pending').doNothing(),
    )
    .returningAll()
    .executeTakeFirst()
  if (row === undefined) throw new DomainError('APPEAL_PENDING')
  await ctx.audit.record({
    userId: user.id,
    actor: { kind: 'user', id: user.id },
    action: 'appeal.submitted',
    detail: { appealId: id, check },
    ...ipOf(request),
  })
  return toAppeal(row)
}

async function hasPendingAppeal(ctx: IdentityContext, userId: string): Promise<boolean> {
  const pending = await ctx.db
    .selectFrom('appeals')
    .select('id')
    .where('user_id', '=', userId)
    .where('status', '=', 'pending')
    .executeTakeFirst()
  return pending !== undefined
}

/** Verified users prove it with name + ID number; the others with an SMS code (used up here). */
async function checkIdentity(
  ctx: IdentityContext,
  user: Selectable<IdentityTables['users']>,
  request: AppealSubmission,
): Promise<'real_name' | 'sms'> {
  if (user.verified_at === null) {
    if (!request.smsCode) throw new DomainError('INVALID_REQUEST', { field: 'smsCode' })
    const code = { phone: user.phone, purpose: 'appeal' as const, code: request.smsCode }
    await markSmsCodeUsed(ctx, await checkSmsCode(ctx, code))
    return 'sms'
  }
  const realName = request.realName?.trim() ?? ''
  // NFKC folds full-width digits and Ｘ that phone keyboards produce into the stored form.
  const idNumber = request.idNumber?.normalize('NFKC').trim().toUpperCase() ?? ''
  if (realName === '' || idNumber === '') {
    throw new DomainError('INVALID_REQUEST', { field: realName === '' ? 'realName' : 'idNumber' })
  }
  // One validation, one message: a mistyped number is told as the real-name page tells it.
  const parsed = parseIdNumber(idNumber, shanghaiDate(ctx.clock.nowMs()))
  if (!parsed.ok) throw new DomainError('ID_NUMBER_INVALID', { reason: parsed.reason })
  await enforceMismatchLimit(ctx, user.id)
  const storedHash = user.id_number_hash
  const idMatches =
    storedHash !== null && constantTimeEqual(storedIdNumberHash(ctx, idNumber), storedHash)
  // Names compare as real-name verification compares them (full-width, spaces, middle dots).
  const nameMatches =
    user.real_name !== null && normalizePersonName(realName) === normalizePersonName(user.real_name)
  if (!idMatches || !nameMatches) {
    await ctx.audit.record({
      userId: user.id,
      actor: { kind: 'user', id: user.id },
      action: 'appeal.identity_mismatch',
      ...ipOf(request),
    })
    throw new DomainError('ID_NAME_MISMATCH')
  }
  return 'real_name'
}

/** Counted from the audit log (its newest 50 events are plenty for a limit of 5 a day). */
async function enforceMismatchLimit(ctx: IdentityContext, userId: string): Promise<void> {
  const nowMs = ctx.clock.nowMs()
  const recent = await ctx.audit.listForUser(userId, { limit: 50 })
  const mismatches = recent.filter(
    (entry) => entry.action === 'appeal.identity_mismatch' && entry.createdAtMs > nowMs - DAY_MS,
  )
  const oldestCounted = mismatches[IDENTITY_MISMATCH_PER_DAY_MAX - 1]
  if (oldestCounted === undefined) return
  const waitMs = oldestCounted.createdAtMs + DAY_MS - nowMs
  const retryAfterSeconds = Math.max(1, Math.ceil(waitMs / 1000))
  throw new DomainError('FREQUENCY_LIMITED', { retryAfterSeconds, limit: 'appeal_identity' })
}

/**
 * Decides a pending appeal. The row is claimed first (UPDATE … WHERE pending), so of two
 * operators deciding at once exactly one wins and the other gets APPEAL_ALREADY_DECIDED.
 */
export async function decideAppeal(
  ctx: IdentityContext,
  setStatusByOperator: SetStatusByOperator,
  request: AppealDecision,
): Promise<Appeal> {
  const reason = boundedText(request.reason, APPEAL_REASON_LENGTH_MAX, 'reason')
  const approved = request.decision === 'approve'
  const row = await ctx.db
    .updateTable('appeals')
    .set({
      status: approved ? 'approved' : 'rejected',
      decided_by: request.operatorId,
      decision_reason: reason,
      decided_at: new Date(ctx.clock.nowMs()),
    })
    .where('id', '=', request.appealId)
    .where('status', '=', 'pending')
    .returningAll()
    .executeTakeFirst()
  if (row === undefined) {
    const existing = await ctx.db
      .selectFrom('appeals')
      .select('status')
      .where('id', '=', request.appealId)
      .executeTakeFirst()
    if (existing === undefined) throw new DomainError('NOT_FOUND', { resource: 'appeal' })
    throw new DomainError('APPEAL_ALREADY_DECIDED', { status: existing.status })
  }
  const user = await getUser(ctx, row.user_id)
  // Restoring goes through the operator status change, which writes its own notice and audit.
  if (approved && user.status !== 'normal') {
    const operatorId = request.operatorId
    await setStatusByOperator({ userId: user.id, status: 'normal', reason, operatorId })
  }
  const notice = approved ? 'appeal_approved' : 'appeal_rejected'
  await addNotice(ctx, user, notice, { appealId: row.id, reason })
  await ctx.audit.record({
    userId: user.id,
    actor: { kind: 'operator', id: request.operatorId },
    action: approved ? 'appeal.approved' : 'appeal.rejected',
    detail: { appealId: row.id, reason },
    ...ipOf(request),
  })
  return toAppeal(row)
}

/** One user's appeals, newest first. */
export async function listAppealsForUser(ctx: IdentityContext, userId: string): Promise<Appeal[]> {
  const rows = await ctx.db
    .selectFrom('appeals')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(APPEALS_PER_USER_LIST_MAX)
    .execute()
  return rows.map(toAppeal)
}

/** The review queue: pending oldest first (first come, first served); decided newest first. */
export async function listAppealsForReview(
  ctx: IdentityContext,
  status: AppealStatus,
): Promise<AppealForReview[]> {
  const query = ctx.db
    .selectFrom('appeals')
    .innerJoin('users', 'users.id', 'appeals.user_id')
    .selectAll('appeals')
    .select(['users.phone as user_phone', 'users.real_name as user_real_name'])
    .where('appeals.status', '=', status)
  const ordered =
    status === 'pending'
      ? query.orderBy('appeals.created_at', 'asc').orderBy('appeals.id', 'asc')
      : query.orderBy('appeals.decided_at', 'desc').orderBy('appeals.id', 'desc')
  const rows = await ordered.limit(APPEALS_FOR_REVIEW_LIST_MAX).execute()
  return rows.map((row) => ({
    ...toAppeal(row),
    userPhone: row.user_phone,
    userRealName: row.user_real_name,
  }))
}

/** How many appeals are in `status` (the console's overview counts the pending ones). */
export async function countAppeals(ctx: IdentityContext, status: AppealStatus): Promise<number> {
  const row = await ctx.db
    .selectFrom('appeals')
    .select((eb) => eb.fn.countAll<string | number>().as('count'))
    .where('status', '=', status)
    .executeTakeFirstOrThrow()
  return Number(row.count)
}

/** The appeals service the identity service exposes as `identity.appeals`. */
export function createAppealService(
  ctx: IdentityContext,
  deps: { setStatusByOperator: SetStatusByOperator },
) {
  return {
    submit: (request: AppealSubmission) => submitAppeal(ctx, request),
    decide: (request: AppealDecision) => decideAppeal(ctx, deps.setStatusByOperator, request),
    listForUser: (userId: string) => listAppealsForUser(ctx, userId),
    listForReview: (status: AppealStatus) => listAppealsForReview(ctx, status),
    count: (status: AppealStatus) => countAppeals(ctx, status),
  }
}

export type AppealService = ReturnType<typeof createAppealService>
