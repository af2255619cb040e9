/** Signed-in devices (sessions): the list, signing one out, signing out everywhere. */
import type { IdentityService } from '../../modules/identity/index.ts'
import { authenticate, SESSION_COOKIE } from '../auth.ts'
import { AUTH_ERRORS, NoContent } from '../contract/common.ts'
import { SessionList, SessionParams, SignedOutEverywhere } from '../contract/devices.ts'
import type { HttpApp } from '../server.ts'

const tags = ['identity']

export interface DeviceRoutesDeps {
  identity: IdentityService
}

export async function deviceRoutes(app: HttpApp, { identity }: DeviceRoutesDeps): Promise<void> {
  app.get(
    '/api/v1/me/sessions',
    {
      schema: {
        tags,
        summary: 'Signed-in devices',
        response: { 200: SessionList, ...AUTH_ERRORS },
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
        params: SessionParams,
        response: { 204: NoContent, ...AUTH_ERRORS },
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
        response: { 200: SignedOutEverywhere, ...AUTH_ERRORS },
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
