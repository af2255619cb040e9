/** Bank cards: bind (bank check, then the SMS code), list, make default, unbind. */
import { Type } from 'typebox'
import type { Card } from '../../modules/cards/index.ts'
import { authenticate } from '../auth.ts'
import { AUTH_ERRORS } from '../schemas.ts'
import type { AppServices, HttpApp } from '../server.ts'

const tags = ['cards']
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

export async function cardRoutes(app: HttpApp, services: AppServices): Promise<void> {
  await bindingRoutes(app, services)
  await boundCardRoutes(app, services)
}

async function bindingRoutes(app: HttpApp, services: AppServices): Promise<void> {
  const { identity, cards } = services

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
}

async function boundCardRoutes(app: HttpApp, services: AppServices): Promise<void> {
  const { identity, cards } = services

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
}
