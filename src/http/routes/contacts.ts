/**
 * Contacts (联系人): my chat profile (nickname, "find me by phone"), requests by phone or user id,
 * accept/decline, the list, remove, and opening the one-to-one conversation with a contact.
 */
import type { IdentityService } from '../../modules/identity/index.ts'
import {
  GREETING_LENGTH_MAX as MODULE_GREETING_LENGTH_MAX,
  NICKNAME_LENGTH_MAX as MODULE_NICKNAME_LENGTH_MAX,
  type SocialService,
} from '../../modules/social/index.ts'
import { DomainError } from '../../shared/errors.ts'
import { authenticate } from '../auth.ts'
import {
  ContactList,
  ContactParams,
  ContactRequestCreate,
  ContactRequestDecision,
  ContactRequestList,
  ContactRequestParams,
  ContactRequestView,
  ConversationOpened,
  GREETING_LENGTH_MAX,
  NICKNAME_LENGTH_MAX,
  SocialProfile,
  SocialProfileChange,
} from '../contract/chats.ts'
import { AUTH_ERRORS, NoContent, type Same } from '../contract/common.ts'
import type { HttpApp } from '../server.ts'

const contractMatches: [
  Same<typeof NICKNAME_LENGTH_MAX, typeof MODULE_NICKNAME_LENGTH_MAX>,
  Same<typeof GREETING_LENGTH_MAX, typeof MODULE_GREETING_LENGTH_MAX>,
] = [true, true]
void contractMatches

export interface ContactRoutesDeps {
  identity: IdentityService
  social: SocialService
}

const tags = ['chat']

export async function contactRoutes(app: HttpApp, deps: ContactRoutesDeps): Promise<void> {
  await profileRoutes(app, deps)
  await requestRoutes(app, deps)
  await listRoutes(app, deps)
}

async function profileRoutes(app: HttpApp, { identity, social }: ContactRoutesDeps) {
  app.get(
    '/api/v1/me/social-profile',
    {
      schema: {
        tags,
        summary: 'My chat profile: nickname and whether others may find me by phone',
        response: { 200: SocialProfile, ...AUTH_ERRORS },
      },
    },
    async (request) => social.getProfile((await authenticate(request, identity)).user.id),
  )

  app.put(
    '/api/v1/me/social-profile',
    {
      schema: {
        tags,
        summary: 'Change my nickname (null: none) or "find me by phone"',
        body: SocialProfileChange,
        response: { 200: SocialProfile, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { user } = await authenticate(request, identity)
      return social.updateProfile(user.id, request.body)
    },
  )
}

async function requestRoutes(app: HttpApp, { identity, social }: ContactRoutesDeps) {
  app.post(
    '/api/v1/me/contact-requests',
    {
      schema: {
        tags,
        summary: 'Ask someone to be a contact, by phone or user id',
        description:
          'A phone without a wallet and a user who turned "find me by phone" off both answer ' +
          '404 NOT_FOUND { resource: "user" }. Already contacts, or they asked you: accepted.',
        body: ContactRequestCreate,
        response: { 201: ContactRequestView, ...AUTH_ERRORS },
      },
    },
    async (request, reply) => {
      const { user } = await authenticate(request, identity)
      const { phone, userId, greeting } = request.body
      if ((phone === undefined) === (userId === undefined))
        throw new DomainError('INVALID_REQUEST', { reason: 'give exactly one of phone, userId' })
      const made = await social.requestContact({
        fromUserId: user.id,
        target: phone !== undefined ? { phone } : { userId: userId as string },
        ...(greeting !== undefined ? { greeting } : {}),
      })
      return reply.status(201).send(made)
    },
  )

  app.get(
    '/api/v1/me/contact-requests',
    {
      schema: {
        tags,
        summary: 'Pending requests to me, newest first',
        response: { 200: ContactRequestList, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { user } = await authenticate(request, identity)
      return { requests: await social.incomingRequests(user.id) }
    },
  )

  app.post(
    '/api/v1/me/contact-requests/:requestId/decision',
    {
      schema: {
        tags,
        summary: 'Accept or decline a request to me',
        params: ContactRequestParams,
        body: ContactRequestDecision,
        response: { 200: ContactRequestView, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { user } = await authenticate(request, identity)
      const { requestId } = request.params
      return social.decideContactRequest(user.id, requestId, request.body.decision)
    },
  )
}

async function listRoutes(app: HttpApp, { identity, social }: ContactRoutesDeps) {
  app.get(
    '/api/v1/me/contacts',
    {
      schema: { tags, summary: 'My contacts', response: { 200: ContactList, ...AUTH_ERRORS } },
    },
    async (request) => {
      const { user } = await authenticate(request, identity)
      return { contacts: await social.listContacts(user.id) }
    },
  )

  app.delete(
    '/api/v1/me/contacts/:userId',
    {
      schema: {
        tags,
        summary: 'Remove a contact (both sides)',
        params: ContactParams,
        response: { 204: NoContent, ...AUTH_ERRORS },
      },
    },
    async (request, reply) => {
      const { user } = await authenticate(request, identity)
      await social.removeContact(user.id, request.params.userId)
      return reply.status(204).send(null)
    },
  )

  app.post(
    '/api/v1/me/contacts/:userId/conversation',
    {
      schema: {
        tags,
        summary: 'The one-to-one conversation with a contact (created on first use)',
        params: ContactParams,
        response: { 200: ConversationOpened, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { user } = await authenticate(request, identity)
      const other = request.params.userId
      if (!(await social.areContacts(user.id, other)))
        throw new DomainError('NOT_FOUND', { resource: 'contact' })
      return { conversationId: await social.directConversation(user.id, other) }
    },
  )
}
