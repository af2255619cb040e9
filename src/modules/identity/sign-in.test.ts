import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../test-support/app.ts'
import { testDatabaseKind } from '../../test-support/database.ts'
import { latestCode, requestCode, signIn } from '../../test-support/identity.ts'

let app: TestApp
let phoneSequence = 0
/** A fresh mainland number per test so rate limits never leak between tests. */
function newPhone(): string {
  phoneSequence += 1
  return `1390000${String(phoneSequence).padStart(4, '0')}`
}

beforeAll(async () => {
  app = await createTestApp()
})

afterAll(async () => {
  await app.close()
})

async function post(url: string, payload: unknown, headers: Record<string, string> = {}) {
  return app.server.inject({
    method: 'POST',
    url,
    payload: payload as Record<string, unknown>,
    headers,
  })
}

describe(`sign-up and sign-in on ${testDatabaseKind()}`, () => {
  it('signs up a new phone with an SMS code and returns a working session', async () => {
    const phone = newPhone()
    const code = await requestCode(app, phone, 'sign_in')
    const response = await post(
      '/api/v1/sessions',
      { phone, code },
      { 'x-device-id': 'device-aaaaaaaaaaaaaaaa' },
    )
    expect(response.statusCode).toBe(200)
    const body = response.json()
    expect(body).toMatchObject({
      created: true,
      user: { phone, status: 'normal', verified: false, accountClass: 0 },
    })
    expect(response.headers['set-cookie']).toMatch(/lq_session=.*HttpOnly.*SameSite=Strict/)
    const me = await app.server.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${body.token}` },
    })
    expect(me.json().id).toBe(body.user.id)
    // The same code cannot be used twice.
    const again = await post('/api/v1/sessions', { phone, code })
    expect(again.json().code).toBe('SMS_CODE_EXPIRED')
  })

  it('refuses invalid phone numbers with PHONE_INVALID', async () => {
    for (const phone of ['12345678901', '1380000000', 'abcdefghijk', '+1 415 555 0100']) {
      const response = await post('/api/v1/sms-codes', { phone, purpose: 'sign_in' })
      expect(response.statusCode, phone).toBe(400)
      expect(response.json().code).toMatch(/PHONE_INVALID|INVALID_REQUEST/)
    }
    expect(
      (await post('/api/v1/sms-codes', { phone: '+86 139 0000 9999', purpose: 'sign_in' }))
        .statusCode,
    ).toBe(200)
  })

  it('says so when no code was ever requested, not that it expired', async () => {
    const response = await post('/api/v1/sessions', { phone: newPhone(), code: '123456' })
    expect([response.statusCode, response.json().code]).toEqual([400, 'SMS_CODE_NOT_REQUESTED'])
    expect(response.json().message.zh).toContain('请先')
  })

  it('expires codes after 5 minutes', async () => {
    const phone = newPhone()
    const code = await requestCode(app, phone, 'sign_in')
    app.clock.advanceMs(5 * 60_000 + 1)
    expect((await post('/api/v1/sessions', { phone, code })).json().code).toBe('SMS_CODE_EXPIRED')
  })

  it('burns a code after 5 wrong tries, saying how many are left', async () => {
    const phone = newPhone()
    const code = await requestCode(app, phone, 'sign_in')
    const wrong = code === '000000' ? '111111' : '000000'
    const left: number[] = []
    for (let attempt = 0; attempt < 5; attempt++) {
      const response = await post('/api/v1/sessions', { phone, code: wrong })
      expect(response.json().code).toBe('SMS_CODE_WRONG')
      left.push(response.json().details.attemptsLeft)
    }
    expect(left).toEqual([4, 3, 2, 1, 0])
    expect((await post('/api/v1/sessions', { phone, code })).json().code).toBe('SMS_CODE_BURNED')
  })

  it('allows one resend per 60 s and limits codes per phone per hour and day', async () => {
    const phone = newPhone()
    await requestCode(app, phone, 'sign_in')
    const tooSoon = await post('/api/v1/sms-codes', { phone, purpose: 'sign_in' })
    expect(tooSoon.statusCode).toBe(429)
    expect(tooSoon.json()).toMatchObject({
      code: 'FREQUENCY_LIMITED',
      details: { limit: 'resend' },
    })
    expect(tooSoon.json().details.retryAfterSeconds).toBeGreaterThan(0)
    for (let sent = 1; sent < 5; sent++) {
      app.clock.advanceMs(61_000)
      await requestCode(app, phone, 'sign_in')
    }
    app.clock.advanceMs(61_000)
    const hourly = await post('/api/v1/sms-codes', { phone, purpose: 'sign_in' })
    expect(hourly.json()).toMatchObject({
      code: 'FREQUENCY_LIMITED',
      details: { limit: 'phone_hour' },
    })
    app.clock.advanceMs(3600_000)
    for (let sent = 5; sent < 10; sent++) {
      app.clock.advanceMs(61_000)
      await requestCode(app, phone, 'sign_in')
    }
    app.clock.advanceMs(3600_000)
    const daily = await post('/api/v1/sms-codes', { phone, purpose: 'sign_in' })
    expect(daily.json()).toMatchObject({
      code: 'FREQUENCY_LIMITED',
      details: { limit: 'phone_day' },
    })
    app.clock.advanceMs(24 * 3600_000)
    expect((await post('/api/v1/sms-codes', { phone, purpose: 'sign_in' })).statusCode).toBe(200)
  })

  it('limits codes per IP across phones', async () => {
    let limited = false
    for (let index = 0; index < 25 && !limited; index++) {
      const response = await app.server.inject({
        method: 'POST',
        url: '/api/v1/sms-codes',
        payload: { phone: newPhone(), purpose: 'sign_in' },
        remoteAddress: '203.0.113.9',
      })
      if (response.statusCode === 429) {
        expect(response.json().details.limit).toBe('ip_hour')
        expect(index).toBe(20)
        limited = true
      }
    }
    expect(limited).toBe(true)
  })

  it('lists devices, signs one out, notices a new device, and signs out everywhere', async () => {
    const phone = newPhone()
    const first = await signIn(app, phone, 'device-first-xxxxxxxxxx')
    const second = await signIn(app, phone, 'device-second-xxxxxxxxx')
    const notices = await app.server.inject({
      method: 'GET',
      url: '/api/v1/me/notices',
      headers: first.auth,
    })
    expect(notices.json().notices.map((notice: { kind: string }) => notice.kind)).toContain(
      'new_device',
    )
    expect(await latestCode(app, phone)).toMatch(/^\d{6}$/)
    const sessions = (
      await app.server.inject({ method: 'GET', url: '/api/v1/me/sessions', headers: first.auth })
    ).json().sessions
    expect(sessions).toHaveLength(2)
    const other = sessions.find((session: { current: boolean }) => !session.current)
    const removed = await app.server.inject({
      method: 'DELETE',
      url: `/api/v1/me/sessions/${other.id}`,
      headers: first.auth,
    })
    expect(removed.statusCode).toBe(204)
    expect(
      (await app.server.inject({ method: 'GET', url: '/api/v1/me', headers: second.auth }))
        .statusCode,
    ).toBe(401)
    const third = await signIn(app, phone, 'device-third-xxxxxxxxxx')
    const everywhere = await app.server.inject({
      method: 'DELETE',
      url: '/api/v1/me/sessions',
      headers: third.auth,
    })
    expect(everywhere.json().signedOut).toBe(2)
    expect(
      (await app.server.inject({ method: 'GET', url: '/api/v1/me', headers: first.auth }))
        .statusCode,
    ).toBe(401)
  })

  it('keeps sessions private: another user cannot sign out my device and learns nothing', async () => {
    const alice = await signIn(app, newPhone())
    const mallory = await signIn(app, newPhone())
    const aliceSessions = (
      await app.server.inject({ method: 'GET', url: '/api/v1/me/sessions', headers: alice.auth })
    ).json().sessions
    const attempt = await app.server.inject({
      method: 'DELETE',
      url: `/api/v1/me/sessions/${aliceSessions[0].id}`,
      headers: mallory.auth,
    })
    expect(attempt.statusCode).toBe(404)
    expect(
      (await app.server.inject({ method: 'GET', url: '/api/v1/me', headers: alice.auth }))
        .statusCode,
    ).toBe(200)
    const anonymous = await app.server.inject({
      method: 'DELETE',
      url: `/api/v1/me/sessions/${aliceSessions[0].id}`,
    })
    expect(anonymous.statusCode).toBe(401)
  })

  it('changes the phone number only with codes from both numbers', async () => {
    const oldPhone = newPhone()
    const newNumber = newPhone()
    const user = await signIn(app, oldPhone)
    app.clock.advanceMs(61_000)
    const oldCode = await requestCode(app, oldPhone, 'change_phone_old', user.token)
    const newCode = await requestCode(app, newNumber, 'change_phone_new', user.token)
    const wrong = await post(
      '/api/v1/me/phone',
      { oldCode, newPhone: newNumber, newCode: newCode === '123456' ? '654321' : '123456' },
      user.auth,
    )
    expect(wrong.json().code).toBe('SMS_CODE_WRONG')
    const changed = await post(
      '/api/v1/me/phone',
      { oldCode, newPhone: newNumber, newCode },
      user.auth,
    )
    expect(changed.statusCode, changed.body).toBe(200)
    expect(changed.json().phone).toBe(newNumber)
    // Another user's number cannot be taken, and only who holds it (both codes right) learns so.
    const taken = await signIn(app, newPhone())
    app.clock.advanceMs(61_000)
    const takenPhone = (
      await app.server.inject({ method: 'GET', url: '/api/v1/me', headers: taken.auth })
    ).json().phone
    const code = await requestCode(app, takenPhone, 'change_phone_old', taken.token)
    const guess = { oldCode: code, newPhone: newNumber, newCode: '123456' }
    expect((await post('/api/v1/me/phone', guess, taken.auth)).json().code).toBe('SMS_CODE_EXPIRED')
    const heldCode = await requestCode(app, newNumber, 'change_phone_new', taken.token)
    const held = { oldCode: code, newPhone: newNumber, newCode: heldCode }
    expect((await post('/api/v1/me/phone', held, taken.auth)).json().code).toBe('PHONE_IN_USE')
  })

  it('freezes an account by SMS while signed out, signing out every device', async () => {
    const phone = newPhone()
    const user = await signIn(app, phone)
    app.clock.advanceMs(61_000)
    const code = await requestCode(app, phone, 'freeze')
    const frozen = await post('/api/v1/freeze', { phone, code })
    expect(frozen.json()).toEqual({ frozen: true })
    expect(
      (await app.server.inject({ method: 'GET', url: '/api/v1/me', headers: user.auth }))
        .statusCode,
    ).toBe(401)
    const again = await signIn(app, phone)
    const me = (
      await app.server.inject({ method: 'GET', url: '/api/v1/me', headers: again.auth })
    ).json()
    expect(me).toMatchObject({ status: 'frozen', statusReason: 'self_freeze' })
    // Asking a freeze code for a number with no account looks the same as for a real one.
    expect(
      (await post('/api/v1/sms-codes', { phone: newPhone(), purpose: 'freeze' })).statusCode,
    ).toBe(200)
  })
})
