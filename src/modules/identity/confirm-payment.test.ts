import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RESIDENTS, type Resident } from '../../../demo/residents.ts'
import { createTestApp, type TestApp } from '../../test-support/app.ts'
import { testDatabaseKind } from '../../test-support/database.ts'
import { latestCode } from '../../test-support/identity.ts'
import type { ConfirmPaymentRequest } from './confirm-payment.ts'

const PASSWORD = '802417'
const WRONG = '111112'
let app: TestApp
let phoneSequence = 0
let residentSequence = 100

type Auth = Record<string, string>
type Json = Record<string, unknown>

function nextResident(): Resident {
  const resident = RESIDENTS[residentSequence++]
  if (resident === undefined) throw new Error('ran out of residents')
  return resident
}

function call(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, auth: Auth, payload?: Json) {
  return app.server.inject({ method, url, headers: auth, ...(payload ? { payload } : {}) })
}

/** Signs up through the service (no IP, so the per-IP SMS limit never interferes). */
async function newUser() {
  phoneSequence += 1
  const phone = `1330000${String(phoneSequence).padStart(4, '0')}`
  await app.identity.requestSmsCode({ phone, purpose: 'sign_in' })
  const { user, token } = await app.identity.signIn({
    phone,
    code: await latestCode(app, phone),
    deviceId: `device-${phone}-xxxx`,
    deviceName: 'Test phone',
  })
  return { userId: user.id, phone, auth: { authorization: `Bearer ${token}` } as Auth }
}

async function walletUser(
  options: { verified?: boolean; password?: boolean; accountClass?: 2 } = {},
) {
  const user = await newUser()
  if (options.verified === false) return user
  const resident = nextResident()
  expect(
    (
      await call('POST', '/api/v1/me/real-name', user.auth, {
        realName: resident.name,
        idNumber: resident.idNumber,
      })
    ).statusCode,
  ).toBe(200)
  if (options.password !== false)
    expect(
      (await call('POST', '/api/v1/me/payment-password', user.auth, { password: PASSWORD }))
        .statusCode,
    ).toBe(200)
  if (options.accountClass === 2) await app.security.raiseAccountClass(user.userId, 2, 'card')
  return user
}

function pay(auth: Auth, amountFen: number, password = PASSWORD, extra: Json = {}) {
  return call('POST', '/api/v1/me/payment-confirmations', auth, {
    amountFen,
    purpose: 'PAYMENT',
    method: { kind: 'password', password },
    ...extra,
  })
}

async function paymentCode(user: { phone: string; userId: string }): Promise<string> {
  app.clock.advanceMs(61_000)
  await app.identity.requestSmsCode({ phone: user.phone, purpose: 'payment', userId: user.userId })
  return latestCode(app, user.phone)
}

async function codeOf(work: Promise<unknown>): Promise<string> {
  const error: unknown = await work.then(
    () => undefined,
    (caught: unknown) => caught,
  )
  return (error as { code?: string } | undefined)?.code ?? 'OK'
}

beforeAll(async () => {
  app = await createTestApp()
})

afterAll(async () => {
  await app.close()
})

