/**
 * The operator API: sign-in (its own cookie and sessions), user search and detail, status
 * changes and the audit log. Appeal review lives with the appeals routes.
 */
import type { FastifyRequest } from 'fastify'
import type { Config } from '../../config.ts'
import type { AuditEntry } from '../../modules/audit/index.ts'
import {
  type Operator,
  type OperatorRole as ModuleOperatorRole,
  type OpsService,
  STATUS_REASON_LENGTH_MAX as MODULE_STATUS_REASON_LENGTH_MAX,
} from '../../modules/ops/index.ts'
import { ADMIN_SESSION_COOKIE, authenticateOperator, operatorToken } from '../admin-auth.ts'
import {
  AuditList,
  AuditQuery,
  type AuditView,
  OperatorSessionProbe,
  OperatorSignedIn,
  OperatorSignInRequest,
  type OperatorRole,
  OperatorView,
  STATUS_REASON_LENGTH_MAX,
  UserDetail,
  UserParams,
  UserSearchQuery,
  UserSearchResult,
  UserStatusChange,
  AdminUserView,
} from '../contract/admin.ts'
import { AUTH_ERRORS, NoContent, type Same } from '../contract/common.ts'
import type { HttpApp } from '../server.ts'
import { toAppealView } from './appeals.ts'

const tags = ['admin']
// The contract restates the module's limit and roles; these fail to compile if they drift.
const contractMatches: [
  Same<typeof STATUS_REASON_LENGTH_MAX, typeof MODULE_STATUS_REASON_LENGTH_MAX>,
  Same<OperatorRole, ModuleOperatorRole>,
] = [true, true]
void contractMatches

function toOperatorView(operator: Operator): OperatorView {
  const { id, username, displayName, role } = operator
  return { id, username, displayName, role }
}

export function toAuditView(entry: AuditEntry): AuditView {
  return { ...entry, detail: entry.detail ?? null, ip: entry.ip ?? null }
}

export interface AdminRoutesDeps {
  ops: OpsService
  config: Pick<Config, 'cookieSecure' | 'dev'>
}

export async function adminRoutes(app: HttpApp, deps: AdminRoutesDeps): Promise<void> {
  await adminSessionRoutes(app, deps)
  await adminUserRoutes(app, deps)
  await adminActionRoutes(app, deps)
}

async function adminSessionRoutes(app: HttpApp, { ops, config }: AdminRoutesDeps): Promise<void> {
  app.post(
    '/api/v1/admin/sessions',
    {
      schema: {
        tags,
        summary: 'Operator sign-in; sets the lq_admin_session cookie',
        description: '5 wrong passwords in a row lock the account 15 minutes (OPERATOR_LOCKED).',
        body: OperatorSignInRequest,
        response: { 200: OperatorSignedIn, ...AUTH_ERRORS },
      },
    },
    async (request, reply) => {
      const { operator, token } = await ops.signIn({ ...request.body, ip: request.ip })
      void reply.setCookie(ADMIN_SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: config.cookieSecure,
        path: '/',
        maxAge: Math.floor(ops.sessionTtlMs / 1000),
      })
      return { token, operator: toOperatorView(operator) }
    },
  )

  app.delete(
    '/api/v1/admin/sessions/current',
    {
      schema: {
        tags,
        summary: 'Operator sign-out',
        response: { 204: NoContent, ...AUTH_ERRORS },
      },
    },
    async (request, reply) => {
      const { operator, session } = await authenticateOperator(request, ops)
      await ops.signOut(operator, session.id)
      void reply.clearCookie(ADMIN_SESSION_COOKIE, { path: '/' })
      return reply.status(204).send(null)
    },
  )

  app.get(
    '/api/v1/admin/me',
    {
      schema: {
        tags,
        summary: 'The signed-in operator',
        response: { 200: OperatorView, ...AUTH_ERRORS },
      },
    },
    async (request) => toOperatorView((await authenticateOperator(request, ops)).operator),
  )

  app.get(
    '/api/v1/admin/session',
    {
      schema: {
        tags,
        summary: 'Which operator is signed in, if any (200 either way)',
        response: { 200: OperatorSessionProbe },
      },
    },
    async (request) => probeOperatorSession(request, ops, config.dev),
  )
}

async function probeOperatorSession(
  request: FastifyRequest,
  ops: AdminRoutesDeps['ops'],
  devMode: boolean,
): Promise<OperatorSessionProbe> {
  const token = operatorToken(request)
  const resolved = token === undefined ? undefined : await ops.resolveSession(token)
  if (resolved === undefined) return { signedIn: false, devMode }
  return { signedIn: true, operator: toOperatorView(resolved.operator), devMode }
}

async function adminUserRoutes(app: HttpApp, { ops }: AdminRoutesDeps): Promise<void> {
  app.get(
    '/api/v1/admin/users',
    {
      schema: {
        tags,
        summary: 'Search users by full phone, last 4 digits, user id or exact real name (max 50)',
        querystring: UserSearchQuery,
        response: { 200: UserSearchResult, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { operator } = await authenticateOperator(request, ops)
      return { users: await ops.searchUsers(operator, request.query.q) }
    },
  )

  app.get(
    '/api/v1/admin/users/:userId',
    {
      schema: {
        tags,
        summary: 'One user: profile, newest 100 audit entries, appeals, live session count',
        params: UserParams,
        response: { 200: UserDetail, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { operator } = await authenticateOperator(request, ops)
      const detail = await ops.getUserDetail(operator, request.params.userId)
      return {
        user: detail.user,
        audit: detail.audit.map(toAuditView),
        appeals: detail.appeals.map(toAppealView),
        sessions: detail.sessions,
        operators: detail.operators,
      }
    },
  )
}

async function adminActionRoutes(app: HttpApp, { ops }: AdminRoutesDeps): Promise<void> {
  app.post(
    '/api/v1/admin/users/:userId/status',
    {
      schema: {
        tags,
        summary: 'Freeze, restrict or restore a user (roles risk and admin)',
        description: 'The reason is shown to the user in a notice and as statusReason.',
        params: UserParams,
        body: UserStatusChange,
        response: { 200: AdminUserView, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { operator } = await authenticateOperator(request, ops)
      return ops.changeUserStatus(operator, { userId: request.params.userId, ...request.body })
    },
  )

  app.get(
    '/api/v1/admin/audit',
    {
      schema: {
        tags,
        summary: 'Audit log, newest first, 100 a page; without a user the whole log (risk, admin)',
        description:
          'Filters (all optional, all must hold): user (id or phone), actorKind, actorId, ' +
          'action, from/to (Shanghai calendar dates, inclusive). Page back with nextBeforeId.',
        querystring: AuditQuery,
        response: { 200: AuditList, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { operator } = await authenticateOperator(request, ops)
      const { from, to, ...query } = request.query
      const listing = await ops.listAudit(operator, { ...query, fromDate: from, toDate: to })
      return { ...listing, entries: listing.entries.map(toAuditView) }
    },
  )
}
