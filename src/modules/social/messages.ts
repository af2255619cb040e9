/**
 * Messages: text from a member, and cards — a transfer or red packet shown in the conversation,
 * posted and updated by the module that owns it (its summary is that module's small JSON). Each
 * new message and card change is pushed live to every member.
 */
import { sql, type Selectable } from 'kysely'
import { DomainError } from '../../shared/errors.ts'
import {
  CARD_SUMMARY_JSON_LENGTH_MAX,
  type CardKind,
  MESSAGE_PAGE_SIZE_MAX,
  MESSAGE_TEXT_LENGTH_MAX,
  type SocialContext,
  type SocialDb,
} from './context.ts'
import { areContacts } from './contacts.ts'
import { members, requireMember } from './conversations.ts'
import { claimSocialLimit } from './limits.ts'
import type { SocialTables } from './social-tables.ts'

export type MessageKind = 'text' | CardKind
export type CardSummary = Record<string, unknown>

export interface Card {
  kind: CardKind
  refId: string
  summary: CardSummary
}

export interface Message {
  id: number
  conversationId: string
  senderId: string
  kind: MessageKind
  text: string | null
  card: Card | null
  createdAtMs: number
  updatedAtMs: number
}

type MessageRow = Selectable<SocialTables['chat_messages']>

export function toMessage(row: MessageRow): Message {
  const kind = row.kind as MessageKind
  return {
    id: row.id,
    conversationId: row.conversation_id,
    senderId: row.sender_id,
    kind,
    text: row.body,
    card:
      kind === 'text' || row.card_ref === null
        ? null
        : { kind, refId: row.card_ref, summary: row.card_summary ?? {} },
    createdAtMs: new Date(row.created_at).getTime(),
    updatedAtMs: new Date(row.updated_at).getTime(),
  }
}

/** Moves the conversation's last message forward (never back: inserts may commit out of order). */
async function touchConversation(
  db: SocialDb,
  conversationId: string,
  messageId: number,
  at: Date,
) {
  await db
    .updateTable('chat_conversations')
    .set({
      last_message_id: sql`greatest(coalesce(last_message_id, 0), ${messageId})`,
      activity_at: sql`greatest(activity_at, ${at})`,
    })
    .where('id', '=', conversationId)
    .execute()
}

async function publishToMembers(
  ctx: SocialContext,
  conversationId: string,
  event: { type: 'message' | 'card'; messageId: number },
) {
  ctx.live.publish(await members(ctx.db, conversationId), { ...event, conversationId })
}

export async function sendText(
  ctx: SocialContext,
  request: { conversationId: string; senderId: string; text: string },
): Promise<Message> {
  const text = request.text.trim()
  if (text.length === 0 || Array.from(text).length > MESSAGE_TEXT_LENGTH_MAX)
    throw new DomainError('INVALID_REQUEST', { field: 'text', lengthMax: MESSAGE_TEXT_LENGTH_MAX })
  const conversation = await requireMember(ctx, request.conversationId, request.senderId)
  if (conversation.kind === 'direct') {
    const peer = (await members(ctx.db, request.conversationId)).find(
      (id) => id !== request.senderId,
    )
    if (peer === undefined || !(await areContacts(ctx.db, request.senderId, peer)))
      throw new DomainError('NOT_CONTACTS', { userIds: peer === undefined ? [] : [peer] })
  }
  await claimSocialLimit(ctx, 'messages', request.senderId)
  const now = new Date(ctx.clock.nowMs())
  const row = await ctx.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('chat_messages')
      .values({
        conversation_id: request.conversationId,
        sender_id: request.senderId,
        kind: 'text',
        body: text,
        card_ref: null,
        card_summary: null,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    await touchConversation(trx, request.conversationId, inserted.id, now)
    // One's own message is read.
    await trx
      .updateTable('chat_members')
      .set({ last_read_message_id: inserted.id })
      .where('conversation_id', '=', request.conversationId)
      .where('user_id', '=', request.senderId)
      .execute()
    return inserted
  })
  await publishToMembers(ctx, request.conversationId, { type: 'message', messageId: row.id })
  return toMessage(row)
}

function checkedSummary(summary: CardSummary): CardSummary {
  const json = JSON.stringify(summary)
  if (typeof summary !== 'object' || summary === null || Array.isArray(summary))
    throw new DomainError('INVALID_REQUEST', { field: 'summary' })
  if (json.length > CARD_SUMMARY_JSON_LENGTH_MAX)
    throw new DomainError('INVALID_REQUEST', {
      field: 'summary',
      lengthMax: CARD_SUMMARY_JSON_LENGTH_MAX,
    })
  return JSON.parse(json) as CardSummary
}

export interface CardPost {
  conversationId: string
  senderId: string
  card: Card
}

/**
 * Posts a card, once per (kind, refId): posting again returns the first message. With the
 * producer's `executor` (its transaction) nothing is pushed: call announceCard after commit.
 */
