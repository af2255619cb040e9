/** Security notices (new device, phone changed, frozen…) the user reads in the app. */
import { Type } from 'typebox'
import { authenticate } from '../auth.ts'
import { AUTH_ERRORS } from '../schemas.ts'
import type { AppServices, HttpApp } from '../server.ts'

const NoticeView = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  title: Type.Object({ zh: Type.String(), en: Type.String() }),
  detail: Type.Union([Type.Object({}, { additionalProperties: true }), Type.Null()]),
  createdAtMs: Type.Integer(),
  read: Type.Boolean(),
})

export async function noticeRoutes(app: HttpApp, services: AppServices): Promise<void> {
  const { identity } = services
  app.get(
    '/api/v1/me/notices',
    {
      schema: {
        tags: ['identity'],
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
