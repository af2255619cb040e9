/**
 * Looking users up for the operator console: search by phone (full or last 4 digits), user id or
 * real name; one user's detail with audit trail, appeals and live sessions. Phones and names are
 * masked for roles that may not see them.
 */
import { isUserId, normalizePhone, USER_SEARCH_RESULTS_MAX } from '../identity/index.ts'
import type { Appeal, User, UserStatus } from '../identity/index.ts'
import type { AuditEntry } from '../audit/index.ts'
import { DomainError } from '../../shared/errors.ts'
import type { OpsContext } from './context.ts'
import { type OperatorName, operatorNames } from './operator-names.ts'
import type { Operator } from './operators.ts'
import { identityForRole, requirePermission, type OperatorRole } from './roles.ts'

export interface AdminUser {
  id: string
  phone: string
  status: UserStatus
  statusReason: string | null
  realName: string | null
  verified: boolean
  accountClass: 0 | 1 | 2 | 3
  createdAtMs: number
}

export interface AdminUserDetail {
  user: AdminUser
  audit: AuditEntry[]
  appeals: Appeal[]
  sessions: number
  /** The operators acting in `audit`, by name. */
  operators: OperatorName[]
}

export { USER_SEARCH_RESULTS_MAX }
const USER_DETAIL_AUDIT_MAX = 100
export const STATUS_REASON_LENGTH_MAX = 500

export function toAdminUser(role: OperatorRole, user: User): AdminUser {
  const shown = identityForRole(role, user)
  return {
    id: user.id,
    phone: shown.phone,
    status: user.status,
    statusReason: user.statusReason,
    realName: shown.realName,
    verified: user.verified,
    accountClass: user.accountClass,
    createdAtMs: user.createdAtMs,
  }
}

/** Newest users first; no query lists the newest users. */
export async function searchUsers(
  ctx: OpsContext,
  operator: Operator,
  query: string | undefined,
): Promise<AdminUser[]> {
  const users = await ctx.identity.searchUsers(query ?? '')
  return users.map((user) => toAdminUser(operator.role, user))
}

/** NOT_FOUND for an unknown id, whatever its shape, so ids cannot be probed. */
export async function getUserDetail(
  ctx: OpsContext,
  operator: Operator,
  userId: string,
): Promise<AdminUserDetail> {
  const user = await findUser(ctx, userId)
  const [audit, appeals, sessions] = await Promise.all([
    ctx.audit.listForUser(user.id, { limit: USER_DETAIL_AUDIT_MAX }),
    ctx.identity.appeals.listForUser(user.id),
    ctx.identity.listSessions(user.id),
  ])
  return {
    user: toAdminUser(operator.role, user),
    audit,
    appeals,
    sessions: sessions.length,
    operators: await operatorNames(ctx, audit),
  }
}

/** A user by id or phone; undefined when there is none (or the text is neither). */
export async function findUserByIdOrPhone(
  ctx: OpsContext,
  text: string,
): Promise<User | undefined> {
  const trimmed = text.trim()
  if (isUserId(trimmed)) {
    const found = await ctx.identity.searchUsers(trimmed)
    return found[0]
  }
  let phone: string
  try {
    phone = normalizePhone(trimmed)
  } catch {
    throw new DomainError('INVALID_REQUEST', {
      reason: 'user must be a user id (u_…) or a mobile number',
      fields: ['/user'],
    })
  }
  return ctx.identity.findUserByPhone(phone)
}

export async function findUser(ctx: OpsContext, userId: string): Promise<User> {
  if (!isUserId(userId)) throw new DomainError('NOT_FOUND', { resource: 'user' })
  return ctx.identity.getUser(userId)
}

export interface StatusChangeRequest {
  userId: string
  status: UserStatus
  reason: string
}

/** Freeze, restrict or restore (risk and admin only); the identity service notifies and audits. */
export async function changeUserStatus(
  ctx: OpsContext,
  operator: Operator,
  request: StatusChangeRequest,
): Promise<AdminUser> {
  requirePermission(operator.role, 'user.change_status')
  const reason = request.reason.trim()
  if (reason.length === 0 || reason.length > STATUS_REASON_LENGTH_MAX) {
    throw new DomainError('INVALID_REQUEST', { field: 'reason' })
  }
  const user = await findUser(ctx, request.userId)
  const changed = await ctx.identity.setStatusByOperator({
    userId: user.id,
    status: request.status,
    reason,
    operatorId: operator.id,
  })
  return toAdminUser(operator.role, changed)
}
