/** Bank cards and the balance: bind/list/unbind cards, top up, withdraw, records. */
import { Type } from 'typebox'
import type { Card } from '../../modules/cards/index.ts'
import type { Operation } from '../../modules/wallet/index.ts'
import { DomainError } from '../../shared/errors.ts'
import { authenticate } from '../auth.ts'
import { AUTH_ERRORS } from '../schemas.ts'
import type { AppServices, HttpApp } from '../server.ts'

const tags = ['cards', 'balance']
const Localized = Type.Object({ zh: Type.String(), en: Type.String() })

const CardView = Type.Object({
  id: Type.String(),
  bankCode: Type.String(),
  bankName: Localized,
  cardType: Type.Union([Type.Literal('DEBIT'), Type.Literal('CREDIT')]),
  last4: Type.String(),
  isDefault: Type.Boolean(),
  createdAtMs: Type.Integer(),
})

const OperationView = Type.Object({
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

function toCardView(card: Card) {
  return {
    id: card.id,
    bankCode: card.bankCode,
    bankName: card.bankName,
    cardType: card.cardType,
    last4: card.last4,
    isDefault: card.isDefault,
    createdAtMs: card.createdAtMs,
  }
}

function toOperationView(
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

export async function moneyRoutes(app: HttpApp, services: AppServices): Promise<void> {
  const { identity, cards, wallet } = services
  const messageOf = services.errorMessage

  app.post(
    '/api/v1/me/cards/bind-requests',
    {
      schema: {
        tags,
        summary:
          'Start binding a card: the bank verifies it and texts a code to the reserved phone',
        body: Type.Object(
          {
            cardNumber: Type.String({ minLength: 12, maxLength: 30 }),
            phone: Type.String({ maxLength: 20 }),
            expiry: Type.Optional(Type.String({ pattern: '^(0[1-9]|1[0-2])/[0-9]{2}$' })),
            cvn: Type.Optional(Type.String({ pattern: '^[0-9]{3}$' })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            bindRequestId: Type.String(),
            bankCode: Type.String(),
            bankName: Localized,
            cardType: Type.String(),
            last4: Type.String(),
            phoneMasked: Type.String(),
            expiresInSeconds: Type.Integer(),
            resendAfterSeconds: Type.Integer(),
          }),
          ...AUTH_ERRORS,
          422: AUTH_ERRORS[400],
          503: AUTH_ERRORS[400],
        },
      },
    },
    async (request) => {
      const { user } = await authenticate(request, identity)
      return cards.startBinding(user.id, request.body, request.ip)
    },
  )

  app.post(
    '/api/v1/me/cards',
    {
      schema: {
        tags,
        summary: 'Finish binding with the SMS code',
        body: Type.Object(
          {
            bindRequestId: Type.String({ maxLength: 64 }),
            smsCode: Type.String({ maxLength: 10 }),
          },
          { additionalProperties: false },
        ),
        response: { 201: CardView, ...AUTH_ERRORS },
      },
    },
    async (request, reply) => {
      const { user } = await authenticate(request, identity)
      return reply.status(201).send(toCardView(await cards.confirmBinding(user.id, request.body)))
    },
  )

  app.get(
    '/api/v1/me/cards',
    {
      schema: {
        tags,
        summary: 'Bound cards',
        response: { 200: Type.Object({ cards: Type.Array(CardView) }), ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { user } = await authenticate(request, identity)
      return { cards: (await cards.listCards(user.id)).map(toCardView) }
    },
  )

  app.put(
    '/api/v1/me/cards/:cardId/default',
    {
      schema: {
        tags,
        summary: 'Make a card the default',
        params: Type.Object({ cardId: Type.String({ maxLength: 64 }) }),
        response: { 200: CardView, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { user } = await authenticate(request, identity)
      return toCardView(await cards.setDefault(user.id, request.params.cardId))
    },
  )

  app.delete(
    '/api/v1/me/cards/:cardId',
    {
      schema: {
        tags,
        summary: 'Unbind a card (payment password required)',
        params: Type.Object({ cardId: Type.String({ maxLength: 64 }) }),
        body: Type.Object(
          { paymentPassword: Type.String({ maxLength: 12 }) },
          { additionalProperties: false },
        ),
        response: { 204: Type.Null(), ...AUTH_ERRORS },
      },
    },
    async (request, reply) => {
      const { user } = await authenticate(request, identity)
      await cards.unbind(user.id, request.params.cardId, () =>
        services.verifyPaymentPassword(user.id, request.body.paymentPassword),
      )
      return reply.status(204).send(null)
    },
  )

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
        return toOperationView(operation, messageOf)
      },
    )
  }

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
