/** The 聊天 list: a user's conversations, latest activity first, with last message and unread count. */
import { sql } from 'kysely'
import { CONVERSATION_PAGE_SIZE_MAX, type SocialContext, UNREAD_COUNT_MAX } from './context.ts'
import type { ConversationKind } from './conversations.ts'
import { type Message, toMessage } from './messages.ts'
import { people } from './profiles.ts'

export interface ConversationSummary {
  id: string
  kind: ConversationKind
  title: string
  memberCount: number
  /** For a direct conversation: the other person. */
  peerUserId: string | null
  lastMessage: Message | null
  /** Messages from others after the last one read, at most UNREAD_COUNT_MAX. */
  unreadCount: number
  activityAtMs: number
}

export interface InboxCursor {
  activityAtMs: number
  id: string
}

export async function listConversations(
  ctx: SocialContext,
  request: { userId: string; before?: InboxCursor; limit?: number },
): Promise<{ conversations: ConversationSummary[]; next: InboxCursor | null }> {
  const limit = Math.min(
    Math.max(request.limit ?? CONVERSATION_PAGE_SIZE_MAX, 1),
    CONVERSATION_PAGE_SIZE_MAX,
  )
  let query = ctx.db
    .selectFrom('chat_members as m')
    .innerJoin('chat_conversations as c', 'c.id', 'm.conversation_id')
    .select(['c.id', 'c.kind', 'c.title', 'c.member_count', 'c.last_message_id', 'c.activity_at'])
    .select(
      sql<number>`(select count(*) from (select 1 from chat_messages u
        where u.conversation_id = c.id and u.id > m.last_read_message_id
          and u.sender_id <> m.user_id limit ${UNREAD_COUNT_MAX}) unread)`.as('unread'),
    )
    .where('m.user_id', '=', request.userId)
  if (request.before !== undefined) {
    const at = new Date(request.before.activityAtMs)
    query = query.where(sql<boolean>`(c.activity_at, c.id) < (${at}, ${request.before.id})`)
  }
  const rows = await query
    .orderBy('c.activity_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(limit + 1)
    .execute()
  const page = rows.slice(0, limit)
  const lastIds = page.flatMap((row) => (row.last_message_id === null ? [] : [row.last_message_id]))
  const directIds = page.filter((row) => row.kind === 'direct').map((row) => row.id)
  const [lastRows, peerRows] = await Promise.all([
    lastIds.length === 0
      ? []
      : ctx.db.selectFrom('chat_messages').selectAll().where('id', 'in', lastIds).execute(),
    directIds.length === 0
      ? []
      : ctx.db
          .selectFrom('chat_members')
          .select(['conversation_id', 'user_id'])
          .where('conversation_id', 'in', directIds)
          .where('user_id', '<>', request.userId)
          .execute(),
  ])
  const lastById = new Map(lastRows.map((row) => [row.id, toMessage(row)]))
  const peerOf = new Map(peerRows.map((row) => [row.conversation_id, row.user_id]))
  const names = new Map(
    (await people(ctx, [...peerOf.values()])).map((p) => [p.userId, p.displayName]),
  )
  const conversations = page.map((row): ConversationSummary => {
    const peer = peerOf.get(row.id) ?? null
    return {
      id: row.id,
      kind: row.kind as ConversationKind,
      title: row.kind === 'group' ? (row.title ?? '') : (names.get(peer ?? '') ?? ''),
      memberCount: row.member_count,
      peerUserId: peer,
      lastMessage:
        row.last_message_id === null ? null : (lastById.get(row.last_message_id) ?? null),
      unreadCount: Number(row.unread),
      activityAtMs: new Date(row.activity_at).getTime(),
    }
  })
  const tail = page[page.length - 1]
  const next =
    rows.length > limit && tail !== undefined
      ? { activityAtMs: new Date(tail.activity_at).getTime(), id: tail.id }
      : null
  return { conversations, next }
}
