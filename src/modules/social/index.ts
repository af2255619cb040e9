/**
 * @module social
 * Contacts and chat: contact requests (by phone or user id) and the contact list, one-to-one
 * and group conversations, text messages, and the cards other modules post into a conversation
 * — a transfer (转账) or red packet (红包) — whose summary they own and update. New messages and
 * card changes reach the members' open pages live (`subscribe`, served as server-sent events).
 *
 * @example
 * const social = createSocialService({ db, clock, identity, rateLimits })
 * const conversationId = await social.directConversation(payerId, payeeId)
 * await social.postCard({ conversationId, senderId: payerId,
 *   card: { kind: 'transfer', refId: transferId, summary: { amountFen: 1000, note: '午饭', status: 'pending' } } })
 * await social.updateCard('transfer', transferId, { amountFen: 1000, note: '午饭', status: 'accepted' })
 */
import type { Kysely } from 'kysely'
import type { Clock } from '../../adapters/clock/index.ts'
import type { Db } from '../../adapters/db/index.ts'
import type { IdentityService } from '../identity/index.ts'
import type { RateLimits } from '../rate-limits/index.ts'
import {
  areContacts,
  connect,
  type ContactTarget,
  decideContactRequest,
  incomingRequests,
  listContacts,
  removeContact,
  requestContact,
} from './contacts.ts'
import {
  type CardKind,
  DEFAULT_SOCIAL_RULES,
  type SocialContext,
  type SocialDb,
  type SocialRules,
} from './context.ts'
import {
  addGroupMembers,
  conversationDetail,
  createGroup,
  directConversation,
  groupSize,
  isMember,
  members,
} from './conversations.ts'
import { type InboxCursor, listConversations } from './inbox.ts'
import { createLiveHub, type LiveSubscriber } from './live.ts'
import {
  announceCard,
  type CardPost,
  type CardSummary,
  getMessage,
  listMessages,
  markRead,
  postCard,
  sendText,
  updateCard,
} from './messages.ts'
import { getProfile, people, updateProfile } from './profiles.ts'

export {
  CARD_KINDS,
  CARD_SUMMARY_JSON_LENGTH_MAX,
  type CardKind,
  CONVERSATION_PAGE_SIZE_MAX,
  DEFAULT_SOCIAL_RULES,
  GREETING_LENGTH_MAX,
  GROUP_TITLE_LENGTH_MAX,
  MESSAGE_PAGE_SIZE_MAX,
  MESSAGE_TEXT_LENGTH_MAX,
  NICKNAME_LENGTH_MAX,
  type SocialRules,
  UNREAD_COUNT_MAX,
} from './context.ts'
export type { ContactRequest, ContactRequestStatus, ContactTarget } from './contacts.ts'
export type { ConversationDetail, ConversationKind } from './conversations.ts'
export type { ConversationSummary, InboxCursor } from './inbox.ts'
export type { LiveEvent, LiveSubscriber } from './live.ts'
export type { Card, CardPost, CardSummary, Message, MessageKind, MessagePage } from './messages.ts'
export { maskRealName, type PersonView, type SocialProfile } from './profiles.ts'

export interface SocialDependencies {
  db: Db
  clock: Clock
  identity: IdentityService
  rateLimits: RateLimits
  rules?: Partial<SocialRules>
}

export function createSocialService(deps: SocialDependencies) {
  const rules = { ...DEFAULT_SOCIAL_RULES, ...deps.rules }
  const ctx: SocialContext = {
    db: deps.db as SocialDb,
    clock: deps.clock,
    identity: deps.identity,
    rateLimits: deps.rateLimits,
    live: createLiveHub({
      perUserMax: rules.liveStreamsPerUserMax,
      totalMax: rules.liveStreamsMax,
    }),
    rules,
  }
  return { rules, ...producerApi(ctx), ...contactsApi(ctx), ...chatApi(ctx) }
}

const executorOf = (executor?: Kysely<unknown>) => executor as SocialDb | undefined

