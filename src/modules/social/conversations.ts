/**
 * Conversations: one per pair of users (direct, keyed by the sorted pair) and groups (members
 * who are the adder's contacts, at most `groupMembersMax`, the count claimed in the same
 * transaction that adds them). Everything about a conversation is NOT_FOUND to a non-member.
 */
import { randomId } from '../../shared/crypto.ts'
import { DomainError } from '../../shared/errors.ts'
import type { SocialContext, SocialDb } from './context.ts'
import { claimSocialLimit } from './limits.ts'
import { type PersonView, people } from './profiles.ts'

export type ConversationKind = 'direct' | 'group'

const notFound = () => new DomainError('NOT_FOUND', { resource: 'conversation' })

function directKey(userA: string, userB: string): string {
  return [userA, userB].sort().join('|')
}

export async function isMember(db: SocialDb, conversationId: string, userId: string) {
  const row = await db
    .selectFrom('chat_members')
    .select('user_id')
    .where('conversation_id', '=', conversationId)
    .where('user_id', '=', userId)
    .executeTakeFirst()
  return row !== undefined
}

/** NOT_FOUND unless `userId` is a member: the one check every conversation read starts with. */
export async function requireMember(ctx: SocialContext, conversationId: string, userId: string) {
  const row = await ctx.db
    .selectFrom('chat_conversations as c')
    .innerJoin('chat_members as m', 'm.conversation_id', 'c.id')
    .select(['c.id', 'c.kind', 'c.title', 'c.member_count', 'm.last_read_message_id'])
    .where('c.id', '=', conversationId)
    .where('m.user_id', '=', userId)
    .executeTakeFirst()
  if (row === undefined) throw notFound()
  return row
}

/** User ids of the members, in the order they joined (bounded by groupMembersMax). */
export async function members(db: SocialDb, conversationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('chat_members')
    .select('user_id')
    .where('conversation_id', '=', conversationId)
    .orderBy('joined_at')
    .orderBy('user_id')
    .execute()
  return rows.map((row) => row.user_id)
}

/** Members of a group (2 for a direct conversation); NOT_FOUND for an unknown id. */
export async function groupSize(db: SocialDb, conversationId: string): Promise<number> {
  const row = await db
    .selectFrom('chat_conversations')
    .select('member_count')
    .where('id', '=', conversationId)
    .executeTakeFirst()
  if (row === undefined) throw notFound()
  return row.member_count
}

/** Get-or-create the one conversation of a pair (contacts or not: a transfer card may open it). */
export async function directConversation(
  ctx: SocialContext,
  userA: string,
  userB: string,
): Promise<string> {
  if (userA === userB) throw new DomainError('CONTACT_SELF')
  const key = directKey(userA, userB)
  const existing = await ctx.db
    .selectFrom('chat_conversations')
    .select('id')
    .where('direct_key', '=', key)
    .executeTakeFirst()
  if (existing !== undefined) return existing.id
  const users = await ctx.identity.getUsers([userA, userB])
  if (users.length !== 2) throw new DomainError('NOT_FOUND', { resource: 'user' })
  const now = new Date(ctx.clock.nowMs())
  return ctx.db.transaction().execute(async (trx) => {
    const id = randomId('cv', 16)
    const created = await trx
      .insertInto('chat_conversations')
      .values({
        id,
        kind: 'direct',
        direct_key: key,
        title: null,
        created_by: userA,
        member_count: 2,
        last_message_id: null,
        activity_at: now,
        created_at: now,
      })
      .onConflict((conflict) => conflict.column('direct_key').doNothing())
      .returning('id')
      .executeTakeFirst()
    if (created === undefined) {
      const row = await trx
        .selectFrom('chat_conversations')
        .select('id')
        .where('direct_key', '=', key)
        .executeTakeFirstOrThrow()
      return row.id
    }
    await trx
      .insertInto('chat_members')
      .values([userA, userB].map((user_id) => ({ conversation_id: id, user_id, joined_at: now })))
      .execute()
    return id
  })
}

