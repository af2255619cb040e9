/** The social module through its service: contacts, conversations, messages, cards, live events. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../test-support/app.ts'
import { testDatabaseKind } from '../../test-support/database.ts'
import type { LiveEvent } from './index.ts'

let app: TestApp
let phoneSequence = 0

async function newUser(): Promise<string> {
  phoneSequence += 1
  // Straight through identity: signing in dozens of users would hit the per-IP SMS limit.
  return (await app.identity.ensureUser(`1371000${String(phoneSequence).padStart(4, '0')}`)).id
}

async function contactsPair(): Promise<[string, string]> {
  const [a, b] = [await newUser(), await newUser()]
  await app.social.connect(a, b)
  return [a, b]
}

function listen(userId: string): LiveEvent[] {
  const events: LiveEvent[] = []
  app.social.subscribe(userId, { send: (event) => events.push(event), close: () => {} })
  return events
}

beforeAll(async () => {
  app = await createTestApp()
})

afterAll(async () => {
  await app.close()
})

describe(`contacts on ${testDatabaseKind()}`, () => {
  it('a request by phone becomes a contact on both sides when accepted', async () => {
    const a = await newUser()
    const b = await newUser()
    const bPhone = (await app.identity.getUser(b)).phone
    const request = await app.social.requestContact({ fromUserId: a, target: { phone: bPhone } })
    expect(request).toMatchObject({ fromUserId: a, toUserId: b, status: 'pending' })
    const again = await app.social.requestContact({ fromUserId: a, target: { userId: b } })
    expect(again.id).toBe(request.id)
    expect(await app.social.areContacts(a, b)).toBe(false)
    expect((await app.social.incomingRequests(b)).map((r) => r.id)).toEqual([request.id])
    await expect(app.social.decideContactRequest(a, request.id, 'accept')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    })
    await app.social.decideContactRequest(b, request.id, 'accept')
    expect(await app.social.areContacts(a, b)).toBe(true)
    expect(await app.social.areContacts(b, a)).toBe(true)
    expect((await app.social.listContacts(a)).map((p) => p.userId)).toEqual([b])
    await app.social.removeContact(b, a)
    expect(await app.social.areContacts(a, b)).toBe(false)
    expect(await app.social.listContacts(a)).toEqual([])
  })

  it('a user not findable by phone looks exactly like a number without a wallet', async () => {
    const [a, hidden] = [await newUser(), await newUser()]
    await app.social.updateProfile(hidden, { findableByPhone: false })
    const hiddenPhone = (await app.identity.getUser(hidden)).phone
    const errorOf = (phone: string) =>
      app.social.requestContact({ fromUserId: a, target: { phone } }).then(
        () => undefined,
        (error: { code: string; details: unknown }) => ({
          code: error.code,
          details: error.details,
        }),
      )
    const [hiddenError, unknownError] = [await errorOf(hiddenPhone), await errorOf('13719999999')]
    expect(hiddenError).toEqual({ code: 'NOT_FOUND', details: { resource: 'user' } })
    expect(unknownError).toEqual(hiddenError)
    // By user id (shared by the user themself) they can still be added.
    const request = await app.social.requestContact({ fromUserId: a, target: { userId: hidden } })
    expect(request.status).toBe('pending')
  })

  it('asking someone who already asked you makes you contacts at once', async () => {
    const [a, b] = [await newUser(), await newUser()]
    await app.social.requestContact({ fromUserId: a, target: { userId: b } })
    const answer = await app.social.requestContact({ fromUserId: b, target: { userId: a } })
    expect(answer.status).toBe('accepted')
    expect(await app.social.areContacts(a, b)).toBe(true)
  })

  it('declined requests leave no contact; you cannot add yourself', async () => {
    const [a, b] = [await newUser(), await newUser()]
    const request = await app.social.requestContact({ fromUserId: a, target: { userId: b } })
    await app.social.decideContactRequest(b, request.id, 'decline')
    expect(await app.social.areContacts(a, b)).toBe(false)
    await expect(
      app.social.requestContact({ fromUserId: a, target: { userId: a } }),
    ).rejects.toMatchObject({ code: 'CONTACT_SELF' })
  })

  it('display names: nickname, else masked real name, else masked phone', async () => {
    const a = await newUser()
    const phone = (await app.identity.getUser(a)).phone
    expect((await app.social.people([a]))[0]?.displayName).toBe(
      `${phone.slice(0, 3)}****${phone.slice(-4)}`,
    )
    await app.social.updateProfile(a, { nickname: '小明' })
    expect((await app.social.people([a]))[0]?.displayName).toBe('小明')
  })
})

describe(`conversations and cards on ${testDatabaseKind()}`, () => {
  it('one direct conversation per pair, its members, text both ways, unread counts', async () => {
    const [a, b] = await contactsPair()
    const id = await app.social.directConversation(a, b)
    expect(await app.social.directConversation(b, a)).toBe(id)
    expect((await app.social.members(id)).sort()).toEqual([a, b].sort())
    expect(await app.social.isMember(id, a)).toBe(true)
    expect(await app.social.groupSize(id)).toBe(2)
    const events = listen(b)
    const sent = await app.social.sendText({ conversationId: id, senderId: a, text: ' 你好 ' })
    expect(sent.text).toBe('你好')
    expect(events).toContainEqual({ type: 'message', conversationId: id, messageId: sent.id })
    const inboxB = await app.social.listConversations({ userId: b })
    expect(inboxB.conversations[0]).toMatchObject({
      id,
      unreadCount: 1,
      kind: 'direct',
      peerUserId: a,
    })
    expect(inboxB.conversations[0]?.lastMessage?.text).toBe('你好')
    const inboxA = await app.social.listConversations({ userId: a })
    expect(inboxA.conversations[0]?.unreadCount).toBe(0)
    await app.social.markRead({ conversationId: id, userId: b })
    expect((await app.social.listConversations({ userId: b })).conversations[0]?.unreadCount).toBe(
      0,
    )
  })

  it('a non-member gets NOT_FOUND for everything in a conversation', async () => {
    const [a, b] = await contactsPair()
    const outsider = await newUser()
    const id = await app.social.directConversation(a, b)
    const notFound = { code: 'NOT_FOUND' }
    await expect(
      app.social.listMessages({ conversationId: id, userId: outsider }),
    ).rejects.toMatchObject(notFound)
    await expect(app.social.conversationDetail(id, outsider)).rejects.toMatchObject(notFound)
    await expect(
      app.social.sendText({ conversationId: id, senderId: outsider, text: 'hi' }),
    ).rejects.toMatchObject(notFound)
    await expect(
      app.social.markRead({ conversationId: id, userId: outsider }),
    ).rejects.toMatchObject(notFound)
    await expect(
      app.social.postCard({
        conversationId: id,
        senderId: outsider,
        card: { kind: 'transfer', refId: 'tr_x', summary: {} },
      }),
    ).rejects.toMatchObject(notFound)
  })

  it('text in a direct conversation needs the two to be contacts; cards do not', async () => {
    const [a, b] = [await newUser(), await newUser()]
    const id = await app.social.directConversation(a, b)
    await expect(
      app.social.sendText({ conversationId: id, senderId: a, text: 'hi' }),
    ).rejects.toMatchObject({
      code: 'NOT_CONTACTS',
    })
    const messageId = await app.social.postCard({
      conversationId: id,
      senderId: a,
      card: { kind: 'transfer', refId: `tr_${a}`, summary: { amountFen: 100, status: 'pending' } },
    })
    expect(messageId).toBeGreaterThan(0)
  })

  it('a card is posted once per ref, updated in place, and every member is told', async () => {
    const [a, b] = await contactsPair()
    const id = await app.social.directConversation(a, b)
    const [eventsA, eventsB] = [listen(a), listen(b)]
    const refId = `tr_card_${a}`
    const card = {
      kind: 'transfer' as const,
      refId,
      summary: { amountFen: 1000, note: '午饭', status: 'pending' },
    }
    const messageId = await app.social.postCard({ conversationId: id, senderId: a, card })
    expect(await app.social.postCard({ conversationId: id, senderId: a, card })).toBe(messageId)
    expect(
      await app.social.updateCard('transfer', refId, {
        amountFen: 1000,
        note: '午饭',
        status: 'accepted',
      }),
    ).toBe(messageId)
    for (const events of [eventsA, eventsB]) {
      expect(events).toContainEqual({ type: 'message', conversationId: id, messageId })
      expect(events).toContainEqual({ type: 'card', conversationId: id, messageId })
    }
    const message = await app.social.getMessage({ conversationId: id, userId: b, messageId })
    expect(message.card).toEqual({
      kind: 'transfer',
      refId,
      summary: { amountFen: 1000, note: '午饭', status: 'accepted' },
    })
    expect(
      await app.social.updateCard('redpacket', 'rp_never_posted', { status: 'x' }),
    ).toBeUndefined()
    await expect(
      app.social.postCard({
        conversationId: id,
        senderId: a,
        card: { ...card, refId: 'big', summary: { text: 'x'.repeat(2000) } },
      }),
    ).rejects.toMatchObject({ code: 'INVALID_REQUEST' })
  })

  it('groups: members must be contacts, size is bounded, messages page by keyset', async () => {
    const owner = await newUser()
    const friends = [await newUser(), await newUser(), await newUser()]
    for (const friend of friends) await app.social.connect(owner, friend)
    const stranger = await newUser()
    await expect(
      app.social.createGroup({ creatorId: owner, title: '群', memberIds: [stranger] }),
    ).rejects.toMatchObject({ code: 'NOT_CONTACTS', details: { userIds: [stranger] } })
    const groupId = await app.social.createGroup({
      creatorId: owner,
      title: '零钱群',
      memberIds: friends.slice(0, 2),
    })
    expect(await app.social.groupSize(groupId)).toBe(3)
    expect(
      await app.social.addGroupMembers({
        actorId: owner,
        conversationId: groupId,
        memberIds: [friends[2] as string, friends[0] as string],
      }),
    ).toEqual([friends[2]])
    expect(await app.social.groupSize(groupId)).toBe(4)
    const sentIds: number[] = []
    for (let index = 0; index < 7; index += 1) {
      sentIds.push(
        (await app.social.sendText({ conversationId: groupId, senderId: owner, text: `m${index}` }))
          .id,
      )
    }
    const first = await app.social.listMessages({
      conversationId: groupId,
      userId: friends[0] as string,
      limit: 3,
    })
    expect(first.messages.map((m) => m.text)).toEqual(['m6', 'm5', 'm4'])
    expect(first.hasMore).toBe(true)
    const second = await app.social.listMessages({
      conversationId: groupId,
      userId: friends[0] as string,
      limit: 5,
      beforeId: first.messages[2]?.id as number,
    })
    expect(second.messages.map((m) => m.text)).toEqual(['m3', 'm2', 'm1', 'm0'])
    expect(second.hasMore).toBe(false)
    const after = await app.social.listMessages({
      conversationId: groupId,
      userId: owner,
      afterId: sentIds[4] as number,
    })
    expect(after.messages.map((m) => m.text)).toEqual(['m5', 'm6'])
    const detail = await app.social.conversationDetail(groupId, friends[1] as string)
    expect(detail).toMatchObject({ kind: 'group', title: '零钱群', memberCount: 4 })
  })
})
