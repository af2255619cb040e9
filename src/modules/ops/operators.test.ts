import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRateLimits } from '../rate-limits/index.ts'
import { createTestApp, type TestApp } from '../../test-support/app.ts'
import { testDatabaseKind } from '../../test-support/database.ts'
import { signIn } from '../../test-support/identity.ts'
import {
  ensureTestOperator,
  signInOperator,
  TEST_OPERATOR_PASSWORD,
} from '../../test-support/operators.ts'

let app: TestApp

beforeAll(async () => {
  app = await createTestApp()
})

afterAll(async () => {
  await app.close()
})

function adminSignIn(username: string, password: string) {
  return app.server.inject({
    method: 'POST',
    url: '/api/v1/admin/sessions',
    payload: { username, password },
  })
}

function get(url: string, headers: Record<string, string> = {}) {
  return app.server.inject({ method: 'GET', url, headers })
}

async function auditActions(): Promise<
  { action: string; actor: { kind: string; id?: string }; detail: unknown }[]
> {
  const admin = await signInOperator(app, 'admin', 'audit.reader')
  const response = await get('/api/v1/admin/audit', admin.auth)
  expect(response.statusCode, response.body).toBe(200)
  return response.json().entries
}

describe(`operator accounts and sessions on ${testDatabaseKind()}`, () => {
  it('creates operators idempotently with argon2id hashes and refuses bad accounts', async () => {
    const first = await app.ops.ensureOperator({
      username: 'Wang.Li',
      displayName: '王力',
      password: 'first-password',
      role: 'support',
    })
    expect(first).toEqual({
      created: true,
      operator: {
        id: expect.stringMatching(/^op_/),
        username: 'wang.li',
        displayName: '王力',
        role: 'support',
      },
    })
    const second = await app.ops.ensureOperator({
      username: 'wang.li',
      displayName: 'other',
      password: 'second-password',
      role: 'admin',
    })
    expect(second).toEqual({ created: false, operator: first.operator })
    // A re-run of the seed does not reset the password.
    expect((await adminSignIn('wang.li', 'first-password')).statusCode).toBe(200)
    expect((await adminSignIn('wang.li', 'second-password')).statusCode).toBe(401)
    const row = await app.database.db
      .selectFrom('operators')
      .select('password_hash')
      .where('username', '=', 'wang.li')
      .executeTakeFirstOrThrow()
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
    for (const bad of [
      { username: 'x', password: 'long-enough' },
      { username: '1abc', password: 'long-enough' },
      { username: 'valid', password: 'short' },
    ]) {
      await expect(
        app.ops.ensureOperator({ ...bad, displayName: 'x', role: 'support' }),
      ).rejects.toMatchObject({ code: 'INVALID_REQUEST' })
    }
  })

  it('signs in with a cookie and a bearer token, and signs out', async () => {
    await ensureTestOperator(app, 'risk', 'risk.session')
    const response = await adminSignIn(' Risk.Session ', TEST_OPERATOR_PASSWORD)
    expect(response.statusCode, response.body).toBe(200)
    const { token, operator } = response.json()
    expect(operator).toEqual({
      id: expect.stringMatching(/^op_/),
      username: 'risk.session',
      displayName: 'risk 测试',
      role: 'risk',
    })
    const cookie = String(response.headers['set-cookie'])
    expect(cookie).toMatch(/lq_admin_session=[^;]+;.*Path=\//)
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Strict/)
    expect((await get('/api/v1/admin/me', { authorization: `Bearer ${token}` })).json()).toEqual(
      operator,
    )
    const byCookie = await app.server.inject({
      method: 'GET',
      url: '/api/v1/admin/me',
      cookies: { lq_admin_session: token },
    })
    expect(byCookie.json()).toEqual(operator)
    const signedOut = await app.server.inject({
      method: 'DELETE',
      url: '/api/v1/admin/sessions/current',
      headers: { authorization: `Bearer ${token}` },
    })
    expect(signedOut.statusCode).toBe(204)
    expect(String(signedOut.headers['set-cookie'])).toMatch(/lq_admin_session=;/)
    expect((await get('/api/v1/admin/me', { authorization: `Bearer ${token}` })).statusCode).toBe(
      401,
    )
    const actions = await auditActions()
    for (const action of ['operator.signed_in', 'operator.signed_out']) {
      expect(actions).toContainEqual(
        expect.objectContaining({ action, actor: { kind: 'operator', id: operator.id } }),
      )
    }
  })

  it('says only "wrong" for an unknown user or a wrong password, and audits both', async () => {
    const operatorId = await ensureTestOperator(app, 'support', 'support.wrong')
    const unknown = await adminSignIn('nobody.here', TEST_OPERATOR_PASSWORD)
    const wrong = await adminSignIn('support.wrong', 'not-the-password')
    for (const response of [unknown, wrong]) {
      expect(response.statusCode).toBe(401)
      expect(Object.keys(response.json()).sort()).toEqual(['code', 'message'])
      expect(response.json().code).toBe('OPERATOR_CREDENTIALS_WRONG')
    }
    const failures = (await auditActions()).filter(
      (entry) => entry.action === 'operator.sign_in_failed',
    )
    expect(failures).toContainEqual(
      expect.objectContaining({
        actor: { kind: 'operator' },
        detail: { username: 'nobody.here', reason: 'unknown_username' },
      }),
    )
    expect(failures).toContainEqual(
      expect.objectContaining({
        actor: { kind: 'operator', id: operatorId },
        detail: { username: 'support.wrong', reason: 'wrong_password' },
      }),
    )
  })

  it('locks an operator for 15 minutes after 5 wrong passwords in a row', async () => {
    const operatorId = await ensureTestOperator(app, 'admin', 'admin.locked')
    // A success resets the count: 4 misses, a success, 4 misses do not lock.
    for (let round = 0; round < 2; round++) {
      for (let miss = 0; miss < 4; miss++)
        expect((await adminSignIn('admin.locked', 'wrong-password')).json().code).toBe(
          'OPERATOR_CREDENTIALS_WRONG',
        )
      expect((await adminSignIn('admin.locked', TEST_OPERATOR_PASSWORD)).statusCode).toBe(200)
    }
    for (let miss = 0; miss < 4; miss++) await adminSignIn('admin.locked', 'wrong-password')
    const locked = await adminSignIn('admin.locked', 'wrong-password')
    const unlockAtMs = app.clock.nowMs() + 15 * 60_000
    expect([locked.statusCode, locked.json().code, locked.json().details]).toEqual([
      429,
      'OPERATOR_LOCKED',
      { unlockAtMs },
    ])
    // Even the right password is refused while locked.
    app.clock.advanceMs(15 * 60_000 - 1)
    expect((await adminSignIn('admin.locked', TEST_OPERATOR_PASSWORD)).json()).toMatchObject({
      code: 'OPERATOR_LOCKED',
      details: { unlockAtMs },
    })
    app.clock.advanceMs(1)
    expect((await adminSignIn('admin.locked', TEST_OPERATOR_PASSWORD)).statusCode).toBe(200)
    // The count starts again after the lock.
    for (let miss = 0; miss < 4; miss++)
      expect((await adminSignIn('admin.locked', 'wrong-password')).json().code).toBe(
        'OPERATOR_CREDENTIALS_WRONG',
      )
    const actions = await auditActions()
    expect(actions.find((entry) => entry.action === 'operator.locked')).toMatchObject({
      actor: { kind: 'operator', id: operatorId },
      detail: { unlockAtMs },
    })
    expect(actions).toContainEqual(
      expect.objectContaining({
        action: 'operator.sign_in_failed',
        detail: { username: 'admin.locked', reason: 'locked' },
      }),
    )
  })

  it('forgets idle sign-in attempts of any username, never a lock in force', async () => {
    for (let miss = 0; miss < 5; miss++) await adminSignIn('ghost.locked', 'wrong-password')
    await adminSignIn('ghost.idle', 'wrong-password')
    app.clock.advanceMs(60_000)
    const attempts = () =>
      app.database.db
        .selectFrom('credential_attempts')
        .select('username')
        .where('realm', '=', 'operator')
        .where('username', 'in', ['ghost.locked', 'ghost.idle'])
        .execute()
    expect(await attempts()).toHaveLength(2)
    const rateLimits = createRateLimits({ db: app.database.db, clock: app.clock })
    expect(await rateLimits.pruneIdle(1)).toBeGreaterThanOrEqual(1)
    expect(await attempts()).toEqual([{ username: 'ghost.locked' }])
    expect((await adminSignIn('ghost.locked', 'wrong-password')).json().code).toBe(
      'OPERATOR_LOCKED',
    )
  })

  it('ends operator sessions after 12 hours', async () => {
    const support = await signInOperator(app, 'support', 'support.expiry')
    app.clock.advanceMs(12 * 3600_000 - 1)
    expect((await get('/api/v1/admin/me', support.auth)).statusCode).toBe(200)
    app.clock.advanceMs(1)
    expect((await get('/api/v1/admin/me', support.auth)).statusCode).toBe(401)
  })

  it('never accepts a user token on admin routes nor an operator token on user routes', async () => {
    const user = await signIn(app, '13600000001')
    const admin = await signInOperator(app, 'admin', 'admin.separation')
    expect((await get('/api/v1/admin/me', user.auth)).statusCode).toBe(401)
    expect((await get(`/api/v1/admin/users/${user.userId}`, user.auth)).statusCode).toBe(401)
    const userCookie = await app.server.inject({
      method: 'GET',
      url: '/api/v1/admin/users',
      cookies: { lq_session: user.token },
    })
    expect(userCookie.statusCode).toBe(401)
    expect((await get('/api/v1/me', admin.auth)).statusCode).toBe(401)
    expect((await get('/api/v1/me/appeals', admin.auth)).statusCode).toBe(401)
    const adminCookie = await app.server.inject({
      method: 'GET',
      url: '/api/v1/me',
      cookies: { lq_admin_session: admin.token },
    })
    expect(adminCookie.statusCode).toBe(401)
    // Each still works where it belongs.
    expect((await get('/api/v1/me', user.auth)).statusCode).toBe(200)
    expect((await get('/api/v1/admin/me', admin.auth)).statusCode).toBe(200)
  })

  it('answers 401 UNAUTHENTICATED on every admin route when signed out', async () => {
    const routes: [string, string, Record<string, unknown>?][] = [
      ['GET', '/api/v1/admin/me'],
      ['DELETE', '/api/v1/admin/sessions/current'],
      ['GET', '/api/v1/admin/users?q=1380'],
      ['GET', '/api/v1/admin/users/u_aaaaaaaaaaaaaaaaaaaa'],
      [
        'POST',
        '/api/v1/admin/users/u_aaaaaaaaaaaaaaaaaaaa/status',
        { status: 'frozen', reason: 'x' },
      ],
      ['GET', '/api/v1/admin/appeals'],
      ['POST', '/api/v1/admin/appeals/ap_x/decision', { decision: 'approve', reason: 'x' }],
      ['GET', '/api/v1/admin/audit'],
      ['GET', '/api/v1/admin/audit?user=13800000001&action=pin.set'],
      ['GET', '/api/v1/admin/overview'],
      ['GET', '/api/v1/admin/users/u_aaaaaaaaaaaaaaaaaaaa/money'],
      ['GET', '/api/v1/admin/reconciliation?date=2026-01-05'],
    ]
    for (const [method, url, payload] of routes) {
      const response = await app.server.inject({
        method: method as 'GET',
        url,
        ...(payload ? { payload } : {}),
        headers: { authorization: 'Bearer not-a-real-token-at-all-xxxxxxxx' },
      })
      expect([response.statusCode, response.json().code], `${method} ${url}`).toEqual([
        401,
        'UNAUTHENTICATED',
      ])
    }
  })
})
