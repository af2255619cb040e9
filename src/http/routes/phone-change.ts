/** Changing the account's phone number: SMS codes to the old and to the new number. */
import type { IdentityService } from '../../modules/identity/index.ts'
import { authenticate } from '../auth.ts'
import { AUTH_ERRORS } from '../contract/common.ts'
import { PhoneChangeRequest } from '../contract/phone-change.ts'
import { UserView } from '../contract/profile.ts'
import type { HttpApp } from '../server.ts'
import { toUserView } from './profile.ts'

export interface PhoneChangeRoutesDeps {
  identity: IdentityService
}

export async function phoneChangeRoutes(
  app: HttpApp,
  { identity }: PhoneChangeRoutesDeps,
): Promise<void> {
  app.post(
    '/api/v1/me/phone',
    {
      schema: {
        tags: ['identity'],
        summary: 'Change phone number (codes sent to the old and the new number)',
        description:
          'At most 5 attempts an hour per user (FREQUENCY_LIMITED). Both codes are checked, and ' +
          'used up, before PHONE_IN_USE is answered, so only who holds a number learns it is taken.',
        body: PhoneChangeRequest,
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
