/** The signed-in user's own profile, and the view every route that returns the user shares. */
import type { IdentityService, User } from '../../modules/identity/index.ts'
import { authenticate, sessionToken } from '../auth.ts'
import { AUTH_ERRORS } from '../contract/common.ts'
import { SessionProbe, UserView } from '../contract/profile.ts'
import type { HttpApp } from '../server.ts'

export function toUserView(user: User): UserView {
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

export interface ProfileRoutesDeps {
  identity: IdentityService
  /** Dev mode with the offline outbox (the session probe tells the pages). */
  devSmsOutbox?: boolean
}

export async function profileRoutes(
  app: HttpApp,
  { identity, devSmsOutbox = false }: ProfileRoutesDeps,
): Promise<void> {
  app.get(
    '/api/v1/me',
    {
      schema: {
        tags: ['identity'],
        summary: 'The signed-in user',
        response: { 200: UserView, ...AUTH_ERRORS },
      },
    },
    async (request) => toUserView((await authenticate(request, identity)).user),
  )

  app.get(
    '/api/v1/session',
    {
      schema: {
        tags: ['identity'],
        summary: 'Who is signed in, if anyone (200 either way)',
        response: { 200: SessionProbe },
      },
    },
    async (request): Promise<SessionProbe> => {
      const token = sessionToken(request)
      const session = token === undefined ? undefined : await identity.resolveSession(token)
      if (session === undefined) return { signedIn: false, devSmsOutbox }
      const user = toUserView(await identity.getUser(session.userId))
      return { signedIn: true, user, devSmsOutbox }
    },
  )
}
