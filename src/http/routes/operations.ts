/** The record of top-ups and withdrawals: the list (newest first) and one operation. */
import { Type } from 'typebox'
import type { Operation } from '../../modules/wallet/index.ts'
import { authenticate } from '../auth.ts'
import { AUTH_ERRORS } from '../schemas.ts'
import type { AppServices, HttpApp } from '../server.ts'

const tags = ['balance']
const Localized = Type.Object({ zh: Type.String(), en: Type.String() })

export const OperationView = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal('TOPUP'), Type.Literal('WITHDRAW')]),
  status: Type.Union([
    Type.Literal('PROCESSING'),
    Type.Literal('SUCCEEDED'),
    Type.Literal('FAILED'),
  ]),
  amountFen: Type.Integer(),
  feeFen: Type.Integer(),
  card: Type.Object({ id: Type.String(), bankCode: Type.String(), last4: Type.String() }),
  failure: Type.Union([
    Type.Object({
      code: Type.String(),
      message: Localized,
      details: Type.Object({}, { additionalProperties: true }),
    }),
    Type.Null(),
  ]),
  createdAtMs: Type.Integer(),
  completedAtMs: Type.Union([Type.Integer(), Type.Null()]),
  expectedArrivalAtMs: Type.Union([Type.Integer(), Type.Null()]),
})

/** The operation as the API shows it: a failure carries its localized message. */
export function toOperationView(
  operation: Operation,
  messageOf: (code: string) => { zh: string; en: string },
) {
  return {
    ...operation,
    failure:
      operation.failure === null
        ? null
        : { ...operation.failure, message: messageOf(operation.failure.code) },
  }
}

export async function operationRoutes(app: HttpApp, services: AppServices): Promise<void> {
  const { identity, wallet } = services
  const messageOf = services.errorMessage

  app.get(
    '/api/v1/me/operations',
    {
      schema: {
        tags,
        summary: 'Top-ups and withdrawals, newest first',
        querystring: Type.Object({
          beforeMs: Type.Optional(Type.Integer()),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
        }),
        response: { 200: Type.Object({ operations: Type.Array(OperationView) }), ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { user } = await authenticate(request, identity)
      const operations = await wallet.listOperations(user.id, {
        ...(request.query.beforeMs ? { beforeMs: request.query.beforeMs } : {}),
        ...(request.query.limit ? { limit: request.query.limit } : {}),
      })
      return { operations: operations.map((operation) => toOperationView(operation, messageOf)) }
    },
  )

  app.get(
    '/api/v1/me/operations/:operationId',
    {
      schema: {
        tags,
        summary: 'One top-up or withdrawal',
        params: Type.Object({ operationId: Type.String({ maxLength: 64 }) }),
        response: { 200: OperationView, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { user } = await authenticate(request, identity)
      return toOperationView(
        await wallet.getOperation(user.id, request.params.operationId),
        messageOf,
      )
    },
  )
}
