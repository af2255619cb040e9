/**
 * Contacts: a request (by phone or user id) that the other side accepts or declines; accepted,
 * both sides list each other. Adding by phone answers NOT_FOUND alike for a number without a
 * wallet and for a user who turned "find me by phone" off, so the form does not tell them apart.
 */
import { sql } from 'kysely'
import { randomId } from '../../shared/crypto.ts'
import { DomainError } from '../../shared/errors.ts'
import { isUserId, normalizePhone } from '../identity/index.ts'
import { CONTACT_LIST_MAX, type SocialContext, type SocialDb } from './context.ts'
import { claimSocialLimit } from './limits.ts'
import { ensureProfile, getProfile, type PersonView, people } from './profiles.ts'

export type ContactRequestStatus = 'pending' | 'accepted' | 'declined'

export interface ContactRequest {
  id: string
  fromUserId: string
  toUserId: string
  greeting: string | null
  status: ContactRequestStatus
  createdAtMs: number
}

export interface ContactTarget {
  phone?: string
  userId?: string
}

/** NOT_FOUND { resource: 'user' } for every way of not finding someone. */
const notFound = () => new DomainError('NOT_FOUND', { resource: 'user' })

async function findTarget(ctx: SocialContext, target: ContactTarget): Promise<string> {
  if (target.userId !== undefined) {
    if (!isUserId(target.userId)) throw notFound()
    const user = (await ctx.identity.getUsers([target.userId]))[0]
    if (user === undefined) throw notFound()
    return user.id
  }
  if (target.phone === undefined) throw new DomainError('INVALID_REQUEST')
  const user = await ctx.identity.findUserByPhone(normalizePhone(target.phone))
  if (user === undefined || !(await getProfile(ctx, user.id)).findableByPhone) throw notFound()
  return user.id
}

export async function areContacts(db: SocialDb, userA: string, userB: string): Promise<boolean> {
  const row = await db
    .selectFrom('social_contacts')
    .select('user_id')
    .where('user_id', '=', userA)
    .where('contact_user_id', '=', userB)
    .executeTakeFirst()
  return row !== undefined
}

type RequestRow = {
  id: string
  from_user_id: string
  to_user_id: string
  greeting: string | null
  status: string
  created_at: Date
}

function toRequest(row: RequestRow): ContactRequest {
  return {
    id: row.id,
    fromUserId: row.from_user_id,
    toUserId: row.to_user_id,
    greeting: row.greeting,
    status: row.status as ContactRequestStatus,
    createdAtMs: new Date(row.created_at).getTime(),
  }
}

/**
 * Asks `target` to become a contact (the limit is claimed first, so looking numbers up costs
 * the same either way). Already contacts: answered as accepted. A pending request the other way:
 * this accepts it.
 */
export async function requestContact(
  ctx: SocialContext,
  request: { fromUserId: string; target: ContactTarget; greeting?: string },
): Promise<ContactRequest> {
  await claimSocialLimit(ctx, 'contact_requests', request.fromUserId)
  const toUserId = await findTarget(ctx, request.target)
  if (toUserId === request.fromUserId) throw new DomainError('CONTACT_SELF')
  const nowMs = ctx.clock.nowMs()
  const reverse = await ctx.db
    .selectFrom('contact_requests')
    .selectAll()
    .where('from_user_id', '=', toUserId)
    .where('to_user_id', '=', request.fromUserId)
    .where('status', '=', 'pending')
    .executeTakeFirst()
  if (reverse !== undefined)
    return decideContactRequest(ctx, request.fromUserId, reverse.id, 'accept')
  if (await areContacts(ctx.db, request.fromUserId, toUserId)) {
    return {
      id: '',
      fromUserId: request.fromUserId,
      toUserId,
      greeting: null,
      status: 'accepted',
      createdAtMs: nowMs,
    }
  }
  await ctx.db
    .insertInto('contact_requests')
    .values({
      id: randomId('cr', 16),
      from_user_id: request.fromUserId,
      to_user_id: toUserId,
      greeting: request.greeting?.trim() || null,
      status: 'pending',
      created_at: new Date(nowMs),
      decided_at: null,
    })
    .onConflict((conflict) =>
      conflict.columns(['from_user_id', 'to_user_id']).where('status', '=', 'pending').doNothing(),
    )
    .execute()
  const row = await ctx.db
    .selectFrom('contact_requests')
    .selectAll()
    .where('from_user_id', '=', request.fromUserId)
    .where('to_user_id', '=', toUserId)
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow()
  ctx.live.publish([toUserId], { type: 'contacts' })
  return toRequest(row)
}

