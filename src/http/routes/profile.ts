/** The signed-in user's own profile, and the view every route that returns the user shares. */
import type { User } from '../../modules/identity/index.ts'
import { authenticate } from '../auth.ts'
import { AUTH_ERRORS } from '../contract/common.ts'
import { UserView } from '../contract/profile.ts'
import type { AppServices, HttpApp } from '../server.ts'

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

export async function profileRoutes(app: HttpApp, services: AppServices): Promise<void> {
  const { identity } = services
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
}