/** What transfers and red packets call. */
function producerApi(ctx: SocialContext) {
  return {
    areContacts: (userA: string, userB: string) => areContacts(ctx.db, userA, userB),
    /** Get-or-create the one conversation of two users (they need not be contacts). */
    directConversation: (userA: string, userB: string) => directConversation(ctx, userA, userB),
    /** Member user ids in the order they joined (≤ groupMembersMax). */
    members: (conversationId: string) => members(ctx.db, conversationId),
    isMember: (conversationId: string, userId: string) => isMember(ctx.db, conversationId, userId),
    /** Members of the conversation (2 for a direct one); NOT_FOUND for an unknown id. */
    groupSize: (conversationId: string) => groupSize(ctx.db, conversationId),
    /**
     * A transfer / red-packet message, once per (kind, refId) → its message id. NOT_FOUND when
     * the sender is not a member. With `executor` (your transaction) nothing is pushed live:
     * call announceCard after commit.
     */
    postCard: (post: CardPost, executor?: Kysely<unknown>) =>
      postCard(ctx, post, executorOf(executor)),
    /** New summary for a card (status word etc.), pushed live; undefined if never posted. */
    updateCard: (kind: CardKind, refId: string, summary: CardSummary, executor?: Kysely<unknown>) =>
      updateCard(ctx, { kind, refId, summary }, executorOf(executor)),
    /** Pushes a card posted or updated with an executor, after that transaction committed. */
    announceCard: (kind: CardKind, refId: string) => announceCard(ctx, kind, refId),
  }
}

function contactsApi(ctx: SocialContext) {
  return {
    requestContact: (request: { fromUserId: string; target: ContactTarget; greeting?: string }) =>
      requestContact(ctx, request),
    decideContactRequest: (userId: string, requestId: string, decision: 'accept' | 'decline') =>
      decideContactRequest(ctx, userId, requestId, decision),
    incomingRequests: (userId: string) => incomingRequests(ctx, userId),
    listContacts: (userId: string) => listContacts(ctx, userId),
    removeContact: (userId: string, contactUserId: string) =>
      removeContact(ctx, userId, contactUserId),
    /** Makes two users contacts at once (the demo seed); a no-op when they are. */
    connect: (userA: string, userB: string) =>
      ctx.db.transaction().execute((trx) => connect(ctx, trx, userA, userB)),
    getProfile: (userId: string) => getProfile(ctx, userId),
    updateProfile: (userId: string, change: ProfileChange) => updateProfile(ctx, userId, change),
    /** Display names (nickname, else masked real name, else masked phone). */
    people: (userIds: readonly string[]) => people(ctx, userIds),
  }
}

type ProfileChange = { nickname?: string | null; findableByPhone?: boolean }

function chatApi(ctx: SocialContext) {
  return {
    createGroup: (request: { creatorId: string; title: string; memberIds: string[] }) =>
      createGroup(ctx, request),
    addGroupMembers: (request: { actorId: string; conversationId: string; memberIds: string[] }) =>
      addGroupMembers(ctx, request),
    conversationDetail: (conversationId: string, userId: string) =>
      conversationDetail(ctx, conversationId, userId),
    listConversations: (request: { userId: string; before?: InboxCursor; limit?: number }) =>
      listConversations(ctx, request),
    sendText: (request: { conversationId: string; senderId: string; text: string }) =>
      sendText(ctx, request),
    listMessages: (request: Parameters<typeof listMessages>[1]) => listMessages(ctx, request),
    getMessage: (request: { conversationId: string; userId: string; messageId: number }) =>
      getMessage(ctx, request),
    markRead: (request: { conversationId: string; userId: string; upToId?: number }) =>
      markRead(ctx, request),
    /** Live events for one user's open page; the returned function unsubscribes. */
    subscribe: (userId: string, subscriber: LiveSubscriber) =>
      ctx.live.subscribe(userId, subscriber),
    liveStreams: () => ctx.live.count(),
  }
}

export type SocialService = ReturnType<typeof createSocialService>
