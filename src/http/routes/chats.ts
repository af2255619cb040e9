/**
 * Chat (聊天): the conversation list, groups, messages and read marks; every conversation route
 * answers NOT_FOUND to a non-member. The live stream is in chat-events.ts.
 */
import type { IdentityService } from '../../modules/identity/index.ts'
import {
  CONVERSATION_PAGE_SIZE_MAX as MODULE_CONVERSATION_PAGE_SIZE_MAX,
  GROUP_TITLE_LENGTH_MAX as MODULE_GROUP_TITLE_LENGTH_MAX,
  MESSAGE_PAGE_SIZE_MAX as MODULE_MESSAGE_PAGE_SIZE_MAX,
  MESSAGE_TEXT_LENGTH_MAX as MODULE_MESSAGE_TEXT_LENGTH_MAX,
  type CardKind as ModuleCardKind,
  type SocialService,
} from '../../modules/social/index.ts'
import { authenticate } from '../auth.ts'
import {
  type CardKind,
  CONVERSATION_PAGE_SIZE_MAX,
  ConversationDetail,
  ConversationList,
  ConversationListQuery,
  ConversationOpened,
  ConversationParams,
  GROUP_TITLE_LENGTH_MAX,
  GroupCreate,
  MarkRead,
  MembersAdd,
  MembersAdded,
  MESSAGE_PAGE_SIZE_MAX,
  MESSAGE_TEXT_LENGTH_MAX,
  MessageListQuery,
  MessagePage,
  MessageParams,
  MessageView,
  TextMessageCreate,
} from '../contract/chats.ts'
import { AUTH_ERRORS, NoContent, type Same } from '../contract/common.ts'
import type { HttpApp } from '../server.ts'

const contractMatches: [
  Same<typeof MESSAGE_TEXT_LENGTH_MAX, typeof MODULE_MESSAGE_TEXT_LENGTH_MAX>,
  Same<typeof GROUP_TITLE_LENGTH_MAX, typeof MODULE_GROUP_TITLE_LENGTH_MAX>,
  Same<typeof MESSAGE_PAGE_SIZE_MAX, typeof MODULE_MESSAGE_PAGE_SIZE_MAX>,
  Same<typeof CONVERSATION_PAGE_SIZE_MAX, typeof MODULE_CONVERSATION_PAGE_SIZE_MAX>,
  Same<CardKind, ModuleCardKind>,
] = [true, true, true, true, true]
void contractMatches

export interface ChatRoutesDeps {
  identity: IdentityService
  social: SocialService
}

const tags = ['chat']

export async function chatRoutes(app: HttpApp, deps: ChatRoutesDeps): Promise<void> {
  await conversationRoutes(app, deps)
  await groupRoutes(app, deps)
  await messageRoutes(app, deps)
  await messageWriteRoutes(app, deps)
}

async function conversationRoutes(app: HttpApp, { identity, social }: ChatRoutesDeps) {
  app.get(
    '/api/v1/me/conversations',
    {
      schema: {
        tags,
        summary: 'My conversations, latest activity first, with last message and unread count',
        description: 'Page on with `next` (beforeMs + beforeId).',
        querystring: ConversationListQuery,
        response: { 200: ConversationList, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { user } = await authenticate(request, identity)
      const { beforeMs, beforeId, limit } = request.query
      const page = await social.listConversations({
        userId: user.id,
        ...(beforeMs !== undefined && beforeId !== undefined
          ? { before: { activityAtMs: beforeMs, id: beforeId } }
          : {}),
        ...(limit !== undefined ? { limit } : {}),
      })
      return {
        conversations: page.conversations,
        next:
          page.next === null ? null : { beforeMs: page.next.activityAtMs, beforeId: page.next.id },
      }
    },
  )
}

async function groupRoutes(app: HttpApp, { identity, social }: ChatRoutesDeps) {
  app.post(
    '/api/v1/me/groups',
    {
      schema: {
        tags,
        summary: 'Create a group with some of my contacts',
        description:
          'NOT_CONTACTS lists members who are not my contacts; GROUP_FULL past the size.',
        body: GroupCreate,
        response: { 201: ConversationOpened, ...AUTH_ERRORS },
      },
    },
    async (request, reply) => {
      const { user } = await authenticate(request, identity)
      const conversationId = await social.createGroup({ creatorId: user.id, ...request.body })
      return reply.status(201).send({ conversationId })
    },
  )

  app.get(
    '/api/v1/me/conversations/:conversationId',
    {
      schema: {
        tags,
        summary: 'A conversation I am in: title and members',
        params: ConversationParams,
        response: { 200: ConversationDetail, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { user } = await authenticate(request, identity)
      return social.conversationDetail(request.params.conversationId, user.id)
    },
  )

  app.post(
    '/api/v1/me/conversations/:conversationId/members',
    {
      schema: {
        tags,
        summary: 'Add contacts of mine to a group I am in',
        params: ConversationParams,
        body: MembersAdd,
        response: { 200: MembersAdded, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { user } = await authenticate(request, identity)
      const added = await social.addGroupMembers({
        actorId: user.id,
        conversationId: request.params.conversationId,
        memberIds: request.body.memberIds,
      })
      return { added }
    },
  )
}

async function messageRoutes(app: HttpApp, { identity, social }: ChatRoutesDeps) {
  app.get(
    '/api/v1/me/conversations/:conversationId/messages',
    {
      schema: {
        tags,
        summary: 'Messages: newest first (page back with beforeId), or after afterId',
        params: ConversationParams,
        querystring: MessageListQuery,
        response: { 200: MessagePage, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { user } = await authenticate(request, identity)
      const { beforeId, afterId, limit } = request.query
      return social.listMessages({
        conversationId: request.params.conversationId,
        userId: user.id,
        ...(beforeId !== undefined ? { beforeId } : {}),
        ...(afterId !== undefined ? { afterId } : {}),
        ...(limit !== undefined ? { limit } : {}),
      })
    },
  )

  app.get(
    '/api/v1/me/conversations/:conversationId/messages/:messageId',
    {
      schema: {
        tags,
        summary: 'One message (a card after a live "card" event)',
        params: MessageParams,
        response: { 200: MessageView, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { user } = await authenticate(request, identity)
      return social.getMessage({ ...request.params, userId: user.id })
    },
  )
}

async function messageWriteRoutes(app: HttpApp, { identity, social }: ChatRoutesDeps) {
  app.post(
    '/api/v1/me/conversations/:conversationId/messages',
    {
      schema: {
        tags,
        summary: 'Send a text message',
        description:
          'Rate-limited per user (FREQUENCY_LIMITED); NOT_CONTACTS in a direct chat with a removed contact.',
        params: ConversationParams,
        body: TextMessageCreate,
        response: { 201: MessageView, ...AUTH_ERRORS },
      },
    },
    async (request, reply) => {
      const { user } = await authenticate(request, identity)
      const message = await social.sendText({
        conversationId: request.params.conversationId,
        senderId: user.id,
        text: request.body.text,
      })
      return reply.status(201).send(message)
    },
  )

  app.post(
    '/api/v1/me/conversations/:conversationId/read',
    {
      schema: {
        tags,
        summary: 'Mark read up to a message (default: the last one)',
        params: ConversationParams,
        body: MarkRead,
        response: { 204: NoContent, ...AUTH_ERRORS },
      },
    },
    async (request, reply) => {
      const { user } = await authenticate(request, identity)
      const { upToId } = request.body
      await social.markRead({
        conversationId: request.params.conversationId,
        userId: user.id,
        ...(upToId !== undefined ? { upToId } : {}),
      })
      return reply.status(204).send(null)
    },
  )
}
