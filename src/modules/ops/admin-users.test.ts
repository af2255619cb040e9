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
const ALICE_PHONE = '13800000001'
const BOB_PHONE = '13900001234'

beforeAll(async () => {
  app = await createTestApp()
  alice = await signIn(app, ALICE_PHONE)
  await signIn(app, BOB_PHONE)
  // Real-name verification is another feature; set the record the way it stores one.
  await app.database.db
    .updateTable('users')
    .set({ real_name: '张三丰', verified_at: new Date(app.clock.nowMs()), account_class: 1 })
    .where('id', '=', alice.userId)
    .execute()
  support = await signInOperator(app, 'support')
  risk = await signInOperator(app, 'risk')
  admin = await signInOperator(app, 'admin')
})

afterAll(async () => {
  await app.close()
})

async function get(url: string, operator: SignedInOperator | SignedIn) {
  return app.server.inject({ method: 'GET', url, headers: operator.auth })
}

async function search(
  operator: SignedInOperator,
  q: string,
): Promise<{ id: string; phone: string; realName: string | null }[]> {
  const response = await get(`/api/v1/admin/users?q=${encodeURIComponent(q)}`, operator)
  expect(response.statusCode, response.body).toBe(200)
  return response.json().users
}

function setStatus(operator: SignedInOperator, userId: string, payload: Record<string, unknown>) {
  return app.server.inject({
    method: 'POST',
    url: `/api/v1/admin/users/${userId}/status`,
    payload,
    headers: operator.auth,
  })
}