/**
 * Claims one contact slot on each side; CONTACTS_FULL when either side has its maximum. One row
 * at a time in id order, so two transactions claiming overlapping pairs cannot deadlock.
 */
async function claimContactSlots(ctx: SocialContext, trx: SocialDb, userIds: string[]) {
  for (const userId of [...userIds].sort()) {
    await ensureProfile(trx, userId, ctx.clock.nowMs())
    const claimed = await trx
      .updateTable('social_profiles')
      .set({ contact_count: sql`contact_count + 1` })
      .where('user_id', '=', userId)
      .where('contact_count', '<', ctx.rules.contactsMax)
      .executeTakeFirst()
    if (Number(claimed.numUpdatedRows) !== 1) throw new DomainError('CONTACTS_FULL')
  }
}

/**
 * Makes two users contacts (both rows); a no-op when they already are. The rows go in first
 * (a concurrent twin waits on their keys and then inserts nothing), then the slots are claimed.
 */
export async function connect(ctx: SocialContext, trx: SocialDb, userA: string, userB: string) {
  const createdAt = new Date(ctx.clock.nowMs())
  const inserted = await trx
    .insertInto('social_contacts')
    .values([
      { user_id: userA, contact_user_id: userB, created_at: createdAt },
      { user_id: userB, contact_user_id: userA, created_at: createdAt },
    ])
    .onConflict((conflict) => conflict.columns(['user_id', 'contact_user_id']).doNothing())
    .returning('user_id')
    .execute()
  if (inserted.length > 0)
    await claimContactSlots(
      ctx,
      trx,
      inserted.map((row) => row.user_id),
    )
}

/** The recipient accepts or declines; anything else about the request is NOT_FOUND. */
export async function decideContactRequest(
  ctx: SocialContext,
  userId: string,
  requestId: string,
  decision: 'accept' | 'decline',
): Promise<ContactRequest> {
  const decided = await ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('contact_requests')
      .set({
        status: decision === 'accept' ? 'accepted' : 'declined',
        decided_at: new Date(ctx.clock.nowMs()),
      })
      .where('id', '=', requestId)
      .where('to_user_id', '=', userId)
      .where('status', '=', 'pending')
      .returningAll()
      .executeTakeFirst()
    if (row === undefined) throw new DomainError('NOT_FOUND', { resource: 'contact_request' })
    if (decision === 'accept') await connect(ctx, trx, row.from_user_id, row.to_user_id)
    return toRequest(row)
  })
  ctx.live.publish([decided.fromUserId, decided.toUserId], { type: 'contacts' })
  return decided
}

/** Pending requests to this user, newest first (bounded). */
export async function incomingRequests(ctx: SocialContext, userId: string) {
  const rows = await ctx.db
    .selectFrom('contact_requests')
    .selectAll()
    .where('to_user_id', '=', userId)
    .where('status', '=', 'pending')
    .orderBy('created_at', 'desc')
    .limit(100)
    .execute()
  const names = new Map(
    (
      await people(
        ctx,
        rows.map((row) => row.from_user_id),
      )
    ).map((p) => [p.userId, p]),
  )
  return rows.map((row) => ({
    ...toRequest(row),
    from: names.get(row.from_user_id) ?? { userId: row.from_user_id, displayName: '?' },
  }))
}

export async function listContacts(ctx: SocialContext, userId: string): Promise<PersonView[]> {
  const rows = await ctx.db
    .selectFrom('social_contacts')
    .select('contact_user_id')
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .limit(CONTACT_LIST_MAX)
    .execute()
  return people(
    ctx,
    rows.map((row) => row.contact_user_id),
  )
}

/** Removes both sides and gives both their contact slot back; NOT_FOUND when not contacts. */
export async function removeContact(ctx: SocialContext, userId: string, contactUserId: string) {
  await ctx.db.transaction().execute(async (trx) => {
    const removed = await trx
      .deleteFrom('social_contacts')
      .where((eb) =>
        eb.or([
          eb.and([eb('user_id', '=', userId), eb('contact_user_id', '=', contactUserId)]),
          eb.and([eb('user_id', '=', contactUserId), eb('contact_user_id', '=', userId)]),
        ]),
      )
      .executeTakeFirst()
    if (Number(removed.numDeletedRows) === 0)
      throw new DomainError('NOT_FOUND', { resource: 'contact' })
    await trx
      .updateTable('social_profiles')
      .set({ contact_count: sql`greatest(contact_count - 1, 0)` })
      .where('user_id', 'in', [userId, contactUserId])
      .execute()
  })
  ctx.live.publish([userId, contactUserId], { type: 'contacts' })
}
