/**
 * Contacts and chat over HTTP: adding by phone or id (and the "not findable" answer looking like
 * an unknown number), membership checks on every conversation route, rate limits, and the live
 * stream over a real HTTP server: two users see each other's messages without reloading.
 */
import type { LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../test-support/app.ts'
import { testDatabaseKind } from '../../test-support/database.ts'
import { signIn, type SignedIn } from '../../test-support/identity.ts'
import { SESSION_COOKIE } from '../auth.ts'

let app: TestApp
let phoneSequence = 0

function newPhone(): string {
  phoneSequence += 1
  return `1372000${String(phoneSequence).padStart(4, '0')}`
}

async function newUser(): Promise<SignedIn & { phone: string }> {
  const phone = newPhone()
  // Past the per-IP SMS hour window, so a file of users can sign in.
  app.clock.advanceMs(3600_000)
  return { ...(await signIn(app, phone)), phone }
}

function call(user: SignedIn | undefined, method: string, url: string, payload?: object) {
  return app.server.inject({
    method: method as 'GET',
    url,
    headers: user?.auth ?? {},
    ...(payload === undefined ? {} : { payload }),
  })
}

async function makeContacts(a: SignedIn, b: SignedIn): Promise<string> {
  const asked = await call(a, 'POST', '/api/v1/me/contact-requests', { userId: b.userId })
  expect(asked.statusCode, asked.body).toBe(201)
  const accepted = await call(
    b,
    'POST',
    `/api/v1/me/contact-requests/${asked.json().id}/decision`,
    {
      decision: 'accept',
    },
  )
  expect(accepted.statusCode, accepted.body).toBe(200)
  const opened = await call(a, 'POST', `/api/v1/me/contacts/${b.userId}/conversation`)
  expect(opened.statusCode, opened.body).toBe(200)
  return opened.json().conversationId
}

function visible(response: LightMyRequestResponse) {
  const {
    date: _date,
    'x-request-id': _id,
    'content-length': _length,
    ...headers
  } = response.headers
  return { status: response.statusCode, headers, body: response.json() }
}

let alice: SignedIn & { phone: string }
let bob: SignedIn & { phone: string }
let directId: string

beforeAll(async () => {
  app = await createTestApp()
  alice = await newUser()
  bob = await newUser()
  directId = await makeContacts(alice, bob)
})

afterAll(async () => {
  await app.close()
})

describe(`contacts over HTTP on ${testDatabaseKind()}`, () => {
  it('lists contacts and pending requests with display names', async () => {
    const carol = await newUser()
    const asked = await call(carol, 'POST', '/api/v1/me/contact-requests', {
      phone: alice.phone,
      greeting: '我是 Carol',
    })
    expect(asked.statusCode, asked.body).toBe(201)
    const pending = (await call(alice, 'GET', '/api/v1/me/contact-requests')).json()
    expect(pending.requests).toMatchObject([
      { fromUserId: carol.userId, greeting: '我是 Carol', from: { userId: carol.userId } },
    ])
    const contacts = (await call(alice, 'GET', '/api/v1/me/contacts')).json()
    expect(contacts.contacts.map((c: { userId: string }) => c.userId)).toEqual([bob.userId])
    const decline = await call(
      alice,
      'POST',
      `/api/v1/me/contact-requests/${asked.json().id}/decision`,
      { decision: 'decline' },
    )
    expect(decline.json().status).toBe('declined')
  })

  it('a hidden user and a phone without a wallet answer identically', async () => {
    const hidden = await newUser()
    const off = await call(hidden, 'PUT', '/api/v1/me/social-profile', { findableByPhone: false })
    expect(off.json()).toMatchObject({ findableByPhone: false })
    const asker = await newUser()
    const [hiddenAnswer, unknownAnswer] = [
      await call(asker, 'POST', '/api/v1/me/contact-requests', { phone: hidden.phone }),
      await call(asker, 'POST', '/api/v1/me/contact-requests', { phone: newPhone() }),
    ]
    expect(hiddenAnswer.statusCode).toBe(404)
    expect(visible(unknownAnswer)).toEqual(visible(hiddenAnswer))
  })

  it('contact requests are rate-limited per user (claimed before looking the number up)', async () => {
    const asker = await newUser()
    const answers = await Promise.all(
      Array.from({ length: 60 }, () =>
        call(asker, 'POST', '/api/v1/me/contact-requests', { phone: newPhone() }),
      ),
    )
    const statuses = answers.map((answer) => answer.statusCode)
    expect(statuses.filter((status) => status === 404)).toHaveLength(
      app.social.rules.contactRequestsPerDayMax,
    )
    expect(statuses.filter((status) => status === 429)).toHaveLength(
      60 - app.social.rules.contactRequestsPerDayMax,
    )
  })

  it('one of phone or userId, never both or neither', async () => {
    expect((await call(alice, 'POST', '/api/v1/me/contact-requests', {})).statusCode).toBe(400)
    const both = await call(alice, 'POST', '/api/v1/me/contact-requests', {
      phone: bob.phone,
      userId: bob.userId,
    })
    expect(both.statusCode).toBe(400)
  })
})

describe(`conversations over HTTP on ${testDatabaseKind()}`, () => {
  it('a non-member gets NOT_FOUND from every conversation route', async () => {
    const outsider = await newUser()
    const base = `/api/v1/me/conversations/${directId}`
    const sent = await call(alice, 'POST', `${base}/messages`, { text: 'hi' })
    const attempts = [
      call(outsider, 'GET', base),
      call(outsider, 'GET', `${base}/messages`),
      call(outsider, 'GET', `${base}/messages/${sent.json().id}`),
      call(outsider, 'POST', `${base}/messages`, { text: 'let me in' }),
      call(outsider, 'POST', `${base}/read`, {}),
      call(outsider, 'POST', `${base}/members`, { memberIds: [outsider.userId] }),
      call(outsider, 'POST', `/api/v1/me/contacts/${alice.userId}/conversation`),
    ]
    for (const answer of await Promise.all(attempts)) {
      expect(answer.statusCode, answer.body).toBe(404)
      expect(answer.json().code).toBe('NOT_FOUND')
    }
    const unknown = await call(outsider, 'GET', '/api/v1/me/conversations/cv_doesnotexist')
    expect(visible(unknown).body).toEqual(visible(await call(outsider, 'GET', base)).body)
  })

  it('text, unread counts, mark read, keyset pages', async () => {
    for (const text of ['一', '二', '三']) {
      expect(
        (await call(bob, 'POST', `/api/v1/me/conversations/${directId}/messages`, { text }))
          .statusCode,
      ).toBe(201)
    }
    const list = (await call(alice, 'GET', '/api/v1/me/conversations')).json()
    const row = list.conversations.find((c: { id: string }) => c.id === directId)
    expect(row).toMatchObject({
      kind: 'direct',
      unreadCount: 3,
      peerUserId: bob.userId,
      lastMessage: { text: '三' },
    })
    const page = (
      await call(alice, 'GET', `/api/v1/me/conversations/${directId}/messages?limit=2`)
    ).json()
    expect(page.messages.map((m: { text: string }) => m.text)).toEqual(['三', '二'])
    expect(page.hasMore).toBe(true)
    expect(
      (await call(alice, 'POST', `/api/v1/me/conversations/${directId}/read`, {})).statusCode,
    ).toBe(204)
    const after = (await call(alice, 'GET', '/api/v1/me/conversations')).json()
    expect(after.conversations.find((c: { id: string }) => c.id === directId).unreadCount).toBe(0)
  })

  it('groups over HTTP: create, members are contacts, add, detail', async () => {
    const dave = await newUser()
    const refused = await call(alice, 'POST', '/api/v1/me/groups', {
      title: '群',
      memberIds: [dave.userId],
    })
    expect(refused.statusCode).toBe(409)
    expect(refused.json()).toMatchObject({
      code: 'NOT_CONTACTS',
      details: { userIds: [dave.userId] },
    })
    const made = await call(alice, 'POST', '/api/v1/me/groups', {
      title: '周末',
      memberIds: [bob.userId],
    })
    expect(made.statusCode, made.body).toBe(201)
    const groupId = made.json().conversationId
    await makeContacts(alice, dave)
    const added = await call(alice, 'POST', `/api/v1/me/conversations/${groupId}/members`, {
      memberIds: [dave.userId],
    })
    expect(added.json()).toEqual({ added: [dave.userId] })
    const detail = (await call(dave, 'GET', `/api/v1/me/conversations/${groupId}`)).json()
    expect(detail).toMatchObject({ kind: 'group', title: '周末', memberCount: 3 })
  })

  it('messages are rate-limited per user', async () => {
    const [a, b] = [await newUser(), await newUser()]
    const id = await makeContacts(a, b)
    const max = app.social.rules.messagesPerMinuteMax
    const answers = await Promise.all(
      Array.from({ length: max + 5 }, (_, index) =>
        call(a, 'POST', `/api/v1/me/conversations/${id}/messages`, { text: `#${index}` }),
      ),
    )
    expect(answers.filter((answer) => answer.statusCode === 201)).toHaveLength(max)
    expect(answers.filter((answer) => answer.statusCode === 429)).toHaveLength(5)
  })
})

/** Reads server-sent events from a real HTTP connection, authenticated by the session cookie. */
async function openStream(base: string, user: SignedIn) {
  const controller = new AbortController()
  const response = await fetch(`${base}/api/v1/me/events`, {
    headers: { cookie: `${SESSION_COOKIE}=${user.token}`, accept: 'text/event-stream' },
    signal: controller.signal,
  })
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toContain('text/event-stream')
  const reader = (response.body as ReadableStream<Uint8Array>).getReader()
  const decoder = new TextDecoder()
  let buffer = ''
  const events: { event: string; data: Record<string, unknown> }[] = []
  async function next(match: (event: { event: string; data: Record<string, unknown> }) => boolean) {
    for (;;) {
      const found = events.findIndex(match)
      if (found >= 0) return events.splice(found, 1)[0] as (typeof events)[number]
      const chunk = await reader.read()
      if (chunk.done) throw new Error('stream ended')
      buffer += decoder.decode(chunk.value, { stream: true })
      let end = buffer.indexOf('\n\n')
      while (end >= 0) {
        const block = buffer.slice(0, end)
        buffer = buffer.slice(end + 2)
        const event = /^event: ?(.*)$/m.exec(block)?.[1]
        const data = /^data: ?(.*)$/m.exec(block)?.[1]
        if (event !== undefined && data !== undefined)
          events.push({ event, data: JSON.parse(data) })
        end = buffer.indexOf('\n\n')
      }
    }
  }
  return { next, close: () => controller.abort() }
}

describe(`live events over a real HTTP server on ${testDatabaseKind()}`, () => {
  it('two users see each other’s messages and card changes live', async () => {
    const base = await app.server.listen({ host: '127.0.0.1', port: 0 })
    const [streamA, streamB] = [await openStream(base, alice), await openStream(base, bob)]
    try {
      await streamA.next((e) => e.event === 'ready')
      await streamB.next((e) => e.event === 'ready')
      const fromAlice = await fetch(`${base}/api/v1/me/conversations/${directId}/messages`, {
        method: 'POST',
        headers: { ...alice.auth, 'content-type': 'application/json' },
        body: JSON.stringify({ text: '在吗' }),
      })
      const sent = (await fromAlice.json()) as { id: number }
      const seenByBob = await streamB.next((e) => e.data.type === 'message')
      expect(seenByBob.data).toEqual({
        type: 'message',
        conversationId: directId,
        messageId: sent.id,
      })
      const fetched = await call(
        bob,
        'GET',
        `/api/v1/me/conversations/${directId}/messages?afterId=${sent.id - 1}`,
      )
      expect(fetched.json().messages.map((m: { text: string }) => m.text)).toEqual(['在吗'])
      await call(bob, 'POST', `/api/v1/me/conversations/${directId}/messages`, { text: '在' })
      expect((await streamA.next((e) => e.data.type === 'message')).data.conversationId).toBe(
        directId,
      )
      const refId = `tr_live_${alice.userId}`
      await app.social.postCard({
        conversationId: directId,
        senderId: alice.userId,
        card: { kind: 'transfer', refId, summary: { amountFen: 500, status: 'pending' } },
      })
      await app.social.updateCard('transfer', refId, { amountFen: 500, status: 'accepted' })
      for (const stream of [streamA, streamB]) {
        const card = await stream.next((e) => e.data.type === 'card')
        expect(card.data.conversationId).toBe(directId)
      }
    } finally {
      streamA.close()
      streamB.close()
    }
  })

  it('the stream needs a session; without one it answers the error envelope', async () => {
    const answer = await app.server.inject({ method: 'GET', url: '/api/v1/me/events' })
    expect(answer.statusCode).toBe(401)
    expect(answer.json().code).toBe('UNAUTHENTICATED')
  })
})