describe(`operator user search and status on ${testDatabaseKind()}`, () => {
  it('finds users by full phone, last 4 digits, id and real name, masked for support only', async () => {
    const full = {
      id: alice.userId,
      phone: ALICE_PHONE,
      status: 'normal',
      statusReason: null,
      realName: '张三丰',
      verified: true,
      accountClass: 1,
      createdAtMs: expect.any(Number),
    }
    for (const operator of [risk, admin]) {
      for (const q of [ALICE_PHONE, '+86 138 0000 0001', '0001', alice.userId, '张三丰']) {
        expect(await search(operator, q), q).toEqual([full])
      }
    }
    for (const q of [ALICE_PHONE, '0001', alice.userId, '张三丰']) {
      expect(await search(support, q), q).toEqual([
        { ...full, phone: '138****0001', realName: '**丰' },
      ])
    }
    expect((await search(support, '1234'))[0]?.phone).toBe('139****1234')
    expect(await search(admin, '张三')).toEqual([])
    expect(await search(admin, '9999')).toEqual([])
    expect((await search(admin, '')).map((user) => user.phone)).toEqual([BOB_PHONE, ALICE_PHONE])
  })

  it('shows one user with audit trail, appeals and live sessions; unknown ids are 404 and say nothing', async () => {
    const response = await get(`/api/v1/admin/users/${alice.userId}`, support)
    expect(response.statusCode, response.body).toBe(200)
    const detail = response.json()
    expect(detail.user).toMatchObject({ id: alice.userId, phone: '138****0001', realName: '**丰' })
    expect(detail.sessions).toBe(1)
    expect(detail.appeals).toEqual([])
    expect(detail.audit[0]).toEqual({
      id: expect.any(Number),
      userId: alice.userId,
      actor: { kind: 'user', id: alice.userId },
      action: 'user.signed_up',
      detail: { deviceName: 'Test phone', newDevice: true },
      ip: '127.0.0.1',
      createdAtMs: expect.any(Number),
    })
    for (const userId of ['u_doesnotexist00000000', 'nonsense', "u_x' or 1=1"]) {
      const unknown = await get(`/api/v1/admin/users/${encodeURIComponent(userId)}`, admin)
      expect([unknown.statusCode, unknown.json().code, unknown.json().details], userId).toEqual([
        404,
        'NOT_FOUND',
        { resource: 'user' },
      ])
    }
  })

  it('lets risk and admin freeze, restrict and restore with a reason; support may not', async () => {
    const bob = await signIn(app, BOB_PHONE)
    const forbidden = await setStatus(support, bob.userId, { status: 'frozen', reason: '疑似盗号' })
    expect([forbidden.statusCode, forbidden.json().code]).toEqual([403, 'FORBIDDEN'])
    // Support is refused before the lookup, so it cannot probe ids through this route either.
    expect(
      (await setStatus(support, 'u_doesnotexist00000000', { status: 'frozen', reason: 'x' }))
        .statusCode,
    ).toBe(403)
    const frozen = await setStatus(risk, bob.userId, { status: 'frozen', reason: '疑似盗号' })
    expect(frozen.statusCode, frozen.body).toBe(200)
    expect(frozen.json()).toMatchObject({
      id: bob.userId,
      phone: BOB_PHONE,
      status: 'frozen',
      statusReason: '疑似盗号',
    })
    expect((await get('/api/v1/me', bob)).statusCode).toBe(401)
    const restricted = await setStatus(admin, bob.userId, {
      status: 'restricted',
      reason: '核查中',
    })
    expect(restricted.json()).toMatchObject({ status: 'restricted', statusReason: '核查中' })
    const restored = await setStatus(risk, bob.userId, { status: 'normal', reason: '核查完毕' })
    expect(restored.json().status).toBe('normal')
    const again = await signIn(app, BOB_PHONE)
    const notices = (await get('/api/v1/me/notices', again)).json().notices as {
      kind: string
      detail: unknown
    }[]
    const statusNotices = notices.filter((notice) => notice.kind.startsWith('account_'))
    expect(statusNotices.map((notice) => notice.kind)).toEqual([
      'account_restored',
      'account_restricted',
      'account_frozen',
    ])
    expect(statusNotices[2]?.detail).toEqual({ reason: '疑似盗号', by: 'operator' })
    const audit = (await get(`/api/v1/admin/audit?userId=${bob.userId}`, support)).json().entries
    const changes = audit.filter((entry: { action: string }) => entry.action.startsWith('account.'))
    expect(
      changes.map((entry: { action: string; actor: unknown }) => [entry.action, entry.actor]),
    ).toEqual([
      ['account.restored', { kind: 'operator', id: risk.id }],
      ['account.restricted', { kind: 'operator', id: admin.id }],
      ['account.frozen', { kind: 'operator', id: risk.id }],
    ])
    for (const payload of [
      { status: 'deleted', reason: 'x' },
      { status: 'frozen', reason: '' },
      { status: 'frozen', reason: 'x'.repeat(501) },
      { status: 'frozen' },
    ]) {
      expect((await setStatus(risk, bob.userId, payload)).statusCode, JSON.stringify(payload)).toBe(
        400,
      )
    }
    expect(
      (await setStatus(risk, bob.userId, { status: 'frozen', reason: '   ' })).json(),
    ).toMatchObject({ code: 'INVALID_REQUEST', details: { field: 'reason' } })
    expect(
      (await setStatus(risk, 'u_doesnotexist00000000', { status: 'frozen', reason: 'x' }))
        .statusCode,
    ).toBe(404)
  })

  it('pages the audit log by id; the whole log is for risk and admin', async () => {
    const all = await get('/api/v1/admin/audit', admin)
    expect(all.statusCode).toBe(200)
    const entries = all.json().entries as { id: number; action: string }[]
    expect(entries.map((entry) => entry.id)).toEqual(
      [...entries.map((entry) => entry.id)].sort((a, b) => b - a),
    )
    expect(entries.some((entry) => entry.action === 'operator.signed_in')).toBe(true)
    expect((await get('/api/v1/admin/audit', risk)).statusCode).toBe(200)
    expect((await get('/api/v1/admin/audit', support)).json().code).toBe('FORBIDDEN')
    const newest = entries[0] as { id: number }
    const older = (await get(`/api/v1/admin/audit?beforeId=${newest.id}`, admin)).json()
      .entries as { id: number }[]
    expect(older[0]?.id).toBeLessThan(newest.id)
    const mine = (
      await get(`/api/v1/admin/audit?userId=${alice.userId}&beforeId=1`, support)
    ).json().entries
    expect(mine).toEqual([])
    expect((await get('/api/v1/admin/audit?beforeId=0', admin)).statusCode).toBe(400)
  })
})
