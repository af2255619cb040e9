/** Signed-in devices (sessions): the list, signing one out, signing out everywhere. */
import { Type } from 'typebox'
import { authenticate, SESSION_COOKIE } from '../auth.ts'
import { AUTH_ERRORS } from '../schemas.ts'
import type { AppServices, HttpApp } from '../server.ts'

const tags = ['identity']

const SessionView = Type.Object({
  id: Type.String(),
  deviceName: Type.String(),
  ip: Type.Union([Type.String(), Type.Null()]),
  createdAtMs: Type.Integer(),
  lastSeenAtMs: Type.Integer(),
  current: Type.Boolean(),
})

export async function deviceRoutes(app: HttpApp, services: AppServices): Promise<void> {
  const { identity } = services

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
}
