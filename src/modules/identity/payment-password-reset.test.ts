import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demoResident } from '../../../demo/residents.ts'
import { createTestApp, type TestApp } from '../../test-support/app.ts'
import { requestCode } from '../../test-support/identity.ts'
import { openWalletUser, type WalletUser } from '../../test-support/wallet-user.ts'

let app: TestApp

beforeAll(async () => {
  app = await createTestApp()
})

afterAll(async () => {
  await app.close()
})

async function resetCode(user: WalletUser): Promise<string> {
  app.clock.advanceMs(61_000)
  return requestCode(app, user.phone, 'reset_password', user.token)
}

function post(user: WalletUser, url: string, payload: Record<string, unknown>) {
  return app.server.inject({ method: 'POST', url, headers: user.auth, payload })
}

function verify(user: WalletUser, payload: Record<string, unknown>) {
  return post(user, '/api/v1/me/payment-password/reset/verify', payload)
}

function reset(user: WalletUser, resetTicket: string, newPassword = '246813') {
  return post(user, '/api/v1/me/payment-password/reset', { resetTicket, newPassword })
}

const OTHER_ID = demoResident('13800000008').idNumber

describe('找回支付密码: the proof is checked before the new PIN', () => {
  it('lets a mistyped ID number be fixed with the same code, and a ticket work once', async () => {
    const user = await openWalletUser(app, '13800000002')
    const idNumber = demoResident(user.phone).idNumber
    const smsCode = await resetCode(user)
    const wrongId = await verify(user, { smsCode, idNumber: OTHER_ID })
    expect([wrongId.statusCode, wrongId.json().code]).toEqual([400, 'ID_NUMBER_MISMATCH'])
    const verified = await verify(user, { smsCode, idNumber })
    expect(verified.statusCode, verified.body).toBe(200)
    const { resetTicket, expiresInSeconds } = verified.json()
    expect(expiresInSeconds).toBe(300)
    // A weak PIN uses nothing up: the ticket still works with a better one.
    expect((await reset(user, resetTicket, '999999')).json().code).toBe('PAYMENT_PASSWORD_WEAK')
    const done = await reset(user, resetTicket)
    expect(done.statusCode, done.body).toBe(200)
    expect(done.json()).toEqual({ set: true, lockedUntilMs: null, attemptsLeft: 5 })
    const again = await reset(user, resetTicket, '802417')
    expect([again.statusCode, again.json().code]).toEqual([400, 'SMS_CODE_EXPIRED'])
    // The code went with the ticket.
    expect((await verify(user, { smsCode, idNumber })).json().code).toBe('SMS_CODE_EXPIRED')
  })

  it('limits ID guesses like code guesses: five tries burn the code', async () => {
    const user = await openWalletUser(app, '13800000003')
    const idNumber = demoResident(user.phone).idNumber
    const smsCode = await resetCode(user)
    for (let attempt = 0; attempt < 5; attempt++) {
      expect((await verify(user, { smsCode, idNumber: OTHER_ID })).json().code).toBe(
        'ID_NUMBER_MISMATCH',
      )
    }
    expect((await verify(user, { smsCode, idNumber })).json().code).toBe('SMS_CODE_BURNED')
  })

  it('refuses an expired, altered or borrowed ticket', async () => {
    const user = await openWalletUser(app, '13800000004')
    const other = await openWalletUser(app, '13800000005')
    const proof = { smsCode: await resetCode(user), idNumber: demoResident(user.phone).idNumber }
    const { resetTicket } = (await verify(user, proof)).json()
    const [codeId, expiresAtMs, mac] = resetTicket.split('.')
    const later = `${codeId}.${Number(expiresAtMs) + 600_000}.${mac}`
    for (const [who, ticket] of [
      [other, resetTicket],
      [user, later],
      [user, 'not-a-ticket'],
    ] as const) {
      const refused = await reset(who, ticket)
      expect([refused.statusCode, refused.json().code]).toEqual([400, 'SMS_CODE_EXPIRED'])
    }
    app.clock.advanceMs(300_000)
    expect((await reset(user, resetTicket)).json().code).toBe('SMS_CODE_EXPIRED')
  })
})
