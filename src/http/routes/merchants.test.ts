import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeLuhnCardNumber } from '../../shared/bank-card.ts'
import { createTestApp, type TestApp } from '../../test-support/app.ts'
import { testDatabaseKind } from '../../test-support/database.ts'
import { seedDemoData } from '../../seed/demo.ts'
import { signIn } from '../../test-support/identity.ts'
import { signInOperator } from '../../test-support/operators.ts'

let app: TestApp
const CARD = makeLuhnCardNumber('621700', 19, 77)

beforeAll(async () => {
  app = await createTestApp()
})

afterAll(async () => {
  await app.close()
})

type Headers = Record<string, string>

function call(method: 'GET' | 'POST' | 'DELETE', url: string, headers: Headers, payload?: object) {
  return app.server.inject({ method, url, headers, ...(payload ? { payload } : {}) })
}

function createRequest(creationKey: string) {
  return {
    creationKey,
    legalName: '杭州测试商贸有限公司',
    storeName: '测试小店',
    category: '5411',
    settlementCardNumber: CARD,
  }
}

function staffSignIn(username: string, password: string) {
  return call('POST', '/api/v1/merchant/sessions', {}, { username, password })
}

async function onboardOverHttp(creationKey: string) {
  const admin = await signInOperator(app, 'admin')
  const response = await call(
    'POST',
    '/api/v1/admin/merchants',
    admin.auth,
    createRequest(creationKey),
  )
  expect(response.statusCode, response.body).toBe(201)
  return response.json() as {
    merchant: { id: string }
    owner: { username: string; password: string }
  }
}

