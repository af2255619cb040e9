/**
 * The social module's bounds under concurrency: group size and contact count claimed atomically
 * with the rows they limit, and the live hub's per-user and total stream limits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../test-support/app.ts'
import { testDatabaseKind } from '../../test-support/database.ts'
import { createRateLimits } from '../rate-limits/index.ts'
import { createSocialService, type SocialService } from './index.ts'
import { createLiveHub } from './live.ts'

const GROUP_MAX = 5
const CONTACTS_MAX = 3
let app: TestApp
let social: SocialService
let phoneSequence = 0

async function newUser(): Promise<string> {
  phoneSequence += 1
  return (await app.identity.ensureUser(`1373000${String(phoneSequence).padStart(4, '0')}`)).id
}

beforeAll(async () => {
  app = await createTestApp()
  social = createSocialService({
    db: app.database.db,
    clock: app.clock,
    identity: app.identity,
    rateLimits: createRateLimits({ db: app.database.db, clock: app.clock }),
    rules: { groupMembersMax: GROUP_MAX, contactsMax: CONTACTS_MAX },
  })
})

afterAll(async () => {
  await app.close()
})

describe(`social limits on ${testDatabaseKind()}`, () => {
  it(`parallel additions never take a group past ${GROUP_MAX} members`, async () => {
    const owner = await newUser()
    const friends: string[] = []
    for (let index = 0; index < 8; index += 1) friends.push(await newUser())
    // Contacts of the owner through the app's service (its contact limit is the default).
    for (const friend of friends) await app.social.connect(owner, friend)
    const groupId = await social.createGroup({
      creatorId: owner,
      title: '限额群',
      memberIds: [friends[0] as string],
    })
    const results = await Promise.allSettled(
      friends
        .slice(1)
        .map((friend) =>
          social.addGroupMembers({ actorId: owner, conversationId: groupId, memberIds: [friend] }),
        ),
    )
    const added = results.filter((result) => result.status === 'fulfilled')
    const refused = results.filter((result) => result.status === 'rejected')
    expect(added).toHaveLength(GROUP_MAX - 2)
    for (const result of refused)
      expect((result as PromiseRejectedResult).reason).toMatchObject({ code: 'GROUP_FULL' })
    expect(await social.groupSize(groupId)).toBe(GROUP_MAX)
    expect(await social.members(groupId)).toHaveLength(GROUP_MAX)
    await expect(
      social.createGroup({ creatorId: owner, title: '太大', memberIds: friends }),
    ).rejects.toMatchObject({ code: 'GROUP_FULL' })
  })

  it(`parallel accepts never give anyone more than ${CONTACTS_MAX} contacts`, async () => {
    const popular = await newUser()
    const askers: string[] = []
    for (let index = 0; index < 6; index += 1) askers.push(await newUser())
    const requests = await Promise.all(
      askers.map((asker) =>
        social.requestContact({ fromUserId: asker, target: { userId: popular } }),
      ),
    )
    const results = await Promise.allSettled(
      requests.map((request) => social.decideContactRequest(popular, request.id, 'accept')),
    )
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(CONTACTS_MAX)
    expect(await social.listContacts(popular)).toHaveLength(CONTACTS_MAX)
    for (const result of results) {
      if (result.status === 'rejected')
        expect(result.reason).toMatchObject({ code: 'CONTACTS_FULL' })
    }
    // Removing one gives the slot back on both sides.
    const [first] = await social.listContacts(popular)
    await social.removeContact(popular, first?.userId as string)
    const again = await social.requestContact({
      fromUserId: first?.userId as string,
      target: { userId: popular },
    })
    expect((await social.decideContactRequest(popular, again.id, 'accept')).status).toBe('accepted')
  })

  it('the same pair connected in parallel ends up as one pair, counted once', async () => {
    const [a, b] = [await newUser(), await newUser()]
    await Promise.all(Array.from({ length: 5 }, () => social.connect(a, b)))
    expect(await social.listContacts(a)).toHaveLength(1)
    const other = await newUser()
    await social.connect(a, other)
    expect(await social.listContacts(a)).toHaveLength(2)
  })

  it('parallel get-or-create of a direct conversation gives one conversation', async () => {
    const [a, b] = [await newUser(), await newUser()]
    const ids = await Promise.all(
      Array.from({ length: 6 }, (_, index) =>
        index % 2 === 0 ? social.directConversation(a, b) : social.directConversation(b, a),
      ),
    )
    expect(new Set(ids).size).toBe(1)
    expect(await social.members(ids[0] as string)).toHaveLength(2)
  })
})

describe('the live hub', () => {
  it('keeps at most perUserMax streams per user, ending the oldest', () => {
    const hub = createLiveHub({ perUserMax: 2, totalMax: 10 })
    const closed: number[] = []
    const seen: number[] = []
    for (const index of [1, 2, 3]) {
      hub.subscribe('u_a', { send: () => seen.push(index), close: () => closed.push(index) })
    }
    expect(closed).toEqual([1])
    expect(hub.count()).toBe(2)
    hub.publish(['u_a', 'u_a'], { type: 'contacts' })
    expect(seen).toEqual([2, 3])
  })

  it('refuses a stream past the process total, and unsubscribing frees it', () => {
    const hub = createLiveHub({ perUserMax: 5, totalMax: 2 })
    const noop = { send: () => {}, close: () => {} }
    const leave = hub.subscribe('u_a', noop)
    hub.subscribe('u_b', noop)
    expect(() => hub.subscribe('u_c', noop)).toThrow(
      expect.objectContaining({ code: 'SYSTEM_BUSY' }),
    )
    leave()
    leave()
    expect(hub.count()).toBe(1)
    hub.subscribe('u_c', noop)
    expect(hub.count()).toBe(2)
  })
})
