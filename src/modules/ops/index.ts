/**
 * @module ops
 * The operator console's back end: operator accounts (support / risk / admin) with their own
 * sign-in and sessions, user search and detail, freeze/restrict/restore, the appeal queue and
 * the audit log. Every operator action is audited with actor kind 'operator'.
 *
 * @example
 * const ops = createOpsService({ db: database.db, clock, audit, identity })
 * await ops.ensureOperator({ username: 'admin', displayName: '管理员', password, role: 'admin' })
 * const { token, operator } = await ops.signIn({ username: 'admin', password })
 */
import type { Clock } from '../../adapters/clock/index.ts'
import type { Db } from '../../adapters/db/index.ts'
import type { AuditLog } from '../audit/index.ts'
import type { AppealStatus, IdentityService } from '../identity/index.ts'
import { type AppealDecisionRequest, decideAppeal, listAppealsForReview } from './appeal-review.ts'
import { type AuditPage, listAudit } from './audit-view.ts'
import { DEFAULT_OPS_RULES, type OpsContext, type OpsDb, type OpsRules } from './context.ts'
import {
  ensureOperator,
  type Operator,
  type OperatorAccountInput,
  type OperatorSignIn,
  resolveOperatorSession,
  signInOperator,
  signOutOperator,
} from './operators.ts'
import { type JobRetrySource, retryJob } from './job-retry.ts'
import { getUserMoney, type MoneySources } from './user-money.ts'
import {
  changeUserStatus,
  getUserDetail,
  searchUsers,
  type StatusChangeRequest,
} from './user-directory.ts'

export type { AppealDecisionRequest } from './appeal-review.ts'
export { AUDIT_PAGE_SIZE, type AuditListing, type AuditPage } from './audit-view.ts'
export type { JobRetrySource } from './job-retry.ts'
export type { OperatorName } from './operator-names.ts'
export { type MoneySources, USER_MONEY_OPERATIONS_MAX, type UserMoney } from './user-money.ts'
export { DEFAULT_OPS_RULES, type OpsContext, type OpsRules } from './context.ts'
export {
  ensureOperator,
  type Operator,
  type OperatorAccountInput,
  type OperatorSession,
  type OperatorSignIn,
} from './operators.ts'
/** One argon2id cost for every staff password (merchant staff use it too). */
export { hashPassword, verifyDecoy, verifyPassword } from './passwords.ts'
export { maskName, may, OPERATOR_ROLES, type OperatorRole, type Permission } from './roles.ts'
export {
  STATUS_REASON_LENGTH_MAX,
  USER_SEARCH_RESULTS_MAX,
  type AdminUser,
  type AdminUserDetail,
  type StatusChangeRequest,
} from './user-directory.ts'

export interface OpsDependencies {
  db: Db
  clock: Clock
  audit: AuditLog
  identity: IdentityService
  rules?: Partial<OpsRules>
}

export function createOpsService(deps: OpsDependencies) {
  const ctx: OpsContext = {
    db: deps.db as OpsDb,
    clock: deps.clock,
    audit: deps.audit,
    identity: deps.identity,
    rules: { ...DEFAULT_OPS_RULES, ...deps.rules },
  }
  return {
    /** Idempotent: creates the operator unless the username exists (the demo seed uses it). */
    ensureOperator: (input: OperatorAccountInput) => ensureOperator(ctx, input),
    signIn: (request: OperatorSignIn) => signInOperator(ctx, request),
    resolveSession: (token: string) => resolveOperatorSession(ctx, token),
    signOut: (operator: Operator, sessionId: string) => signOutOperator(ctx, operator, sessionId),
    searchUsers: (operator: Operator, query: string | undefined) =>
      searchUsers(ctx, operator, query),
    getUserDetail: (operator: Operator, userId: string) => getUserDetail(ctx, operator, userId),
    getUserMoney: (operator: Operator, userId: string, sources: MoneySources) =>
      getUserMoney(ctx, operator, userId, sources),
    changeUserStatus: (operator: Operator, request: StatusChangeRequest) =>
      changeUserStatus(ctx, operator, request),
    listAppeals: (operator: Operator, status: AppealStatus) =>
      listAppealsForReview(ctx, operator, status),
    /** Every role reviews appeals, so every role may count them. */
    countPendingAppeals: (_operator: Operator) => ctx.identity.appeals.count('pending'),
    decideAppeal: (operator: Operator, request: AppealDecisionRequest) =>
      decideAppeal(ctx, operator, request),
    listAudit: (operator: Operator, page: AuditPage) => listAudit(ctx, operator, page),
    /** Admins only; JOB_NOT_FOUND / JOB_NOT_FAILED from the jobs service; audited. */
    retryJob: (operator: Operator, jobId: number, source: JobRetrySource, ip?: string) =>
      retryJob(ctx, operator, jobId, source, ip),
    sessionTtlMs: ctx.rules.operatorSessionTtlMs,
  }
}

export type OpsService = ReturnType<typeof createOpsService>
