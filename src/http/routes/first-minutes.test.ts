/**
 * What a newcomer meets in the first minutes (issue 10): a free demo identity, every money limit
 * before the PIN, and each PIN step checked as it is typed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BANK_CARDS } from '../../../demo/cards.ts'
import { findResidentByIdNumber } from '../../../demo/residents.ts'
import { createTestApp, type TestApp } from '../../test-support/app.ts'
import { testDatabaseKind } from '../../test-support/database.ts'
import { signIn } from '../../test-support/identity.ts'
import { openWalletUser, TEST_PAYMENT_PASSWORD } from '../../test-support/wallet-user.ts'
import type { DemoIdentity } from '../contract/dev.ts'

let app: TestApp

beforeAll(async () => {
  app = await createTestApp()
})

afterAll(async () => {
  await app.close()
})

function post(auth: Record<string, string>, url: string, payload: Record<string, unknown>) {
  return app.server.inject({ method: 'POST', url, headers: auth, payload })
}

describe(`first minutes on ${testDatabaseKind()}`, () => {
  it('hands out a free simulated adult resident that verifies, and never one already used', async () => {
    const seen = new Set<string>()
    for (let round = 0; round < 3; round++) {
      const offered = await app.server.inject({ method: 'GET', url: '/api/v1/dev/demo-identity' })
      expect(offered.statusCode, offered.body).toBe(200)
      const identity = offered.json() as DemoIdentity
      expect(seen.has(identity.idNumber)).toBe(false)
      seen.add(identity.idNumber)
      expect(findResidentByIdNumber(identity.idNumber)?.name).toBe(identity.realName)
      expect(identity.birthDate <= '2008-01-05').toBe(true)
      // The resident's own card, so the newcomer can go on to bind one.
      const card = BANK_CARDS.find((held) => held.cardNumber === identity.debitCard?.cardNumber)
      expect(card).toMatchObject({ holderIdNumber: identity.idNumber, cardType: 'DEBIT' })
      expect(identity.debitCard?.reservedPhone).toBe(card?.reservedPhone)
      const user = await signIn(app, `1360000000${round}`)
      const { realName, idNumber } = identity
      const verified = await post(user.auth, '/api/v1/me/real-name', { realName, idNumber })
      expect(verified.statusCode, verified.body).toBe(200)
    }
  })

  it('hides the demo identity from other machines, like the SMS outbox', async () => {
    const remote = await app.server.inject({
      method: 'GET',
      url: '/api/v1/dev/demo-identity',
      remoteAddress: '203.0.113.9',
    })
    expect(remote.statusCode).toBe(404)
  })

  it('refuses a weak new PIN and tells a wrong current one, each on its own', async () => {
    const user = await openWalletUser(app, '13800000002')
    const strength = '/api/v1/me/payment-password/strength'
    const weak = await post(user.auth, strength, { password: '123456' })
    expect(weak.statusCode).toBe(400)
    expect(weak.json()).toMatchObject({
      code: 'PAYMENT_PASSWORD_WEAK',
      details: { reason: 'SEQUENCE' },
    })
    // 李娜 was born 1992-07-18: her birthday as YYMMDD is weak for her.
    const birthday = await post(user.auth, strength, { password: '920718' })
    expect(birthday.json().details.reason).toBe('BIRTH_DATE')
    expect((await post(user.auth, strength, { password: '503817' })).json()).toEqual({ ok: true })

    const verify = '/api/v1/me/payment-password/verify'
    const wrong = await post(user.auth, verify, { password: '000001' })
    expect(wrong.json()).toMatchObject({ code: 'PIN_WRONG', details: { attemptsLeft: 4 } })
    expect((await post(user.auth, verify, { password: TEST_PAYMENT_PASSWORD })).json()).toEqual({
      ok: true,
    })
    const anonymous = await post({}, strength, { password: '503817' })
    expect(anonymous.statusCode).toBe(401)
  })

  it('lists every money limit the pages check before the PIN', async () => {
    const user = await openWalletUser(app, '13800000003')
    const response = await app.server.inject({
      method: 'GET',
      url: '/api/v1/me/money-limits',
      headers: user.auth,
    })
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json()).toEqual({
      operationAmountFenMax: 5_000_000,
      topUpDailyLimitFen: 5_000_000,
      topUpDailyRemainingFen: 5_000_000,
      withdrawDailyLimitFen: 5_000_000,
      withdrawDailyRemainingFen: 5_000_000,
      withdrawFreeQuotaFen: 100_000,
      withdrawFreeQuotaRemainingFen: 100_000,
      availableFen: 0,
      accountClass: {
        accountClass: 1,
        period: 'LIFETIME',
        limitFen: 100_000,
        usedFen: 0,
        remainingFen: 100_000,
      },
      balancePayments: { yearUsedFen: 0, lifetimeUsedFen: 0 },
      classes: [
        { accountClass: 1, period: 'LIFETIME', limitFen: 100_000 },
        { accountClass: 2, period: 'YEAR', limitFen: 10_000_000 },
        { accountClass: 3, period: 'YEAR', limitFen: 20_000_000 },
      ],
      minorYearLimitFen: 500_000,
      adultAgeYears: 18,
    })
    // A balance payment shows as used, this year and since opening.
    await app.security.recordBalancePayment(user.userId, 12_300, undefined, 'pay:first-minutes')
    const after = await app.server.inject({
      method: 'GET',
      url: '/api/v1/me/money-limits',
      headers: user.auth,
    })
    expect(after.json()).toMatchObject({
      accountClass: { usedFen: 12_300, remainingFen: 100_000 - 12_300 },
      balancePayments: { yearUsedFen: 12_300, lifetimeUsedFen: 12_300 },
    })
  })
})
