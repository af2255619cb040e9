import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RESIDENTS, type Resident } from '../../../demo/residents.ts'
import { DomainError } from '../../shared/errors.ts'
import { createTestApp, type TestApp } from '../../test-support/app.ts'
import { testDatabaseKind } from '../../test-support/database.ts'
import { latestCode } from '../../test-support/identity.ts'
import { weakPasswordReason } from './payment-password.ts'

const PASSWORD = '802417'
const HOUR_MS = 3600_000
let app: TestApp
let phoneSequence = 0
let residentSequence = 60

type Auth = Record<string, string>

function nextResident(): Resident {
  const resident = RESIDENTS[residentSequence++]
  if (resident === undefined) throw new Error('ran out of residents')
  return resident
}

/** Signs up through the service (no IP, so the per-IP SMS limit never interferes). */
async function newUser() {
  phoneSequence += 1
  const phone = `1350000${String(phoneSequence).padStart(4, '0')}`
  await app.identity.requestSmsCode({ phone, purpose: 'sign_in' })
  const { user, token } = await app.identity.signIn({
    phone,
    code: await latestCode(app, phone),
    deviceId: `device-${phone}-xxxx`,
    deviceName: 'Test phone',
  })
  return { userId: user.id, phone, token, auth: { authorization: `Bearer ${token}` } as Auth }
}

async function verifiedUser(options: { password?: string } = {}) {
  const resident = nextResident()
  const user = await newUser()
  const verified = await call('POST', '/api/v1/me/real-name', user.auth, {
    realName: resident.name,
    idNumber: resident.idNumber,
  })
  expect(verified.statusCode, verified.body).toBe(200)
  if (options.password !== undefined) {
    const set = await call('POST', '/api/v1/me/payment-password', user.auth, {
      password: options.password,
    })
    expect(set.statusCode, set.body).toBe(200)
  }
  return { ...user, resident }
}

function call(
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  auth: Auth,
  payload?: Record<string, unknown>,
) {
  return app.server.inject({ method, url, headers: auth, ...(payload ? { payload } : {}) })
}

/** A dry-run payment with the password: the simplest thing that checks it. */
function pay(auth: Auth, password: string) {
  return call('POST', '/api/v1/me/payment-confirmations', auth, {
    amountFen: 100,
    purpose: 'PAYMENT',
    method: { kind: 'password', password },
  })
}

async function status(auth: Auth) {
  return (await call('GET', '/api/v1/me/payment-password', auth)).json()
}

async function resetCode(user: { phone: string; userId: string }): Promise<string> {
  app.clock.advanceMs(61_000)
  await app.identity.requestSmsCode({
    phone: user.phone,
    purpose: 'reset_password',
    userId: user.userId,
  })
  return latestCode(app, user.phone)
}

beforeAll(async () => {
  app = await createTestApp()
})

afterAll(async () => {
  await app.close()
})

describe('weak payment passwords', () => {
  it.each([
    ['12345', 'NOT_SIX_DIGITS'],
    ['1234567', 'NOT_SIX_DIGITS'],
    ['12a456', 'NOT_SIX_DIGITS'],
    ['１２３４５６', 'NOT_SIX_DIGITS'],
    ['000000', 'ALL_SAME'],
    ['777777', 'ALL_SAME'],
    ['012345', 'SEQUENCE'],
    ['123456', 'SEQUENCE'],
    ['456789', 'SEQUENCE'],
    ['654321', 'SEQUENCE'],
    ['987654', 'SEQUENCE'],
    ['880312', 'BIRTH_DATE'],
    ['031288', 'BIRTH_DATE'],
    ['120388', 'BIRTH_DATE'],
    ['198803', 'BIRTH_DATE'],
  ])('%s → %s (born 1988-03-12)', (password, reason) => {
    expect(weakPasswordReason(password, '1988-03-12')).toBe(reason)
  })

  it.each(['802417', '135790', '890123', '121212', '880313', '112233'])(
    '%s is accepted',
    (password) => {
      expect(weakPasswordReason(password, '1988-03-12')).toBeUndefined()
    },
  )
})

