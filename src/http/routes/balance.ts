/** The balance (零钱): what it holds, the withdrawal quote, top-up and withdrawal. */
import { Type } from 'typebox'
import { DomainError } from '../../shared/errors.ts'
import { authenticate } from '../auth.ts'
import { AUTH_ERRORS } from '../schemas.ts'
import type { AppServices, HttpApp } from '../server.ts'
import { OperationView, toOperationView } from './operations.ts'

const tags = ['balance']

/** How the user confirms a payment: the payment password, or a passkey assertion; plus an SMS code when asked. */
const PaymentAuth = {
  paymentPassword: Type.Optional(Type.String({ minLength: 1, maxLength: 12 })),
  passkey: Type.Optional(
    Type.Object({
      challengeId: Type.String({ maxLength: 64 }),
      response: Type.Object({}, { additionalProperties: true }),
    }),
  ),
  smsCode: Type.Optional(Type.String({ maxLength: 10 })),
}

export function paymentMethod(body: {
  paymentPassword?: string | undefined
  passkey?: { challengeId: string; response: object } | undefined
}) {
  if (body.passkey !== undefined)
    return {
      kind: 'passkey' as const,
      challengeId: body.passkey.challengeId,
      response: body.passkey.response,
    }
  if (body.paymentPassword !== undefined)
    return { kind: 'password' as const, password: body.paymentPassword }
  throw new DomainError('INVALID_REQUEST', { reason: 'paymentPassword or passkey is required' })
}

export async function balanceRoutes(app: HttpApp, services: AppServices): Promise<void> {
  await balanceReadRoutes(app, services)
  await moneyMovingRoutes(app, services)
}

async function balanceReadRoutes(app: HttpApp, services: AppServices): Promise<void> {
  const { identity, wallet } = services

  app.get(
    '/api/v1/me/balance',
    {
      schema: {
        tags,
        summary: 'The balance (零钱) in fen',
        response: {
          200: Type.Object({
            balanceFen: Type.Integer(),
            availableFen: Type.Integer(),
            pendingInFen: Type.Integer(),
            pendingOutFen: Type.Integer(),
          }),
          ...AUTH_ERRORS,
        },
      },
    },
    async (request) => {
      const { user } = await authenticate(request, identity)
      return wallet.getBalance(user.id)
    },
  )

  app.get(
    '/api/v1/me/withdrawals/quote',
    {
      schema: {
        tags,
        summary: 'Fee and arrival estimate for a withdrawal, before confirming',
        querystring: Type.Object({ amountFen: Type.Integer({ minimum: 1 }) }),
        response: {
          200: Type.Object({
            amountFen: Type.Integer(),
            feeFen: Type.Integer(),
            freeQuotaUsedFen: Type.Integer(),
            freeQuotaRemainingFen: Type.Integer(),
            totalDebitFen: Type.Integer(),
            arrivalHours: Type.Integer(),
          }),
          ...AUTH_ERRORS,
        },
      },
    },
    async (request) => {
      const { user } = await authenticate(request, identity)
      return wallet.quote(user.id, request.query.amountFen)
    },
  )
}

async function moneyMovingRoutes(app: HttpApp, services: AppServices): Promise<void> {
  const { identity, wallet } = services
  for (const kind of ['top-ups', 'withdrawals'] as const) {
    app.post(
      `/api/v1/me/${kind}`,
      {
        schema: {
          tags,
          summary:
            kind === 'top-ups'
              ? 'Top up the balance from a bound debit card'
              : 'Withdraw to a bound debit card (fee shown by the quote)',
          body: Type.Object(
            {
              idempotencyKey: Type.String({ minLength: 1, maxLength: 64 }),
              cardId: Type.String({ maxLength: 64 }),
              amountFen: Type.Integer({ minimum: 1 }),
              ...PaymentAuth,
            },
            { additionalProperties: false },
          ),
          response: {
            200: OperationView,
            ...AUTH_ERRORS,
            422: AUTH_ERRORS[400],
            503: AUTH_ERRORS[400],
          },
        },
      },
      async (request) => {
        const { user } = await authenticate(request, identity)
        const input = {
          idempotencyKey: request.body.idempotencyKey,
          cardId: request.body.cardId,
          amountFen: request.body.amountFen,
          method: paymentMethod(request.body),
          ...(request.body.smsCode ? { smsCode: request.body.smsCode } : {}),
        }
        const operation =
          kind === 'top-ups'
            ? await wallet.topUp(user.id, input)
            : await wallet.withdraw(user.id, input)
        return toOperationView(operation, services.errorMessage)
      },
    )
  }
}
