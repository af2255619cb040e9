/** Changing the account's phone number: SMS codes to the old and to the new number. */
import { Type } from 'typebox'
import { authenticate } from '../auth.ts'
import { AUTH_ERRORS, UserView } from '../schemas.ts'
import type { AppServices, HttpApp } from '../server.ts'
import { toUserView } from './profile.ts'

const Phone = Type.String({ minLength: 11, maxLength: 20, description: 'Mainland mobile number' })
const SmsCode = Type.String({ minLength: 1, maxLength: 10 })

export async function phoneChangeRoutes(app: HttpApp, services: AppServices): Promise<void> {
  const { identity } = services
  app.post(
    '/api/v1/me/phone',
    {
      schema: {
        tags: ['identity'],
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
}
