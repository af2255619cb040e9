/**
 * Card binding end to end over HTTP against the bank simulator: the happy path, every failure
 * the seeds describe (each with its own code), listing, default and unbinding.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ManualClock } from '../../adapters/clock/index.ts'
import { createTestApp, type TestApp } from '../../test-support/app.ts'
import { startTestBank, type TestBank } from '../../test-support/bank.ts'
import { testDatabaseKind } from '../../test-support/database.ts'
import { demoResident } from '../../../demo/residents.ts'
import { latestCode, requestCode, signIn } from '../../test-support/identity.ts'
import {
  bindCard,
  openWalletUser,
  startBinding,
  TEST_PAYMENT_PASSWORD,
  type WalletUser,
} from '../../test-support/wallet-user.ts'

let app: TestApp
let bank: TestBank
let zhang: WalletUser

beforeAll(async () => {
  const clock = new ManualClock()
  bank = await startTestBank({ clock: () => clock.nowMs() })
  app = await createTestApp({ bankUrl: bank.url, clock })
  zhang = await openWalletUser(app, '13800000001')
})

afterAll(async () => {
  await app.close()
  await bank.close()
})

async function expectBindFailure(
  card: { cardNumber: string; phone?: string; expiry?: string; cvn?: string },
  code: string,
  user: WalletUser = zhang,
) {
  app.clock.advanceMs(61_000)
  const response = await startBinding(app, user, { phone: user.phone, ...card })
  expect(response.json().code, response.body).toBe(code)
  expect(response.json().message.zh.length).toBeGreaterThan(4)
  expect(response.statusCode).toBeGreaterThanOrEqual(400)
  expect(response.statusCode).toBeLessThan(500 + (code === 'BANK_UNAVAILABLE' ? 100 : 0))
  return response
}

describe(`card binding on ${testDatabaseKind()}`, () => {
  it('binds a debit card after the bank check and the SMS code to the reserved phone', async () => {
    const cardId = await bindCard(app, zhang, { cardNumber: '6222 0200 0000 0000 018' })
    const list = (
      await app.server.inject({ method: 'GET', url: '/api/v1/me/cards', headers: zhang.auth })
    ).json()
    expect(list.cards).toEqual([
      expect.objectContaining({
        id: cardId,
        bankCode: 'ICBC',
        cardType: 'DEBIT',
        last4: '0018',
        isDefault: true,
      }),
    ])
    // Never the full number, anywhere in the answer or in the database in the clear.
    expect(JSON.stringify(list)).not.toContain('6222020000000000018')
    const stored = await app.database.db.selectFrom('bank_cards').selectAll().execute()
    expect(JSON.stringify(stored)).not.toContain('6222020000000000018')
    // A same-name card raises the payment account class to II.
    const me = (
      await app.server.inject({ method: 'GET', url: '/api/v1/me', headers: zhang.auth })
    ).json()
    expect(me.accountClass).toBe(2)
    await expectBindFailure({ cardNumber: '6222020000000000018' }, 'CARD_ALREADY_BOUND')
  })

  it('refuses a wrong SMS code and binds nothing', async () => {
    app.clock.advanceMs(61_000)
    const started = await startBinding(app, zhang, {
      cardNumber: '6225750000000014',
      phone: zhang.phone,
      expiry: '12/30',
      cvn: '123',
    })
    expect(started.statusCode, started.body).toBe(200)
    const bound = await app.server.inject({
      method: 'POST',
      url: '/api/v1/me/cards',
      headers: zhang.auth,
      payload: { bindRequestId: started.json().bindRequestId, smsCode: '000000' },
    })
    expect(['SMS_CODE_WRONG', 'SMS_CODE_EXPIRED']).toContain(bound.json().code)
    const list = (
      await app.server.inject({ method: 'GET', url: '/api/v1/me/cards', headers: zhang.auth })
    ).json()
    expect(list.cards.map((card: { last4: string }) => card.last4)).not.toContain('0014')
  })

  it('resumes the pending bind request within the resend wait, with the code already sent', async () => {
    const chen = await openWalletUser(app, '13800000005')
    const card = { cardNumber: '6225880000000019', phone: chen.phone }
    app.clock.advanceMs(61_000)
    const first = await startBinding(app, chen, card)
    expect(first.json()).toMatchObject({ resumed: false, resendAfterSeconds: 60 })
    const code = await latestCode(app, chen.phone)
    app.clock.advanceMs(20_000)
    // Left the code step and came back: the same request, no new SMS, the wait that is left.
    const again = await startBinding(app, chen, card)
    expect(again.statusCode, again.body).toBe(200)
    expect(again.json()).toMatchObject({
      bindRequestId: first.json().bindRequestId,
      resumed: true,
      resendAfterSeconds: 40,
      last4: '0019',
    })
    expect(await latestCode(app, chen.phone)).toBe(code)
    // Another card in the same minute still waits: only the pending request resumes.
    const other = await startBinding(app, chen, {
      ...card,
      cardNumber: '4392250000000017',
      expiry: '03/28',
      cvn: '345',
    })
    expect(other.json().code).toBe('FREQUENCY_LIMITED')
    const bound = await app.server.inject({
      method: 'POST',
      url: '/api/v1/me/cards',
      headers: chen.auth,
      payload: { bindRequestId: again.json().bindRequestId, smsCode: code },
    })
    expect(bound.statusCode, bound.body).toBe(201)
  })

  it('gives each binding failure its own code and a message that says what to do', async () => {
    await expectBindFailure({ cardNumber: '6222020000000000019' }, 'CARD_NUMBER_INVALID')
    await expectBindFailure({ cardNumber: '6221880000000000019' }, 'CARD_NOT_SUPPORTED')
    await expectBindFailure({ cardNumber: '6212269900000000010' }, 'CARD_NOT_SUPPORTED')
    const debit = await expectBindFailure(
      { cardNumber: '6217000000000000020' },
      'CARD_INFO_MISMATCH',
    )
    // A debit card has no expiry date or CVN: the message does not ask for them.
    expect(debit.json()).toMatchObject({ details: { cardType: 'DEBIT' } })
    expect(debit.json().message.zh).not.toContain('有效期')
    await expectBindFailure({ cardNumber: '6217000000000000012' }, 'CARD_CANCELLED')
    await expectBindFailure(
      { cardNumber: '6227600000000019', expiry: '08/25', cvn: '456' },
      'CARD_EXPIRED',
    )
    await expectBindFailure({ cardNumber: '6228480000000000018' }, 'CARD_ONLINE_DISABLED')
    await expectBindFailure({ cardNumber: '6222620000000000012' }, 'CARD_LOCAL_ONLY')
    await expectBindFailure(
      { cardNumber: '6222300000000011', expiry: '10/29', cvn: '789' },
      'CARD_FROZEN',
    )
    await expectBindFailure({ cardNumber: '6225750000000014' }, 'CARD_DETAILS_REQUIRED')
    const credit = await expectBindFailure(
      { cardNumber: '6225750000000014', expiry: '12/30', cvn: '999' },
      'CARD_INFO_MISMATCH',
    )
    expect(credit.json()).toMatchObject({ details: { cardType: 'CREDIT' } })
  })

  it('refuses a card whose bank-reserved phone differs', async () => {
    const liu = await openWalletUser(app, '13800000004')
    await expectBindFailure({ cardNumber: '6222620000000000020' }, 'CARD_PHONE_MISMATCH', liu)
    await bindCard(app, liu, { cardNumber: '6212260000000000018' })
  })

  it('says BANK_UNAVAILABLE when the bank is down, and binds once it is back', async () => {
    const li = await openWalletUser(app, '13800000002')
    await bank.admin('POST', '/admin/faults', { bankCode: 'CCB', mode: 'DOWN' })
    await expectBindFailure({ cardNumber: '6217000000000000020' }, 'BANK_UNAVAILABLE', li)
    await bank.admin('DELETE', '/admin/faults')
    await bindCard(app, li, { cardNumber: '6217000000000000020' })
  })

  it('requires real-name verification before binding', async () => {
    const stranger = await signIn(app, '13700000077')
    const response = await startBinding(app, stranger, {
      cardNumber: '6222020000000000018',
      phone: '13700000077',
    })
    expect(response.json().code).toBe('KYC_REQUIRED')
  })

  it('sets the default card and unbinds only with the payment password, only for the owner', async () => {
    const creditId = await bindCard(app, zhang, {
      cardNumber: '6225750000000014',
      expiry: '12/30',
      cvn: '123',
    })
    const made = await app.server.inject({
      method: 'PUT',
      url: `/api/v1/me/cards/${creditId}/default`,
      headers: zhang.auth,
    })
    expect(made.json().isDefault).toBe(true)
    const other = await openWalletUser(app, '13800000008')
    for (const [method, url] of [
      ['PUT', `/api/v1/me/cards/${creditId}/default`],
      ['DELETE', `/api/v1/me/cards/${creditId}`],
    ] as const) {
      const foreign = await app.server.inject({
        method,
        url,
        headers: other.auth,
        ...(method === 'DELETE' ? { payload: { paymentPassword: TEST_PAYMENT_PASSWORD } } : {}),
      })
      expect(foreign.statusCode).toBe(404)
      const anonymous = await app.server.inject({
        method,
        url,
        ...(method === 'DELETE' ? { payload: { paymentPassword: TEST_PAYMENT_PASSWORD } } : {}),
      })
      expect(anonymous.statusCode).toBe(401)
    }
    const wrong = await app.server.inject({
      method: 'DELETE',
      url: `/api/v1/me/cards/${creditId}`,
      headers: zhang.auth,
      payload: { paymentPassword: '000000' },
    })
    expect(wrong.json().code).toBe('PIN_WRONG')
    const removed = await app.server.inject({
      method: 'DELETE',
      url: `/api/v1/me/cards/${creditId}`,
      headers: zhang.auth,
      payload: { paymentPassword: TEST_PAYMENT_PASSWORD },
    })
    expect(removed.statusCode).toBe(204)
    const list = (
      await app.server.inject({ method: 'GET', url: '/api/v1/me/cards', headers: zhang.auth })
    ).json().cards
    expect(list).toHaveLength(1)
    expect(list[0].isDefault).toBe(true)
  })

  it('asks for a bound card when resetting a forgotten payment password', async () => {
    const zhou = await openWalletUser(app, '13800000009')
    await bindCard(app, zhou, { cardNumber: '6222600000000000016' })
    const idNumber = demoResident('13800000009').idNumber
    const reset = async (cardNumber?: string) => {
      app.clock.advanceMs(61_000)
      const smsCode = await requestCode(app, zhou.phone, 'reset_password', zhou.token)
      return app.server.inject({
        method: 'POST',
        url: '/api/v1/me/payment-password/reset',
        headers: zhou.auth,
        payload: {
          smsCode,
          idNumber,
          newPassword: '246801',
          ...(cardNumber ? { cardNumber } : {}),
        },
      })
    }
    expect((await reset()).json().code).toBe('CARD_DETAILS_REQUIRED')
    expect((await reset('6222020000000000018')).json().code).toBe('CARD_INFO_MISMATCH')
    const done = await reset('6222 6000 0000 0000 016')
    expect(done.statusCode, done.body).toBe(200)
  })
})