export async function postCard(ctx: SocialContext, post: CardPost, executor?: SocialDb) {
  const db = executor ?? ctx.db
  const summary = checkedSummary(post.card.summary)
  if (post.card.refId.length === 0 || post.card.refId.length > 100)
    throw new DomainError('INVALID_REQUEST', { field: 'refId' })
  const member = await db
    .selectFrom('chat_members')
    .select('user_id')
    .where('conversation_id', '=', post.conversationId)
    .where('user_id', '=', post.senderId)
    .executeTakeFirst()
  if (member === undefined) throw new DomainError('NOT_FOUND', { resource: 'conversation' })
  const now = new Date(ctx.clock.nowMs())
  const inserted = await db
    .insertInto('chat_messages')
    .values({
      conversation_id: post.conversationId,
      sender_id: post.senderId,
      kind: post.card.kind,
      body: null,
      card_ref: post.card.refId,
      card_summary: summary,
      created_at: now,
      updated_at: now,
    })
    .onConflict((conflict) =>
      conflict.columns(['kind', 'card_ref']).where('card_ref', 'is not', null).doNothing(),
    )
    .returning('id')
    .executeTakeFirst()
  if (inserted === undefined) return (await cardMessage(db, post.card.kind, post.card.refId)).id
  await touchConversation(db, post.conversationId, inserted.id, now)
  if (executor === undefined)
    await publishToMembers(ctx, post.conversationId, { type: 'message', messageId: inserted.id })
  return inserted.id
}

async function cardMessage(db: SocialDb, kind: CardKind, refId: string) {
  const row = await db
    .selectFrom('chat_messages')
    .select(['id', 'conversation_id'])
    .where('kind', '=', kind)
    .where('card_ref', '=', refId)
    .executeTakeFirst()
  if (row === undefined) throw new DomainError('NOT_FOUND', { resource: 'message' })
  return row
}

/** Pushes a card posted or updated inside a producer's transaction, once it has committed. */
export async function announceCard(ctx: SocialContext, kind: CardKind, refId: string) {
  const row = await cardMessage(ctx.db, kind, refId)
  await publishToMembers(ctx, row.conversation_id, { type: 'card', messageId: row.id })
}

/**
 * Replaces a card's summary (已收款, 已退还, 已领完) and pushes it to every member; returns
 * undefined when the card was never posted (a movement with no conversation, e.g. to a phone).
 */
export async function updateCard(
  ctx: SocialContext,
  change: { kind: CardKind; refId: string; summary: CardSummary },
  executor?: SocialDb,
): Promise<number | undefined> {
  const row = await (executor ?? ctx.db)
    .updateTable('chat_messages')
    .set({ card_summary: checkedSummary(change.summary), updated_at: new Date(ctx.clock.nowMs()) })
    .where('kind', '=', change.kind)
    .where('card_ref', '=', change.refId)
    .returning(['id', 'conversation_id'])
    .executeTakeFirst()
  if (row === undefined) return undefined
  if (executor === undefined)
    await publishToMembers(ctx, row.conversation_id, { type: 'card', messageId: row.id })
  return row.id
}

export interface MessagePage {
  /** Newest first when paging back (`beforeId`), oldest first when catching up (`afterId`). */
  messages: Message[]
  hasMore: boolean
}

export async function listMessages(
  ctx: SocialContext,
  request: {
    conversationId: string
    userId: string
    beforeId?: number
    afterId?: number
    limit?: number
  },
): Promise<MessagePage> {
  await requireMember(ctx, request.conversationId, request.userId)
  const limit = Math.min(Math.max(request.limit ?? MESSAGE_PAGE_SIZE_MAX, 1), MESSAGE_PAGE_SIZE_MAX)
  let query = ctx.db
    .selectFrom('chat_messages')
    .selectAll()
    .where('conversation_id', '=', request.conversationId)
  if (request.afterId !== undefined) {
    query = query.where('id', '>', request.afterId).orderBy('id', 'asc')
  } else {
    if (request.beforeId !== undefined) query = query.where('id', '<', request.beforeId)
    query = query.orderBy('id', 'desc')
  }
  const rows = await query.limit(limit + 1).execute()
  return { messages: rows.slice(0, limit).map(toMessage), hasMore: rows.length > limit }
}

export async function getMessage(
  ctx: SocialContext,
  request: { conversationId: string; userId: string; messageId: number },
): Promise<Message> {
  await requireMember(ctx, request.conversationId, request.userId)
  const row = await ctx.db
    .selectFrom('chat_messages')
    .selectAll()
    .where('conversation_id', '=', request.conversationId)
    .where('id', '=', request.messageId)
    .executeTakeFirst()
  if (row === undefined) throw new DomainError('NOT_FOUND', { resource: 'message' })
  return toMessage(row)
}

/** Marks read up to `upToId` (default: the last message); never moves back. */
export async function markRead(
  ctx: SocialContext,
  request: { conversationId: string; userId: string; upToId?: number },
): Promise<void> {
  await requireMember(ctx, request.conversationId, request.userId)
  const last = await ctx.db
    .selectFrom('chat_conversations')
    .select('last_message_id')
    .where('id', '=', request.conversationId)
    .executeTakeFirstOrThrow()
  const lastId = last.last_message_id ?? 0
  const upTo = Math.min(request.upToId ?? lastId, lastId)
  await ctx.db
    .updateTable('chat_members')
    .set({ last_read_message_id: sql`greatest(last_read_message_id, ${upTo})` })
    .where('conversation_id', '=', request.conversationId)
    .where('user_id', '=', request.userId)
    .execute()
  ctx.live.publish([request.userId], { type: 'read', conversationId: request.conversationId })
}
