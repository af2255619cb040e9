/**
 * What the SMS texts say and when a new code may follow: a burned code is replaced at once,
 * each notice carries its own advice, English halves name the purpose in words, a freeze code
 * for a number without an account is not sent (the outbox says why), and the session probe.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../test-support/app.ts'
import { testDatabaseKind } from '../../test-support/database.ts'
import { requestCode, signIn } from '../../test-support/identity.ts'
import { signInOperator } from '../../test-support/operators.ts'

let app: TestApp
let phoneSequence = 0
function newPhone(): string {
  phoneSequence += 1
  return `1370000${String(phoneSequence).padStart(4, '0')}`
}

beforeAll(async () => {
  app = await createTestApp()
})

afterAll(async () => {
  await app.close()
})

async function post(url: string, payload: unknown, headers: Record<string, string> = {}) {
  return app.server.inject({ method: 'POST', url, payload: payload as object, headers })
}

async function outbox(phone: string): Promise<string[]> {
  const response = await app.server.inject({ method: 'GET', url: `/api/v1/dev/sms?phone=${phone}` })
  return (response.json().messages as { body: string }[]).map((message) => message.body)
}

describe(`SMS messages and resends on ${testDatabaseKind()}`, () => {
  it('lets a new code follow a burned one at once, within the hourly limit', async () => {
    const phone = newPhone()
    const code = await requestCode(app, phone, 'sign_in')
    const wrong = code === '000000' ? '111111' : '000000'
    // Not burned yet: the 60 s resend wait holds.
    expect((await post('/api/v1/sms-codes', { phone, purpose: 'sign_in' })).statusCode).toBe(429)
    for (let attempt = 0; attempt < 5; attempt++) {
      await post('/api/v1/sessions', { phone, code: wrong })
    }
    const fresh = await requestCode(app, phone, 'sign_in')
    expect((await post('/api/v1/sessions', { phone, code: fresh })).statusCode).toBe(200)
    // Burning codes does not get around the per-phone hourly limit (5 per hour): past the
    // resend wait of the code just used, each new code is burned at once and replaced.
    app.clock.advanceMs(60_000)
    let answer = 200
    for (let sent = 3; sent <= 6 && answer === 200; sent++) {
      const response = await post('/api/v1/sms-codes', { phone, purpose: 'sign_in' })
      answer = response.statusCode
      if (answer !== 200) expect(response.json().details).toMatchObject({ limit: 'phone_hour' })
      else
        for (let attempt = 0; attempt < 5; attempt++)
          await post('/api/v1/sessions', { phone, code: wrong })
    }
    expect(answer).toBe(429)
  })

  it('names the purpose in words in both halves of a code SMS', async () => {
    const phone = newPhone()
    await requestCode(app, phone, 'sign_in')
    const [body] = await outbox(phone)
    expect(body).toMatch(/^【零钱】验证码 \d{6}，用于登录\/注册，5分钟内有效。/)
    expect(body).toMatch(/Lingqian code \d{6} to sign in or sign up, valid 5 min\./)
    expect(body).not.toContain('sign_in')
  })

  it('gives each notice its own advice: a frozen account is not told to freeze itself', async () => {
    const phone = newPhone()
    await signIn(app, phone)
    app.clock.advanceMs(61_000)
    const code = await requestCode(app, phone, 'freeze')
    expect((await post('/api/v1/freeze', { phone, code })).statusCode).toBe(200)
    const [frozenText] = await outbox(phone)
    expect(frozenText).toContain('你的账户已冻结')
    expect(frozenText).toContain('如需解冻，请在零钱中提交申诉。')
    expect(frozenText).not.toContain('请立即冻结账户')
    expect(frozenText).toContain('To unfreeze it, submit an appeal in Lingqian.')
  })

  it('does not text a freeze code to a number without an account, and the outbox says so', async () => {
    const phone = newPhone()
    const sent = await post('/api/v1/sms-codes', { phone, purpose: 'freeze' })
    expect(sent.statusCode).toBe(200)
    expect(sent.json()).toEqual({ expiresInSeconds: 300, resendAfterSeconds: 60 })
    const [note, ...others] = await outbox(phone)
    expect(others).toEqual([])
    expect(note).toMatch(/^\[未发送 NOT SENT\] 冻结账户: 该号码没有零钱账户，未发送验证码/)
    expect(note).not.toMatch(/\d{6}/)
    // The same resend wait as for a real account, so timing does not tell them apart either.
    const again = await post('/api/v1/sms-codes', { phone, purpose: 'freeze' })
    expect(again.json()).toMatchObject({ code: 'FREQUENCY_LIMITED', details: { limit: 'resend' } })
    const guess = await post('/api/v1/freeze', { phone, code: '123456' })
    expect(guess.json().code).toBe('SMS_CODE_WRONG')
  })

  it('answers the session probe with 200 whether or not anyone is signed in', async () => {
    const signedOut = await app.server.inject({ method: 'GET', url: '/api/v1/session' })
    expect(signedOut.statusCode).toBe(200)
    expect(signedOut.json()).toEqual({ signedIn: false, devSmsOutbox: true })
    // The admin console's probe likewise.
    const noOperator = await app.server.inject({ method: 'GET', url: '/api/v1/admin/session' })
    expect([noOperator.statusCode, noOperator.json()]).toEqual([
      200,
      { signedIn: false, devMode: true },
    ])
    const operator = await signInOperator(app, 'support')
    const withOperator = await app.server.inject({
      method: 'GET',
      url: '/api/v1/admin/session',
      headers: operator.auth,
    })
    expect(withOperator.json()).toMatchObject({ signedIn: true, operator: { id: operator.id } })
    const stale = await app.server.inject({
      method: 'GET',
      url: '/api/v1/session',
      headers: { authorization: 'Bearer not-a-session' },
    })
    expect(stale.json()).toEqual({ signedIn: false, devSmsOutbox: true })
    const phone = newPhone()
    const user = await signIn(app, phone)
    const probe = await app.server.inject({
      method: 'GET',
      url: '/api/v1/session',
      headers: user.auth,
    })
    expect(probe.json()).toMatchObject({ signedIn: true, user: { id: user.userId, phone } })
  })
})
