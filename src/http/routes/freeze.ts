/** Self-service freeze (挂失) by SMS code: works signed out, signs out every device. */
import type { IdentityService } from '../../modules/identity/index.ts'
import { AUTH_ERRORS } from '../contract/common.ts'
import { FreezeRequest, Frozen } from '../contract/freeze.ts'
import type { HttpApp } from '../server.ts'

export interface FreezeRoutesDeps {
  identity: IdentityService
}

export async function freezeRoutes(app: HttpApp, { identity }: FreezeRoutesDeps): Promise<void> {
  app.post(
    '/api/v1/freeze',
    {
      schema: {
        tags: ['identity'],
        summary: 'Freeze an account (挂失) by SMS code; works signed out, signs out every device',
        description:
          'A phone with no account answers exactly like one with an account: its freeze code ' +
          'request is limited alike and stores a code nobody is sent, tried like any other.',
        body: FreezeRequest,
        response: { 200: Frozen, ...AUTH_ERRORS },
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
}
