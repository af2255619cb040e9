/** Self-service freeze (挂失) by SMS code: works signed out, signs out every device. */
import { Type } from 'typebox'
import { AUTH_ERRORS } from '../schemas.ts'
import type { AppServices, HttpApp } from '../server.ts'

const Phone = Type.String({ minLength: 11, maxLength: 20, description: 'Mainland mobile number' })
const SmsCode = Type.String({ minLength: 1, maxLength: 10 })

export async function freezeRoutes(app: HttpApp, services: AppServices): Promise<void> {
  const { identity } = services
  app.post(
    '/api/v1/freeze',
    {
      schema: {
        tags: ['identity'],
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
}