/** NOT_CONTACTS (with the ids) unless every one of `userIds` is a contact of `actorId`. */
async function requireContactsOf(db: SocialDb, actorId: string, userIds: string[]) {
  if (userIds.length === 0) return
  const rows = await db
    .selectFrom('social_contacts')
    .select('contact_user_id')
    .where('user_id', '=', actorId)
    .where('contact_user_id', 'in', userIds)
    .execute()
  const found = new Set(rows.map((row) => row.contact_user_id))
  const missing = userIds.filter((id) => !found.has(id))
  if (missing.length > 0) throw new DomainError('NOT_CONTACTS', { userIds: missing })
}

/**
 * Adds members under a lock on the group's row (so who is already in and the size are read and
 * claimed together); members already in are skipped; GROUP_FULL past groupMembersMax.
 */
async function addMemberRows(
  ctx: SocialContext,
  trx: SocialDb,
  groupId: string,
  userIds: string[],
) {
  const group = await trx
    .selectFrom('chat_conversations')
    .select('member_count')
    .where('id', '=', groupId)
    .forUpdate()
    .executeTakeFirstOrThrow()
  const present = new Set(await members(trx, groupId))
  const joining = [...new Set(userIds)].filter((id) => !present.has(id))
  if (joining.length === 0) return []
  if (group.member_count + joining.length > ctx.rules.groupMembersMax)
    throw new DomainError('GROUP_FULL', { groupMembersMax: ctx.rules.groupMembersMax })
  await trx
    .updateTable('chat_conversations')
    .set({ member_count: group.member_count + joining.length })
    .where('id', '=', groupId)
    .execute()
  const joinedAt = new Date(ctx.clock.nowMs())
  await trx
    .insertInto('chat_members')
    .values(joining.map((user_id) => ({ conversation_id: groupId, user_id, joined_at: joinedAt })))
    .execute()
  return joining
}

export async function createGroup(
  ctx: SocialContext,
  request: { creatorId: string; title: string; memberIds: string[] },
): Promise<string> {
  const memberIds = [...new Set(request.memberIds)].filter((id) => id !== request.creatorId)
  if (memberIds.length + 1 > ctx.rules.groupMembersMax)
    throw new DomainError('GROUP_FULL', { groupMembersMax: ctx.rules.groupMembersMax })
  await requireContactsOf(ctx.db, request.creatorId, memberIds)
  await claimSocialLimit(ctx, 'groups', request.creatorId)
  const id = randomId('cv', 16)
  const now = new Date(ctx.clock.nowMs())
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('chat_conversations')
      .values({
        id,
        kind: 'group',
        direct_key: null,
        title: request.title.trim(),
        created_by: request.creatorId,
        member_count: 0,
        last_message_id: null,
        activity_at: now,
        created_at: now,
      })
      .execute()
    await addMemberRows(ctx, trx, id, [request.creatorId, ...memberIds])
  })
  ctx.live.publish([request.creatorId, ...memberIds], { type: 'conversation', conversationId: id })
  return id
}

/** A member adds contacts of theirs to a group; NOT_FOUND for a direct one or a non-member. */
export async function addGroupMembers(
  ctx: SocialContext,
  request: { actorId: string; conversationId: string; memberIds: string[] },
): Promise<string[]> {
  const conversation = await requireMember(ctx, request.conversationId, request.actorId)
  if (conversation.kind !== 'group') throw notFound()
  await requireContactsOf(ctx.db, request.actorId, request.memberIds)
  const joined = await ctx.db
    .transaction()
    .execute((trx) => addMemberRows(ctx, trx, request.conversationId, request.memberIds))
  const everyone = await members(ctx.db, request.conversationId)
  ctx.live.publish(everyone, { type: 'conversation', conversationId: request.conversationId })
  return joined
}

export interface ConversationDetail {
  id: string
  kind: ConversationKind
  title: string
  memberCount: number
  members: PersonView[]
}

export async function conversationDetail(
  ctx: SocialContext,
  conversationId: string,
  userId: string,
): Promise<ConversationDetail> {
  const row = await requireMember(ctx, conversationId, userId)
  const memberViews = await people(ctx, await members(ctx.db, conversationId))
  const peer = memberViews.find((person) => person.userId !== userId)
  return {
    id: row.id,
    kind: row.kind as ConversationKind,
    title: row.kind === 'group' ? (row.title ?? '') : (peer?.displayName ?? ''),
    memberCount: row.member_count,
    members: memberViews,
  }
}