describe(`confirmPayment on ${testDatabaseKind()}`, () => {
  it('checks in order: status, real name, password set, lock, limit, credential, second factor', async () => {
    const request = (
      userId: string,
      amountFen: number,
      password = PASSWORD,
    ): ConfirmPaymentRequest => ({
      userId,
      amountFen,
      purpose: 'TRANSFER',
      countsAgainstBalanceLimit: true,
      method: { kind: 'password', password },
    })
    const unverified = await walletUser({ verified: false })
    expect(await codeOf(app.security.confirmPayment(request(unverified.userId, 100)))).toBe(
      'KYC_REQUIRED',
    )
    const noPassword = await walletUser({ password: false })
    expect(await codeOf(app.security.confirmPayment(request(noPassword.userId, 100)))).toBe(
      'PAYMENT_PASSWORD_NOT_SET',
    )
    // Over the class-I limit with a wrong password: the limit answers and no attempt is spent.
    const user = await walletUser()
    expect(await codeOf(app.security.confirmPayment(request(user.userId, 100_001, WRONG)))).toBe(
      'LIMIT_EXCEEDED',
    )
    expect((await app.security.passwordStatus(user.userId)).attemptsLeft).toBe(5)
    // Above the SMS threshold with a wrong password: the password answers first.
    await app.security.raiseAccountClass(user.userId, 2, 'card')
    expect(await codeOf(app.security.confirmPayment(request(user.userId, 300_000, WRONG)))).toBe(
      'PIN_WRONG',
    )
    expect(await codeOf(app.security.confirmPayment(request(user.userId, 300_000)))).toBe(
      'SECOND_FACTOR_REQUIRED',
    )
    // The right password just now reset the count: five wrong ones lock.
    for (let attempt = 0; attempt < 5; attempt++)
      await codeOf(app.security.confirmPayment(request(user.userId, 100, WRONG)))
    // Locked: refused before the limit, even with the right password.
    expect(await codeOf(app.security.confirmPayment(request(user.userId, 99_000_000)))).toBe(
      'PIN_LOCKED',
    )
    await app.identity.setStatusByOperator({
      userId: user.userId,
      status: 'restricted',
      reason: 'risk review',
      operatorId: 'op_test',
    })
    expect(await codeOf(app.security.confirmPayment(request(user.userId, 100)))).toBe(
      'ACCOUNT_RESTRICTED',
    )
    await app.identity.setStatusByOperator({
      userId: user.userId,
      status: 'frozen',
      reason: 'fraud report',
      operatorId: 'op_test',
    })
    expect(await codeOf(app.security.confirmPayment(request(user.userId, 100)))).toBe(
      'ACCOUNT_FROZEN',
    )
  })

  it('applies the balance limit only when the money comes from the balance', async () => {
    const user = await walletUser()
    const over = await pay(user.auth, 100_001)
    expect([over.statusCode, over.json().code]).toEqual([403, 'LIMIT_EXCEEDED'])
    expect(over.json().details).toEqual({
      remainingFen: 100_000,
      limitFen: 100_000,
      period: 'LIFETIME',
    })
    const topUp = await call('POST', '/api/v1/me/payment-confirmations', user.auth, {
      amountFen: 150_000,
      purpose: 'TOPUP',
      method: { kind: 'password', password: PASSWORD },
    })
    expect(topUp.json()).toEqual({ confirmedBy: 'password', secondFactor: false })
    // A confirmation records nothing: the caller records once the money moved.
    expect((await pay(user.auth, 100_000)).statusCode).toBe(200)
    expect(await app.security.limits(user.userId)).toMatchObject({
      usedFen: 0,
      remainingFen: 100_000,
    })
  })

  it('needs an SMS code above 2,000 yuan: missing, wrong, right, then used up', async () => {
    const user = await walletUser({ accountClass: 2 })
    expect((await pay(user.auth, 200_000)).json()).toEqual({
      confirmedBy: 'password',
      secondFactor: false,
    })
    const missing = await pay(user.auth, 200_001)
    expect([missing.statusCode, missing.json()]).toMatchObject([
      403,
      { code: 'SECOND_FACTOR_REQUIRED', details: { reason: 'AMOUNT_ABOVE_THRESHOLD' } },
    ])
    const code = await paymentCode(user)
    const wrong = await pay(user.auth, 200_001, PASSWORD, {
      smsCode: code === '000000' ? '000001' : '000000',
    })
    expect(wrong.json()).toMatchObject({ code: 'SMS_CODE_WRONG', details: { attemptsLeft: 4 } })
    expect((await pay(user.auth, 200_001, PASSWORD, { smsCode: code })).json()).toEqual({
      confirmedBy: 'password',
      secondFactor: true,
    })
    expect((await pay(user.auth, 200_001, PASSWORD, { smsCode: code })).json().code).toBe(
      'SMS_CODE_EXPIRED',
    )
    const late = await paymentCode(user)
    app.clock.advanceMs(5 * 60_000 + 1)
    expect((await pay(user.auth, 200_001, PASSWORD, { smsCode: late })).json().code).toBe(
      'SMS_CODE_EXPIRED',
    )
  })

  it("follows the operator's threshold rule", async () => {
    const user = await walletUser()
    await app.security.updateRules({ secondFactorAboveFen: 1_000 }, 'op_risk')
    try {
      expect((await pay(user.auth, 1_000)).statusCode).toBe(200)
      expect((await pay(user.auth, 1_001)).json().details).toEqual({
        reason: 'AMOUNT_ABOVE_THRESHOLD',
      })
    } finally {
      await app.security.updateRules({ secondFactorAboveFen: 200_000 }, 'op_risk')
    }
    expect((await pay(user.auth, 1_001)).statusCode).toBe(200)
    expect(app.security.rules().secondFactorAboveFen).toBe(200_000)
  })

  it('asks an SMS code on every payment when the user turns 二次验证 on, and stops when off', async () => {
    const user = await walletUser()
    const wrong = await call('PUT', '/api/v1/me/second-factor', user.auth, {
      enabled: true,
      paymentPassword: WRONG,
    })
    expect(wrong.json()).toMatchObject({ code: 'PIN_WRONG', details: { attemptsLeft: 4 } })
    const on = await call('PUT', '/api/v1/me/second-factor', user.auth, {
      enabled: true,
      paymentPassword: PASSWORD,
    })
    expect(on.statusCode, on.body).toBe(200)
    expect(on.json()).toMatchObject({
      id: user.userId,
      secondFactorEnabled: true,
      verified: true,
      accountClass: 1,
    })
    expect((await pay(user.auth, 1)).json()).toMatchObject({
      code: 'SECOND_FACTOR_REQUIRED',
      details: { reason: 'USER_SETTING' },
    })
    expect(
      (await pay(user.auth, 1, PASSWORD, { smsCode: await paymentCode(user) })).json(),
    ).toEqual({ confirmedBy: 'password', secondFactor: true })
    const off = await call('PUT', '/api/v1/me/second-factor', user.auth, {
      enabled: false,
      paymentPassword: PASSWORD,
    })
    expect(off.json().secondFactorEnabled).toBe(false)
    expect((await pay(user.auth, 1)).json()).toEqual({
      confirmedBy: 'password',
      secondFactor: false,
    })
    const kinds = (await app.identity.listNotices(user.userId)).map((notice) => notice.kind)
    expect(kinds).toEqual(
      expect.arrayContaining(['second_factor_enabled', 'second_factor_disabled']),
    )
    const actions = (await app.audit.listForUser(user.userId)).map((entry) => entry.action)
    expect(actions).toEqual(
      expect.arrayContaining(['second_factor.enabled', 'second_factor.disabled']),
    )
  })

  it('validates amounts: positive fen, except 0 for binding a card', async () => {
    const user = await walletUser()
    expect((await pay(user.auth, 0)).json().code).toBe('INVALID_AMOUNT')
    expect((await pay(user.auth, -5)).json().code).toBe('INVALID_REQUEST')
    expect((await pay(user.auth, 1.5)).json().code).toBe('INVALID_REQUEST')
    const bind = await call('POST', '/api/v1/me/payment-confirmations', user.auth, {
      amountFen: 0,
      purpose: 'BIND_CARD',
      method: { kind: 'password', password: PASSWORD },
    })
    expect(bind.json()).toEqual({ confirmedBy: 'password', secondFactor: false })
    const unknownPurpose = await call('POST', '/api/v1/me/payment-confirmations', user.auth, {
      amountFen: 1,
      purpose: 'GIFT',
      method: { kind: 'password', password: PASSWORD },
    })
    expect(unknownPurpose.json().code).toBe('INVALID_REQUEST')
  })

  it('answers 401 to signed-out callers on every security route', async () => {
    const signedOut = { authorization: 'Bearer not-a-real-session-token-at-all' }
    const routes: ['GET' | 'POST' | 'PUT' | 'DELETE', string, Json?][] = [
      ['POST', '/api/v1/me/real-name', { realName: '张伟', idNumber: '110105198803120110' }],
      ['GET', '/api/v1/me/limits'],
      ['PUT', '/api/v1/me/second-factor', { enabled: true, paymentPassword: PASSWORD }],
      [
        'POST',
        '/api/v1/me/payment-confirmations',
        { amountFen: 1, purpose: 'PAYMENT', method: { kind: 'password', password: PASSWORD } },
      ],
      [
        'POST',
        '/api/v1/me/payment-confirmations',
        {
          amountFen: 1,
          purpose: 'PAYMENT',
          method: {
            kind: 'passkey',
            challengeId: 'wc_x',
            response: {
              id: 'a',
              rawId: 'a',
              type: 'public-key',
              clientExtensionResults: {},
              response: { clientDataJSON: 'a', authenticatorData: 'a', signature: 'a' },
            },
          },
        },
      ],
    ]
    for (const [method, url, payload] of routes) {
      const response = await call(method, url, signedOut, payload)
      expect([response.statusCode, response.json().code], `${method} ${url}`).toEqual([
        401,
        'UNAUTHENTICATED',
      ])
    }
  })
})
