/** Sign-up/sign-in by SMS, sessions and devices, phone change, self-service freeze, notices. */
import { Type } from 'typebox'
import { SMS_PURPOSES, type User } from '../../modules/identity/index.ts'
import { authenticate, deviceId, deviceName, SESSION_COOKIE } from '../auth.ts'
import { AUTH_ERRORS, UserView } from '../schemas.ts'
import type { AppServices, HttpApp } from '../server.ts'

const Phone = Type.String({ minLength: 11, maxLength: 20, description: 'Mainland mobile number' })
const SmsCode = Type.String({ minLength: 1, maxLength: 10 })
const tags = ['identity']

export function toUserView(user: User) {
  return {
    id: user.id,
    phone: user.phone,
    status: user.status,
    statusReason: user.statusReason,
    realName: user.realName,
    verified: user.verified,
    accountClass: user.accountClass,
    secondFactorEnabled: user.secondFactorEnabled,
    createdAtMs: user.createdAtMs,
  }
}

export async function identityRoutes(app: HttpApp, services: AppServices): Promise<void> {
  const { identity, config } = services
  const cookieOptions = {
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: config.cookieSecure,
    path: '/',
  }

  app.post(
    '/api/v1/sms-codes',
    {
      schema: {
        tags,
        summary: 'Send a 6-digit SMS code (5 min, one resend per 60 s, rate limited)',
        body: Type.Object(
          {
            phone: Phone,
            purpose: Type.Union(SMS_PURPOSES.map((purpose) => Type.Literal(purpose))),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            expiresInSeconds: Type.Integer(),
            resendAfterSeconds: Type.Integer(),
          }),
          ...AUTH_ERRORS,
        },
      },
    },
    async (request) => {
      const caller = await authenticate(request, identity).catch(() => undefined)
      return identity.requestSmsCode({
        phone: request.body.phone,
        purpose: request.body.purpose,
        ip: request.ip,
        ...(caller ? { userId: caller.user.id } : {}),
      })
    },
  )

  app.post(
    '/api/v1/sessions',
    {
      schema: {
        tags,
        summary: 'Sign in (or sign up) with phone + SMS code; sets the session cookie',
        body: Type.Object(
          {
            phone: Phone,
            code: SmsCode,
            deviceName: Type.Optional(Type.String({ maxLength: 64 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            token: Type.String(),
            sessionId: Type.String(),
            user: UserView,
            created: Type.Boolean(),
            newDevice: Type.Boolean(),
          }),
          ...AUTH_ERRORS,
        },
      },
    },
    async (request, reply) => {
      const result = await identity.signIn({
        phone: request.body.phone,
        code: request.body.code,
        deviceId: deviceId(request, reply, config.cookieSecure),
        deviceName: deviceName(request, request.body.deviceName),
        ip: request.ip,
      })
      void reply.setCookie(SESSION_COOKIE, result.token, {
        ...cookieOptions,
        maxAge: 30 * 24 * 3600,
      })
      return {
        token: result.token,
        sessionId: result.session.id,
        user: toUserView(result.user),
        created: result.created,
        newDevice: result.newDevice,
      }
    },
  )

  app.delete(
    '/api/v1/sessions/current',
    {
      schema: {
        tags,
        summary: 'Sign out this device',
        response: { 204: Type.Null(), ...AUTH_ERRORS },
      },
    },
    async (request, reply) => {
      const { user, session } = await authenticate(request, identity)
      await identity.signOut(user.id, session.id)
      void reply.clearCookie(SESSION_COOKIE, { path: '/' })
      return reply.status(204).send(null)
    },
  )

  app.get(
    '/api/v1/me',
    {
      schema: { tags, summary: 'The signed-in user', response: { 200: UserView, ...AUTH_ERRORS } },
    },
    async (request) => toUserView((await authenticate(request, identity)).user),
  )

  const SessionView = Type.Object({
    id: Type.String(),
    deviceName: Type.String(),
    ip: Type.Union([Type.String(), Type.Null()]),
    createdAtMs: Type.Integer(),
    lastSeenAtMs: Type.Integer(),
    current: Type.Boolean(),
  })

  app.get(
    '/api/v1/me/sessions',
    {
      schema: {
        tags,
        summary: 'Signed-in devices',
        response: { 200: Type.Object({ sessions: Type.Array(SessionView) }), ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { user, session } = await authenticate(request, identity)
      const sessions = await identity.listSessions(user.id)
      return {
        sessions: sessions.map((each) => ({
          id: each.id,
          deviceName: each.deviceName,
          ip: each.ip,
          createdAtMs: each.createdAtMs,
          lastSeenAtMs: each.lastSeenAtMs,
          current: each.id === session.id,
        })),
      }
    },
  )

  app.delete(
    '/api/v1/me/sessions/:sessionId',
    {
      schema: {
        tags,
        summary: 'Sign out one device',
        params: Type.Object({ sessionId: Type.String({ maxLength: 64 }) }),
        response: { 204: Type.Null(), ...AUTH_ERRORS },
      },
    },
    async (request, reply) => {
      const { user } = await authenticate(request, identity)
      await identity.signOut(user.id, request.params.sessionId)
      return reply.status(204).send(null)
    },
  )

  app.delete(
    '/api/v1/me/sessions',
    {
      schema: {
        tags,
        summary: 'Sign out everywhere',
        response: { 200: Type.Object({ signedOut: Type.Integer() }), ...AUTH_ERRORS },
      },
    },
    async (request, reply) => {
      const { user } = await authenticate(request, identity)
      const signedOut = await identity.signOutEverywhere(user.id, request.ip)
      void reply.clearCookie(SESSION_COOKIE, { path: '/' })
      return { signedOut }
    },
  )

  app.post(
    '/api/v1/me/phone',
    {
      schema: {
        tags,
        summary: 'Change phone number (codes sent to the old and the new number)',
        body: Type.Object(
          { oldCode: SmsCode, newPhone: Phone, newCode: SmsCode },
          { additionalProperties: false },
        ),
        response: { 200: UserView, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { user } = await authenticate(request, identity)
      return toUserView(
        await identity.changePhone({ userId: user.id, ...request.body, ip: request.ip }),
      )
    },
  )

  app.post(
    '/api/v1/freeze',
    {
      schema: {
        tags,
        summary: 'Freeze an account (挂失) by SMS code; works signed out, signs out every device',
        body: Type.Object({ phone: Phone, code: SmsCode }, { additionalProperties: false }),
        response: { 200: Type.Object({ frozen: Type.Literal(true) }), ...AUTH_ERRORS },
      },
    },
    async (request) => {
      await identity.freezeBySms({
        phone: request.body.phone,
        code: request.body.code,
        ip: request.ip,
      })
      return { frozen: true as const }
    },
  )

  const NoticeView = Type.Object({
    id: Type.Integer(),
    kind: Type.String(),
    title: Type.Object({ zh: Type.String(), en: Type.String() }),
    detail: Type.Union([Type.Object({}, { additionalProperties: true }), Type.Null()]),
    createdAtMs: Type.Integer(),
    read: Type.Boolean(),
  })

  app.get(
    '/api/v1/me/notices',
    {
      schema: {
        tags,
        summary: 'Security notices',
        response: { 200: Type.Object({ notices: Type.Array(NoticeView) }), ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { user } = await authenticate(request, identity)
      return { notices: await identity.listNotices(user.id) }
    },
  )
}
