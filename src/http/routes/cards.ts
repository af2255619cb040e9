/** Bank cards: bind (bank check, then the SMS code), list, make default, unbind. */
import type { Card, CardsService } from '../../modules/cards/index.ts'
import type { IdentityService, SecurityService } from '../../modules/identity/index.ts'
import { authenticate } from '../auth.ts'
import { AUTH_ERRORS, BANK_ERRORS, NoContent } from '../contract/common.ts'
import {
  BindCardRequest,
  BindRequest,
  CardList,
  CardParams,
  CardView,
  ConfirmBindingRequest,
  UnbindCardRequest,
} from '../contract/cards.ts'
import type { HttpApp } from '../server.ts'

const tags = ['cards']

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

export interface CardRoutesDeps {
  identity: IdentityService
  cards: CardsService
  /** Unbinding asks for the payment password. */
  security: Pick<SecurityService, 'verifyPaymentPassword'>
}

export async function cardRoutes(app: HttpApp, deps: CardRoutesDeps): Promise<void> {
  await bindingRoutes(app, deps)
  await boundCardRoutes(app, deps)
}

async function bindingRoutes(app: HttpApp, { identity, cards }: CardRoutesDeps): Promise<void> {
  app.post(
    '/api/v1/me/cards/bind-requests',
    {
      schema: {
        tags,
        summary:
          'Start binding a card: the bank verifies it and texts a code to the reserved phone',
        body: BindCardRequest,
        response: { 200: BindRequest, ...BANK_ERRORS },
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
        body: ConfirmBindingRequest,
        response: { 201: CardView, ...AUTH_ERRORS },
      },
    },
    async (request, reply) => {
      const { user } = await authenticate(request, identity)
      return reply.status(201).send(toCardView(await cards.confirmBinding(user.id, request.body)))
    },
  )
}

async function boundCardRoutes(app: HttpApp, deps: CardRoutesDeps): Promise<void> {
  const { identity, cards, security } = deps

  app.get(
    '/api/v1/me/cards',
    {
      schema: {
        tags,
        summary: 'Bound cards',
        response: { 200: CardList, ...AUTH_ERRORS },
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
        params: CardParams,
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
        params: CardParams,
        body: UnbindCardRequest,
        response: { 204: NoContent, ...AUTH_ERRORS },
      },
    },
    async (request, reply) => {
      const { user } = await authenticate(request, identity)
      await cards.unbind(user.id, request.params.cardId, () =>
        security.verifyPaymentPassword(user.id, request.body.paymentPassword),
      )
      return reply.status(204).send(null)
    },
  )
}