describe(`payment password on ${testDatabaseKind()}`, () => {
  it('is set once, by a verified user, as argon2id with the configured cost', async () => {
    const unverified = await newUser()
    expect(await status(unverified.auth)).toEqual({
      set: false,
      lockedUntilMs: null,
      attemptsLeft: 5,
    })
    const kyc = await call('POST', '/api/v1/me/payment-password', unverified.auth, {
      password: PASSWORD,
    })
    expect([kyc.statusCode, kyc.json().code]).toEqual([403, 'KYC_REQUIRED'])
    const user = await verifiedUser()
    const set = await call('POST', '/api/v1/me/payment-password', user.auth, { password: PASSWORD })
    expect(set.statusCode, set.body).toBe(200)
    expect(set.json()).toEqual({ set: true, lockedUntilMs: null, attemptsLeft: 5 })
    const again = await call('POST', '/api/v1/me/payment-password', user.auth, {
      password: '246813',
    })
    expect([again.statusCode, again.json().code]).toEqual([409, 'PAYMENT_PASSWORD_ALREADY_SET'])
    const row = await app.database.db
      .selectFrom('payment_passwords')
      .selectAll()
      .where('user_id', '=', user.userId)
      .executeTakeFirstOrThrow()
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
    expect(row.password_hash).not.toContain(PASSWORD)
    expect((await app.identity.listNotices(user.userId)).map((notice) => notice.kind)).toContain(
      'payment_password_set',
    )
    expect((await app.audit.listForUser(user.userId)).map((entry) => entry.action)).toContain(
      'pin.set',
    )
    expect((await pay(user.auth, PASSWORD)).json()).toEqual({
      confirmedBy: 'password',
      secondFactor: false,
    })
  })

  it("refuses weak passwords with the reason, including the holder's own birth date", async () => {
    const user = await verifiedUser()
    const [year = '', month = '', day = ''] = user.resident.birthDate.split('-')
    const cases: [unknown, string][] = [
      ['12345', 'NOT_SIX_DIGITS'],
      ['abcdef', 'NOT_SIX_DIGITS'],
      ['111111', 'ALL_SAME'],
      ['123456', 'SEQUENCE'],
      ['654321', 'SEQUENCE'],
      [`${year.slice(2)}${month}${day}`, 'BIRTH_DATE'],
      [`${month}${day}${year.slice(2)}`, 'BIRTH_DATE'],
      [`${year}${month}`, 'BIRTH_DATE'],
    ]
    for (const [password, reason] of cases) {
      const response = await call('POST', '/api/v1/me/payment-password', user.auth, { password })
      expect(response.statusCode, String(password)).toBe(400)
      expect(response.json()).toMatchObject({ code: 'PAYMENT_PASSWORD_WEAK', details: { reason } })
    }
    expect((await status(user.auth)).set).toBe(false)
  })

  it('changes with the old password; a weak new one costs no attempt; notice and audit', async () => {
    const user = await verifiedUser({ password: PASSWORD })
    const weak = await call('PUT', '/api/v1/me/payment-password', user.auth, {
      oldPassword: '000001',
      newPassword: '222222',
    })
    expect(weak.json()).toMatchObject({
      code: 'PAYMENT_PASSWORD_WEAK',
      details: { reason: 'ALL_SAME' },
    })
    expect((await status(user.auth)).attemptsLeft).toBe(5)
    const wrong = await call('PUT', '/api/v1/me/payment-password', user.auth, {
      oldPassword: '000001',
      newPassword: '246813',
    })
    expect(wrong.json()).toMatchObject({ code: 'PIN_WRONG', details: { attemptsLeft: 4 } })
    const same = await call('PUT', '/api/v1/me/payment-password', user.auth, {
      oldPassword: PASSWORD,
      newPassword: PASSWORD,
    })
    expect(same.json()).toMatchObject({
      code: 'INVALID_REQUEST',
      details: { reason: 'SAME_AS_OLD' },
    })
    const changed = await call('PUT', '/api/v1/me/payment-password', user.auth, {
      oldPassword: PASSWORD,
      newPassword: '246813',
    })
    expect(changed.statusCode, changed.body).toBe(200)
    expect(changed.json()).toEqual({ set: true, lockedUntilMs: null, attemptsLeft: 5 })
    expect((await pay(user.auth, PASSWORD)).json().code).toBe('PIN_WRONG')
    expect((await pay(user.auth, '246813')).statusCode).toBe(200)
    expect((await app.identity.listNotices(user.userId)).map((notice) => notice.kind)).toContain(
      'payment_password_changed',
    )
    expect((await app.audit.listForUser(user.userId)).map((entry) => entry.action)).toContain(
      'pin.changed',
    )
  })

  it('locks payments for 3 hours after 5 wrong entries; success resets the count', async () => {
    const user = await verifiedUser({ password: PASSWORD })
    expect((await pay(user.auth, '111112')).json().details).toEqual({ attemptsLeft: 4 })
    expect((await pay(user.auth, PASSWORD)).statusCode).toBe(200)
    expect((await status(user.auth)).attemptsLeft).toBe(5)
    const left: number[] = []
    for (let attempt = 0; attempt < 4; attempt++)
      left.push((await pay(user.auth, '111112')).json().details.attemptsLeft)
    expect(left).toEqual([4, 3, 2, 1])
    const lockedAtMs = app.clock.nowMs()
    const locked = await pay(user.auth, '111112')
    expect(locked.statusCode).toBe(403)
    expect(locked.json()).toMatchObject({
      code: 'PIN_LOCKED',
      details: { unlockAtMs: lockedAtMs + 3 * HOUR_MS, attemptsLeft: 0 },
    })
    // Even the right password is refused while locked, and the lock does not move.
    expect((await pay(user.auth, PASSWORD)).json()).toMatchObject({
      code: 'PIN_LOCKED',
      details: { unlockAtMs: lockedAtMs + 3 * HOUR_MS },
    })
    expect(await status(user.auth)).toEqual({
      set: true,
      lockedUntilMs: lockedAtMs + 3 * HOUR_MS,
      attemptsLeft: 0,
    })
    expect((await app.identity.listNotices(user.userId)).map((notice) => notice.kind)).toContain(
      'payment_password_locked',
    )
    const actions = (await app.audit.listForUser(user.userId)).map((entry) => entry.action)
    expect(actions.filter((action) => action === 'pin.failed')).toHaveLength(6)
    expect(actions.filter((action) => action === 'pin.locked')).toHaveLength(1)
    app.clock.advanceMs(3 * HOUR_MS - 1)
    expect((await pay(user.auth, PASSWORD)).json().code).toBe('PIN_LOCKED')
    app.clock.advanceMs(1)
    expect(await status(user.auth)).toEqual({ set: true, lockedUntilMs: null, attemptsLeft: 5 })
    // After the lock the count starts afresh.
    expect((await pay(user.auth, '111112')).json().details).toEqual({ attemptsLeft: 4 })
    expect((await pay(user.auth, PASSWORD)).statusCode).toBe(200)
  })

  it('lets parallel right entries all through', async () => {
    const user = await verifiedUser({ password: PASSWORD })
    expect((await pay(user.auth, '111112')).json().details).toEqual({ attemptsLeft: 4 })
    const answers = await Promise.all(Array.from({ length: 12 }, () => pay(user.auth, PASSWORD)))
    expect(answers.map((answer) => answer.statusCode)).toEqual(
      Array.from({ length: 12 }, () => 200),
    )
    expect(await status(user.auth)).toEqual({ set: true, lockedUntilMs: null, attemptsLeft: 5 })
  })

  it('follows the configured attempts and lock time', async () => {
    await app.security.updateRules({ pinAttemptsMax: 3, pinLockMs: HOUR_MS }, 'op_test')
    try {
      const user = await verifiedUser({ password: PASSWORD })
      expect(await status(user.auth)).toMatchObject({ attemptsLeft: 3 })
      await pay(user.auth, '111112')
      await pay(user.auth, '111112')
      const locked = await pay(user.auth, '111112')
      expect(locked.json()).toMatchObject({
        code: 'PIN_LOCKED',
        details: { unlockAtMs: app.clock.nowMs() + HOUR_MS },
      })
    } finally {
      await app.security.updateRules({ pinAttemptsMax: 5, pinLockMs: 3 * HOUR_MS }, 'op_test')
    }
  })

  it('resets a forgotten password with an SMS code and the ID number, clearing a lock', async () => {
    const user = await verifiedUser({ password: PASSWORD })
    for (let attempt = 0; attempt < 5; attempt++) await pay(user.auth, '111112')
    expect((await status(user.auth)).lockedUntilMs).not.toBeNull()
    const reset = (payload: Record<string, unknown>) =>
      call('POST', '/api/v1/me/payment-password/reset', user.auth, payload)
    const code = await resetCode(user)
    const wrongCode = await reset({
      smsCode: code === '000000' ? '000001' : '000000',
      idNumber: user.resident.idNumber,
      newPassword: '246813',
    })
    expect(wrongCode.json().code).toBe('SMS_CODE_WRONG')
    const weak = await reset({
      smsCode: code,
      idNumber: user.resident.idNumber,
      newPassword: '999999',
    })
    expect(weak.json()).toMatchObject({
      code: 'PAYMENT_PASSWORD_WEAK',
      details: { reason: 'ALL_SAME' },
    })
    const otherId = nextResident().idNumber
    const wrongId = await reset({ smsCode: code, idNumber: otherId, newPassword: '246813' })
    expect([wrongId.statusCode, wrongId.json().code]).toEqual([400, 'ID_NUMBER_MISMATCH'])
    // The wrong ID number cost one try of the code, not the code (see payment-password-reset).
    const done = await reset({
      smsCode: code,
      idNumber: user.resident.idNumber.toLowerCase(),
      newPassword: '246813',
    })
    expect(done.statusCode, done.body).toBe(200)
    expect(done.json()).toEqual({ set: true, lockedUntilMs: null, attemptsLeft: 5 })
    expect((await pay(user.auth, '246813')).statusCode).toBe(200)
    expect((await app.identity.listNotices(user.userId)).map((notice) => notice.kind)).toContain(
      'payment_password_reset',
    )
    expect((await app.audit.listForUser(user.userId)).map((entry) => entry.action)).toContain(
      'pin.reset',
    )
  })

  it('runs the extra reset check when one is plugged in (a bound card, later)', async () => {
    const user = await verifiedUser({ password: PASSWORD })
    const seen: (string | undefined)[] = []
    app.security.setPasswordResetCheck(async ({ userId, cardNumber }) => {
      expect(userId).toBe(user.userId)
      seen.push(cardNumber)
      if (cardNumber !== '6222020200112233445')
        throw new DomainError('FORBIDDEN', { reason: 'CARD_REQUIRED' })
    })
    try {
      const reset = async (cardNumber?: string) =>
        call('POST', '/api/v1/me/payment-password/reset', user.auth, {
          smsCode: await resetCode(user),
          idNumber: user.resident.idNumber,
          newPassword: '246813',
          ...(cardNumber ? { cardNumber } : {}),
        })
      expect((await reset()).json()).toMatchObject({
        code: 'FORBIDDEN',
        details: { reason: 'CARD_REQUIRED' },
      })
      expect((await reset('6222020200112233445')).statusCode).toBe(200)
      expect(seen).toEqual([undefined, '6222020200112233445'])
    } finally {
      app.security.setPasswordResetCheck(undefined)
    }
  })

  it('cannot reset or change a password that was never set', async () => {
    const user = await verifiedUser()
    const code = await resetCode(user)
    const reset = await call('POST', '/api/v1/me/payment-password/reset', user.auth, {
      smsCode: code,
      idNumber: user.resident.idNumber,
      newPassword: '246813',
    })
    expect([reset.statusCode, reset.json().code]).toEqual([409, 'PAYMENT_PASSWORD_NOT_SET'])
    const change = await call('PUT', '/api/v1/me/payment-password', user.auth, {
      oldPassword: '246813',
      newPassword: '802417',
    })
    expect(change.json().code).toBe('PAYMENT_PASSWORD_NOT_SET')
  })

  it('answers 401 to signed-out callers on every payment-password route', async () => {
    const routes: ['GET' | 'POST' | 'PUT', string, Record<string, unknown>?][] = [
      ['GET', '/api/v1/me/payment-password'],
      ['POST', '/api/v1/me/payment-password', { password: PASSWORD }],
      ['PUT', '/api/v1/me/payment-password', { oldPassword: PASSWORD, newPassword: '246813' }],
      [
        'POST',
        '/api/v1/me/payment-password/reset',
        { smsCode: '123456', idNumber: '110105198803120110', newPassword: '246813' },
      ],
    ]
    for (const [method, url, payload] of routes) {
      const response = await call(
        method,
        url,
        { authorization: 'Bearer not-a-real-session-token-at-all' },
        payload,
      )
      expect(response.statusCode, `${method} ${url}`).toBe(401)
    }
  })
})
