/**
 * The transfers that leave the wallet's own four walls: to a bank card (fee, two-phase, a bank
 * timeout resolved by the job), to a phone number without a wallet (SMS, claimed after
 * real-name, or returned at 24 h), and a restart between sending and the 24-hour mark.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ManualClock } from '../../adapters/clock/index.ts'
import { createTestApp, type TestApp } from '../../test-support/app.ts'
import { startTestBank, type TestBank } from '../../test-support/bank.ts'
import { testDatabaseKind } from '../../test-support/database.ts'
import { signIn } from '../../test-support/identity.ts'
import { createRestartableDatabase } from '../../test-support/restartable-database.ts'
import {
  availableFen,
  expectTransferBooksExact,
  fundBalance,
  sendTransfer,
  transferAction,
} from '../../test-support/transfers.ts'
import { openWalletUser, type WalletUser } from '../../test-support/wallet-user.ts'
import { demoResident } from '../../../demo/residents.ts'

const HOUR_MS = 3600_000
const LI_DEBIT = '6217000000000000020'
let app: TestApp
let bank: TestBank
let zhang: WalletUser

async function bankBalanceFen(cardNumber: string): Promise<number> {
  return Number((await bank.admin('GET', `/admin/cards/${cardNumber}`)).balanceFen)
}

beforeAll(async () => {
  const clock = new ManualClock()
  bank = await startTestBank({ clock: () => clock.nowMs(), hangMs: 1_500 })
  app = await createTestApp({ bankUrl: bank.url, clock, bankTimeoutMs: 500 })
  zhang = await openWalletUser(app, '13800000001')
  await fundBalance(app, zhang.userId, 1_000_000)
})

afterAll(async () => {
  await app.close()
  await bank.close()
})

describe(`transfers to cards and phones on ${testDatabaseKind()}`, () => {
  it("sends to another person's card with the fee; a bank timeout is resolved by the job", async () => {
    const before = await availableFen(app, zhang.userId)
    const bankBefore = await bankBalanceFen(LI_DEBIT)
    const to = { kind: 'card', cardNumber: LI_DEBIT, holderName: '李娜' }
    const preview = await app.server.inject({
      method: 'POST',
      url: '/api/v1/me/transfers/preview',
      headers: zhang.auth,
      payload: { to, amountFen: 50_000 },
    })
    expect(preview.json()).toMatchObject({ feeFen: 50, totalDebitFen: 50_050 })
    expect(preview.json().hints.map((hint: { code: string }) => hint.code)).toEqual([
      'OTHER_PERSONS_CARD',
    ])
    const sent = await sendTransfer(app, zhang, to, 50_000)
    expect(sent.json()).toMatchObject({ kind: 'CARD', status: 'SUCCEEDED', feeFen: 50 })
    expect(await bankBalanceFen(LI_DEBIT)).toBe(bankBefore + 50_000)
    expect(await availableFen(app, zhang.userId)).toBe(before - 50_050)

    await bank.admin('POST', '/admin/faults', {
      cardNumber: LI_DEBIT,
      mode: 'TIMEOUT_BEFORE',
      count: 1,
    })
    const slow = await sendTransfer(app, zhang, to, 20_000)
    expect(slow.json().status).toBe('PROCESSING')
    expect(await bankBalanceFen(LI_DEBIT)).toBe(bankBefore + 50_000)
    app.clock.advanceMs(60_000)
    await app.jobs.runDueJobs()
    const resolved = await app.server.inject({
      method: 'GET',
      url: `/api/v1/me/transfers/${slow.json().id}`,
      headers: zhang.auth,
    })
    expect(resolved.json().status).toBe('SUCCEEDED')
    expect(await bankBalanceFen(LI_DEBIT)).toBe(bankBefore + 70_000)
    expect(await availableFen(app, zhang.userId)).toBe(before - 50_050 - 20_020)
    await expectTransferBooksExact(app)
  })

  it('texts a phone with no wallet; its owner claims it after real-name, or it goes back at 24 h', async () => {
    const phone = '13800000010'
    const before = await availableFen(app, zhang.userId)
    const sent = await sendTransfer(app, zhang, { kind: 'phone', phone }, 8_800)
    expect(sent.json()).toMatchObject({ kind: 'PHONE', status: 'PENDING' })
    const sms = await app.server.inject({ method: 'GET', url: `/api/v1/dev/sms?phone=${phone}` })
    expect(sms.body).toContain('88.00')
    const newcomer = await signIn(app, phone)
    const early = await transferAction(app, newcomer, sent.json().id, 'accept')
    expect(early.json().code).toBe('KYC_REQUIRED')
    const resident = demoResident(phone)
    const verified = await app.server.inject({
      method: 'POST',
      url: '/api/v1/me/real-name',
      headers: newcomer.auth,
      payload: { realName: resident.name, idNumber: resident.idNumber },
    })
    expect(verified.statusCode, verified.body).toBe(200)
    const claimed = await transferAction(app, newcomer, sent.json().id, 'accept')
    expect(claimed.json()).toMatchObject({ status: 'ACCEPTED', recipientUserId: newcomer.userId })
    expect(await availableFen(app, newcomer.userId)).toBe(8_800)

    const unclaimed = await sendTransfer(app, zhang, { kind: 'phone', phone: '13800000011' }, 1_100)
    app.clock.advanceMs(24 * HOUR_MS)
    await app.jobs.runDueJobs()
    const back = await app.server.inject({
      method: 'GET',
      url: `/api/v1/me/transfers/${unclaimed.json().id}`,
      headers: zhang.auth,
    })
    expect(back.json().status).toBe('EXPIRED')
    expect(await availableFen(app, zhang.userId)).toBe(before - 8_800)
    await expectTransferBooksExact(app)
  })
})

describe('a restart between sending and the 24-hour mark', () => {
  it('loses no scheduled return', async () => {
    const restartable = await createRestartableDatabase()
    const clock = new ManualClock()
    const first = await createTestApp({ database: await restartable.open(), clock })
    const sender = await openWalletUser(first, '13800000004')
    const recipient = await openWalletUser(first, '13800000008')
    await fundBalance(first, sender.userId, 50_000)
    const sent = await sendTransfer(
      first,
      sender,
      { kind: 'user', userId: recipient.userId },
      30_000,
    )
    expect(sent.json().status).toBe('PENDING')
    await first.close()
    clock.advanceMs(24 * HOUR_MS + 1)
    const second = await createTestApp({ database: await restartable.open(), clock })
    try {
      await second.jobs.runDueJobs()
      const after = await second.server.inject({
        method: 'GET',
        url: `/api/v1/me/transfers/${sent.json().id}`,
        headers: sender.auth,
      })
      expect(after.json().status).toBe('EXPIRED')
      expect(await availableFen(second, sender.userId)).toBe(50_000)
      await expectTransferBooksExact(second)
    } finally {
      await second.close()
      await restartable.dispose()
    }
  })
})
