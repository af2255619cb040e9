/** Security notices (new device, phone changed, frozen…) the user reads in the app. */
import type { IdentityService } from '../../modules/identity/index.ts'
import { authenticate } from '../auth.ts'
import { AUTH_ERRORS } from '../contract/common.ts'
import { NoticeList } from '../contract/notices.ts'
import type { HttpApp } from '../server.ts'

export interface NoticeRoutesDeps {
  identity: IdentityService
}

export async function noticeRoutes(app: HttpApp, { identity }: NoticeRoutesDeps): Promise<void> {
  app.get(
    '/api/v1/me/notices',
    {
      schema: {
        tags: ['identity'],
        summary: 'Security notices',
        response: { 200: NoticeList, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { user } = await authenticate(request, identity)
      return { notices: await identity.listNotices(user.id) }
    },
  )
}
