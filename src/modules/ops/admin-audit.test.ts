import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../test-support/app.ts'
import { testDatabaseKind } from '../../test-support/database.ts'
import { type SignedIn, signIn } from '../../test-support/identity.ts'
import { type SignedInOperator, signInOperator } from '../../test-support/operators.ts'

let app: TestApp
let support: SignedInOperator
let risk: SignedInOperator
let admin: SignedInOperator
let alice: SignedIn
let bob: SignedIn
const ALICE_PHONE = '13800000001'
const BOB_PHONE = '13900001234'
const DAY_MS = 24 * 3600_000

interface Entry {
  id: number
  userId: string | null
  action: string
  actor: { kind: string; id?: string }
  createdAtMs: number
}

beforeAll(async () => {
  // The clock starts 2026-01-05 10:00 Shanghai time.
  app = await createTestApp()
  alice = await signIn(app, ALICE_PHONE)
  await signInOperator(app, 'risk')
  app.clock.advanceMs(DAY_MS) // 2026-01-06; operator sessions last 12 hours
  support = await signInOperator(app, 'support')
  risk = await signInOperator(app, 'risk')
  admin = await signInOperator(app, 'admin')
  bob = await signIn(app, BOB_PHONE)
  const frozen = await app.server.inject({
    method: 'POST',
    url: `/api/v1/admin/users/${bob.userId}/status`,
    payload: { status: 'frozen', reason: '核查中' },
    headers: risk.auth,
  })
  expect(frozen.statusCode, frozen.body).toBe(200)
})

afterAll(async () => {
  await app.close()
})

async function audit(operator: SignedInOperator, query: string) {
  const response = await app.server.inject({
    method: 'GET',
    url: `/api/v1/admin/audit${query}`,
    headers: operator.auth,
  })
  return response
}

async function entries(operator: SignedInOperator, query: string): Promise<Entry[]> {
  const response = await audit(operator, query)
  expect(response.statusCode, response.body).toBe(200)
  return response.json().entries
}

describe(`the audit log with filters on ${testDatabaseKind()}`, () => {
  it('narrows by action, actor, user id or phone and Shanghai dates, all together', async () => {
    const signUps = await entries(admin, '?action=user.signed_up')
    expect(signUps.map((entry) => entry.userId)).toEqual([bob.userId, alice.userId])
    const byRisk = await entries(admin, `?actorKind=operator&actorId=${risk.id}`)
    expect(byRisk.map((entry) => entry.action)).toEqual([
      'account.frozen',
      'operator.signed_in',
      'operator.signed_in',
    ])
    const bobs = await entries(admin, `?user=${BOB_PHONE}`)
    expect(bobs.map((entry) => entry.action)).toEqual(['account.frozen', 'user.signed_up'])
    expect(await entries(admin, `?user=${encodeURIComponent('+86 139 0000 1234')}`)).toEqual(bobs)
    expect(await entries(admin, `?user=${bob.userId}`)).toEqual(bobs)
    const firstDay = await entries(admin, '?from=2026-01-05&to=2026-01-05')
    expect(firstDay.map((entry) => [entry.action, entry.actor.id])).toEqual([
      ['operator.signed_in', risk.id],
      ['user.signed_up', alice.userId],
    ])
    const secondDay = await entries(admin, '?from=2026-01-06&action=operator.signed_in')
    expect(secondDay.map((entry) => entry.actor.id)).toEqual([admin.id, risk.id, support.id])
    expect(await entries(admin, '?to=2026-01-04')).toEqual([])
    const userActs = await entries(admin, `?user=${BOB_PHONE}&actorKind=user`)
    expect(userActs.map((entry) => entry.action)).toEqual(['user.signed_up'])
    // A phone nobody has finds nothing; it is not an error.
    expect(await entries(admin, '?user=13700000000')).toEqual([])
  })

  it('names the operators acting in the page and pages back with nextBeforeId', async () => {
    const response = await audit(admin, `?user=${bob.userId}`)
    const page = response.json()
    expect(page.operators).toEqual([{ id: risk.id, displayName: 'risk 测试', role: 'risk' }])
    expect(page.nextBeforeId).toBeNull()
    const detail = await app.server.inject({
      method: 'GET',
      url: `/api/v1/admin/users/${bob.userId}`,
      headers: support.auth,
    })
    expect(detail.json().operators).toEqual(page.operators)
    // 100 a page: 101 entries give a next page that starts below the last id.
    for (let index = 0; index < 100; index += 1) {
      const actor = { kind: 'user' as const, id: alice.userId }
      await app.audit.record({ userId: alice.userId, actor, action: 'session.signed_in' })
    }
    const first = (await audit(admin, `?user=${ALICE_PHONE}`)).json()
    expect(first.entries).toHaveLength(100)
    expect(first.nextBeforeId).toBe(first.entries.at(-1).id)
    const second = (
      await audit(admin, `?user=${ALICE_PHONE}&beforeId=${first.nextBeforeId}`)
    ).json()
    expect(second.entries.map((entry: Entry) => entry.action)).toEqual(['user.signed_up'])
    expect(second.nextBeforeId).toBeNull()
  })

  it("lets support read one user's trail only, by id or phone", async () => {
    for (const query of [
      '',
      '?action=operator.signed_in',
      `?actorId=${risk.id}`,
      '?from=2026-01-05',
    ]) {
      const refused = await audit(support, query)
      expect([refused.statusCode, refused.json().code], query).toEqual([403, 'FORBIDDEN'])
    }
    const bobs = await entries(support, `?user=${BOB_PHONE}`)
    expect(bobs.map((entry) => entry.action)).toEqual(['account.frozen', 'user.signed_up'])
    // Support never sees the operators' own events, even asking for them by a user.
    expect(await entries(support, `?user=${BOB_PHONE}&action=operator.signed_in`)).toEqual([])
  })

  it('refuses what is not a filter: no date, no action, no user, unbounded ids', async () => {
    for (const query of [
      '?from=2026-02-30',
      '?to=2026-13-45',
      '?from=20260105',
      '?action=pin.exploded',
      '?actorKind=robot',
      '?user=zhangsan',
      '?beforeId=0',
      `?beforeId=${Number.MAX_SAFE_INTEGER + 2}`,
      `?user=${'1'.repeat(41)}`,
    ]) {
      const response = await audit(admin, query)
      expect([response.statusCode, response.json().code], query).toEqual([400, 'INVALID_REQUEST'])
    }
  })
})