describe(`merchant routes on ${testDatabaseKind()}`, () => {
  it('lets admin onboard, support and risk read, and only admin change status', async () => {
    const roles = {
      admin: await signInOperator(app, 'admin'),
      risk: await signInOperator(app, 'risk'),
      support: await signInOperator(app, 'support'),
    }
    for (const role of ['risk', 'support'] as const) {
      const denied = await call(
        'POST',
        '/api/v1/admin/merchants',
        roles[role].auth,
        createRequest(`r:${role}`),
      )
      expect(denied.statusCode).toBe(403)
      expect(denied.json()).toMatchObject({
        code: 'FORBIDDEN',
        details: { permission: 'merchants.manage' },
      })
    }
    const created = await call(
      'POST',
      '/api/v1/admin/merchants',
      roles.admin.auth,
      createRequest('r:1'),
    )
    expect(created.statusCode, created.body).toBe(201)
    const body = created.json()
    expect(body.merchant.settlementCard).toEqual({
      bankCode: 'CCB',
      bankName: { zh: '中国建设银行', en: 'China Construction Bank' },
      cardType: 'DEBIT',
      last4: CARD.slice(-4),
      masked: `**** ${CARD.slice(-4)}`,
    })
    expect(created.body).not.toContain(CARD)
    const retried = await call(
      'POST',
      '/api/v1/admin/merchants',
      roles.admin.auth,
      createRequest('r:1'),
    )
    expect(retried.statusCode).toBe(200)
    expect(retried.json()).toMatchObject({
      created: false,
      merchant: { id: body.merchant.id },
      owner: { password: null },
    })
    const id = body.merchant.id as string
    for (const role of ['risk', 'support'] as const) {
      const list = await call('GET', `/api/v1/admin/merchants?query=${id}`, roles[role].auth)
      expect(list.statusCode).toBe(200)
      expect(list.json().merchants.map((merchant: { id: string }) => merchant.id)).toEqual([id])
      const detail = await call('GET', `/api/v1/admin/merchants/${id}`, roles[role].auth)
      expect(detail.json().staff).toEqual([
        expect.objectContaining({ role: 'owner', username: `${id}.owner` }),
      ])
      const status = await call('POST', `/api/v1/admin/merchants/${id}/status`, roles[role].auth, {
        status: 'suspended',
        reason: 'x',
      })
      expect(status.statusCode).toBe(403)
    }
    const suspended = await call('POST', `/api/v1/admin/merchants/${id}/status`, roles.admin.auth, {
      status: 'suspended',
      reason: '风险排查',
    })
    expect(suspended.json()).toMatchObject({ status: 'suspended' })
    const missing = await call('GET', '/api/v1/admin/merchants/1000000000', roles.admin.auth)
    expect(missing.statusCode).toBe(404)
    expect(missing.json()).toMatchObject({
      code: 'MERCHANT_NOT_FOUND',
      message: { zh: '商户不存在' },
    })
  })

  it('signs staff in to the console with a token that works on no user or admin route', async () => {
    const { merchant, owner } = await onboardOverHttp('r:tokens')
    const signedIn = await staffSignIn(owner.username.toUpperCase(), owner.password)
    expect(signedIn.statusCode, signedIn.body).toBe(200)
    expect(signedIn.headers['set-cookie']).toContain('lq_merchant_session=')
    const staffAuth = { authorization: `Bearer ${signedIn.json().token}` }
    const me = await call('GET', '/api/v1/merchant/me', staffAuth)
    expect(me.json()).toMatchObject({
      staff: { role: 'owner' },
      merchant: { id: merchant.id, feeRateBp: 60, status: 'active' },
    })
    expect((await call('GET', '/api/v1/me', staffAuth)).statusCode).toBe(401)
    expect((await call('GET', '/api/v1/admin/me', staffAuth)).statusCode).toBe(401)
    expect((await call('GET', '/api/v1/admin/merchants', staffAuth)).statusCode).toBe(401)
    const admin = await signInOperator(app, 'admin')
    const user = await signIn(app, '13900139017')
    for (const auth of [admin.auth, user.auth]) {
      expect((await call('GET', '/api/v1/merchant/me', auth)).statusCode).toBe(401)
    }
    const cookie = { cookie: `lq_merchant_session=${signedIn.json().token}` }
    expect((await call('GET', '/api/v1/merchant/me', cookie)).statusCode).toBe(200)
    const probe = await call('GET', '/api/v1/merchant/session', cookie)
    expect(probe.json()).toMatchObject({ signedIn: true, merchant: { id: merchant.id } })
    const signedOutProbe = await call('GET', '/api/v1/merchant/session', admin.auth)
    expect({ status: signedOutProbe.statusCode, body: signedOutProbe.json() }).toEqual({
      status: 200,
      body: { signedIn: false },
    })
    expect((await call('DELETE', '/api/v1/merchant/sessions', staffAuth)).statusCode).toBe(204)
    expect((await call('GET', '/api/v1/merchant/me', staffAuth)).statusCode).toBe(401)
  })

  it('lets the owner add a cashier, not the cashier, and nobody while suspended', async () => {
    const { merchant, owner } = await onboardOverHttp('r:staff')
    const ownerAuth = {
      authorization: `Bearer ${(await staffSignIn(owner.username, owner.password)).json().token}`,
    }
    const cashier = {
      username: `cashier.${merchant.id}`,
      displayName: '收银员小王',
      password: 'cashier-password',
    }
    const added = await call('POST', '/api/v1/merchant/staff', ownerAuth, cashier)
    expect(added.statusCode, added.body).toBe(201)
    expect((await call('POST', '/api/v1/merchant/staff', ownerAuth, cashier)).json().code).toBe(
      'MERCHANT_USERNAME_TAKEN',
    )
    const cashierSignIn = await staffSignIn(cashier.username, cashier.password)
    const cashierAuth = { authorization: `Bearer ${cashierSignIn.json().token}` }
    const byCashier = await call('POST', '/api/v1/merchant/staff', cashierAuth, {
      ...cashier,
      username: `c2.${merchant.id}`,
    })
    expect(byCashier.statusCode).toBe(403)
    const list = await call('GET', '/api/v1/merchant/staff', cashierAuth)
    expect(list.json().staff.map((staff: { role: string }) => staff.role)).toEqual([
      'owner',
      'cashier',
    ])
    const admin = await signInOperator(app, 'admin')
    await call('POST', `/api/v1/admin/merchants/${merchant.id}/status`, admin.auth, {
      status: 'suspended',
      reason: '测试',
    })
    const whileSuspended = await call('POST', '/api/v1/merchant/staff', ownerAuth, {
      ...cashier,
      username: `c3.${merchant.id}`,
    })
    expect(whileSuspended.statusCode).toBe(409)
    expect(whileSuspended.json().code).toBe('MERCHANT_SUSPENDED')
    expect((await call('GET', '/api/v1/merchant/me', ownerAuth)).json().merchant.status).toBe(
      'suspended',
    )
  })

  it('verifies exactly 5 of 50 parallel wrong passwords, then locks known and unknown names alike', async () => {
    const { owner } = await onboardOverHttp('r:lockout')
    for (const username of [owner.username, 'nobody.here']) {
      const answers = await Promise.all(
        Array.from({ length: 50 }, (_, index) => staffSignIn(username, `wrong-${index}`)),
      )
      const codes = answers.map((answer) => answer.json().code as string)
      expect(codes.filter((code) => code === 'MERCHANT_CREDENTIALS_WRONG')).toHaveLength(4)
      expect(codes.filter((code) => code === 'MERCHANT_LOCKED')).toHaveLength(46)
      // One claim per verify: the count says how many passwords argon2 ever checked.
      const claims = await sql<{ failed_attempts: number }>`
        select failed_attempts from credential_attempts
        where realm = 'merchant_staff' and username = ${username}`.execute(app.database.db)
      expect(claims.rows).toEqual([{ failed_attempts: 5 }])
      expect(answers.find((answer) => answer.statusCode === 429)?.json()).toMatchObject({
        details: { unlockAtMs: expect.any(Number) },
        message: { en: expect.stringContaining('locked') },
      })
    }
    const locked = await staffSignIn(owner.username, owner.password)
    expect(locked.json().code).toBe('MERCHANT_LOCKED')
    app.clock.advanceMs(15 * 60_000 + 1)
    expect((await staffSignIn(owner.username, owner.password)).statusCode).toBe(200)
  })

  it('seeds the demo café and shop once, and their owners sign in with the printed passwords', async () => {
    await seedDemoData(app)
    await seedDemoData(app)
    const admin = await signInOperator(app, 'admin')
    const list = await call('GET', '/api/v1/admin/merchants?query=零钱', admin.auth)
    const names = list.json().merchants.map((merchant: { storeName: string }) => merchant.storeName)
    expect(names.sort()).toEqual(['零钱咖啡 Lingqian Café', '零钱小铺 Lingqian Shop'])
    for (const [username, password] of [
      ['cafe-owner', 'lingqian-cafe'],
      ['shop-owner', 'lingqian-shop'],
    ]) {
      const signedIn = await staffSignIn(username as string, password as string)
      expect(signedIn.statusCode, signedIn.body).toBe(200)
    }
  })
})
