/**
 * The operator API: sign-in (its own cookie and sessions), user search and detail, status
 * changes and the audit log. Appeal review lives with the appeals routes.
 */
import { Type } from 'typebox'
import type { AuditEntry } from '../../modules/audit/index.ts'
import { type Operator, STATUS_REASON_LENGTH_MAX } from '../../modules/ops/index.ts'
import { ADMIN_SESSION_COOKIE, authenticateOperator } from '../admin-auth.ts'
import { AUTH_ERRORS } from '../schemas.ts'
import type { AppServices, HttpApp } from '../server.ts'
import { AppealView, toAppealView } from './appeals.ts'

const tags = ['admin']
const UserStatus = Type.Union([
  Type.Literal('normal'),
  Type.Literal('restricted'),
  Type.Literal('frozen'),
])
const UserId = Type.String({ minLength: 1, maxLength: 64 })

export const OperatorView = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  role: Type.Union([Type.Literal('support'), Type.Literal('risk'), Type.Literal('admin')]),
})

export const AdminUserView = Type.Object({
  id: Type.String(),
  phone: Type.String({ description: 'Masked (138****0001) for the support role' }),
  status: UserStatus,
  statusReason: Type.Union([Type.String(), Type.Null()]),
  realName: Type.Union([Type.String(), Type.Null()], { description: 'Masked (**丰) for support' }),
  verified: Type.Boolean(),
  accountClass: Type.Integer({ minimum: 0, maximum: 3 }),
  createdAtMs: Type.Integer(),
})

export const AuditView = Type.Object({
  id: Type.Integer(),
  userId: Type.Union([Type.String(), Type.Null()]),
  actor: Type.Object({
    kind: Type.Union([Type.Literal('user'), Type.Literal('operator'), Type.Literal('system')]),
    id: Type.Optional(Type.String()),
  }),
  action: Type.String(),
  detail: Type.Union([Type.Object({}, { additionalProperties: true }), Type.Null()]),
  ip: Type.Union([Type.String(), Type.Null()]),
  createdAtMs: Type.Integer(),
})

function toOperatorView(operator: Operator) {
  const { id, username, displayName, role } = operator
  return { id, username, displayName, role }
}

export function toAuditView(entry: AuditEntry) {
  return { ...entry, detail: entry.detail ?? null, ip: entry.ip ?? null }
}

export async function adminRoutes(app: HttpApp, services: AppServices): Promise<void> {
  await adminSessionRoutes(app, services)
  await adminUserRoutes(app, services)
  await adminActionRoutes(app, services)
}

async function adminSessionRoutes(app: HttpApp, services: AppServices): Promise<void> {
  const { ops, config } = services

  app.post(
    '/api/v1/admin/sessions',
    {
      schema: {
        tags,
        summary: 'Operator sign-in; sets the lq_admin_session cookie',
        description: '5 wrong passwords in a row lock the account 15 minutes (OPERATOR_LOCKED).',
        body: Type.Object(
          {
            username: Type.String({ minLength: 1, maxLength: 64 }),
            password: Type.String({ minLength: 1, maxLength: 256 }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ token: Type.String(), operator: OperatorView }),
          ...AUTH_ERRORS,
        },
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
        response: { 204: Type.Null(), ...AUTH_ERRORS },
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
}

async function adminUserRoutes(app: HttpApp, services: AppServices): Promise<void> {
  const { ops } = services

  app.get(
    '/api/v1/admin/users',
    {
      schema: {
        tags,
        summary: 'Search users by full phone, last 4 digits, user id or exact real name (max 50)',
        querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 64 })) }),
        response: { 200: Type.Object({ users: Type.Array(AdminUserView) }), ...AUTH_ERRORS },
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
        params: Type.Object({ userId: UserId }),
        response: {
          200: Type.Object({
            user: AdminUserView,
            audit: Type.Array(AuditView),
            appeals: Type.Array(AppealView),
            sessions: Type.Integer(),
          }),
          ...AUTH_ERRORS,
        },
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
      }
    },
  )
}

async function adminActionRoutes(app: HttpApp, services: AppServices): Promise<void> {
  const { ops } = services

  app.post(
    '/api/v1/admin/users/:userId/status',
    {
      schema: {
        tags,
        summary: 'Freeze, restrict or restore a user (roles risk and admin)',
        description: 'The reason is shown to the user in a notice and as statusReason.',
        params: Type.Object({ userId: UserId }),
        body: Type.Object(
          {
            status: UserStatus,
            reason: Type.String({ minLength: 1, maxLength: STATUS_REASON_LENGTH_MAX }),
          },
          { additionalProperties: false },
        ),
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
        summary: 'Audit log, newest first, 100 a page; without userId the whole log (risk, admin)',
        querystring: Type.Object({
          userId: Type.Optional(UserId),
          beforeId: Type.Optional(Type.Integer({ minimum: 1 })),
        }),
        response: { 200: Type.Object({ entries: Type.Array(AuditView) }), ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { operator } = await authenticateOperator(request, ops)
      const entries = await ops.listAudit(operator, request.query)
      return { entries: entries.map(toAuditView) }
    },
  )
}
