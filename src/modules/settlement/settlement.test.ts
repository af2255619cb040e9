/**
 * T+1 settlement against the bank simulator: a day of payments, partial refunds and fees
 * settles to exactly gross − refunds − fees on the merchant's card; the job is idempotent across
 * runs and a restart; a zero or negative day carries over; a payout the bank left unanswered or
 * refused is resolved. After each: the ledger check is clean, reconciliation finds 0 mismatches.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ManualClock } from '../../adapters/clock/index.ts'
import { shanghaiDate, shanghaiDayRangeMs } from '../../shared/shanghai-time.ts'
import { createTestApp, type TestApp } from '../../test-support/app.ts'
import { startTestBank, type TestBank } from '../../test-support/bank.ts'
import { testDatabaseKind } from '../../test-support/database.ts'
import { bookPayment, bookRefund, fundedPayer } from '../../test-support/merchant-ledger.ts'
import { feeFen } from '../merchants/index.ts'
import { reconcileDay } from '../reconciliation/index.ts'

/** Debit cards the simulator holds (demo/cards.ts): they receive the payouts. */
const ZHANG_ICBC = '6222020000000000018'
const LI_CCB = '6217000000000000020'
const ZHOU_BOCOM = '6222600000000000016'
const HOUR_MS = 3600_000

let app: TestApp
let bank: TestBank
let payer: number

async function cardBalanceFen(cardNumber: string): Promise<number> {
  return Number((await bank.admin('GET', `/admin/cards/${cardNumber}`)).balanceFen)
}

async function expectBooksAgree(): Promise<void> {
  expect((await app.ledger.check()).problems).toEqual([])
  const report = await reconcileDay(
    { ledger: app.ledger, bank: app.bank },
    shanghaiDate(app.clock.nowMs()),
  )
  expect(report.mismatches).toEqual([])
}

/** Moves the clock to `hour`:30 of the Shanghai day after today and runs the due jobs. */
async function nextDayAt(hour: number): Promise<void> {
  const { endMs } = shanghaiDayRangeMs(shanghaiDate(app.clock.nowMs()))
  app.clock.setMs(endMs + hour * HOUR_MS + 30 * 60_000)
}

async function onboard(key: string, cardNumber: string) {
  const { merchant } = await app.merchants.onboard(
    { kind: 'system' },
    {
      creationKey: key,
      legalName: `${key} 有限公司`,
      storeName: key,
      category: '5814',
      settlementCardNumber: cardNumber,
    },
  )
  return merchant
}

beforeAll(async () => {
  const clock = new ManualClock()
  bank = await startTestBank({ clock: () => clock.nowMs(), hangMs: 1_000 })
  app = await createTestApp({ bankUrl: bank.url, clock, bankTimeoutMs: 400 })
  payer = await fundedPayer(app, 'u_settlement_payer', 100_000_000)
})

afterAll(async () => {
  await app.close()
  await bank.close()
})

describe(`T+1 settlement on ${testDatabaseKind()}`, () => {
  it('pays gross − refunds − fees of the day to the card, to the fen, once', async () => {
    const merchant = await onboard('settle-sums', ZHANG_ICBC)
    const day = shanghaiDate(app.clock.nowMs())
    const a = await bookPayment(app, {
      key: 's1',
      merchantId: merchant.id,
      payerAccountId: payer,
      amountFen: 12_345,
    })
    const b = await bookPayment(app, {
      key: 's2',
      merchantId: merchant.id,
      payerAccountId: payer,
      amountFen: 9_999,
    })
    await bookPayment(app, {
      key: 's3',
      merchantId: merchant.id,
      payerAccountId: payer,
      amountFen: 1,
    })
    const feeBack = feeFen(3_333, merchant.feeRateBp)
    await bookRefund(app, {
      key: 's2a',
      merchantId: merchant.id,
      payerAccountId: payer,
      amountFen: 3_333,
      feeBackFen: feeBack,
    })
    await bookRefund(app, {
      key: 's2b',
      merchantId: merchant.id,
      payerAccountId: payer,
      amountFen: 1_000,
      feeBackFen: 0,
    })
    expect([a.feeFen, b.feeFen, feeBack]).toEqual([74, 60, 20])
    const cardBefore = await cardBalanceFen(ZHANG_ICBC)

    await app.jobs.runDueJobs() // the same day: nothing is due yet
    await expect(app.settlement.get(merchant.id, day)).rejects.toMatchObject({ code: 'NOT_FOUND' })

    await nextDayAt(0)
    await app.jobs.runDueJobs()
    const report = await app.settlement.get(merchant.id, day)
    const grossFen = 12_345 + 9_999 + 1
    const refundsFen = 3_333 + 1_000
    const feesFen = 74 + 60 + 0 - 20
    expect(report).toMatchObject({
      payments: 3,
      grossFen,
      refundsFen,
      feesFen,
      netFen: grossFen - refundsFen - feesFen,
      carriedInFen: 0,
      discountsRepaidFen: 0,
      payoutFen: grossFen - refundsFen - feesFen,
      carriedOutFen: 0,
      status: 'PAID',
      payout: { bankCode: 'ICBC', last4: '0018', attempts: 1, failureCode: null },
    })
    expect(await cardBalanceFen(ZHANG_ICBC)).toBe(cardBefore + report.payoutFen)
    const accounts = await app.merchants.accounts(merchant.id)
    const [pending, settled] = await app.ledger.getBalances([
      accounts.merchant_pending.id,
      accounts.merchant_settled.id,
    ])
    expect([pending?.postedFen, settled?.postedFen]).toEqual([0, 0])
    await expectBooksAgree()

    // Two more runs and a restarted process (a second app on the same database): nothing moves.
    app.clock.advanceMs(15 * 60_000)
    await app.jobs.runDueJobs()
    const restarted = await createTestApp({
      database: app.database,
      clock: app.clock,
      bankUrl: bank.url,
    })
    await restarted.settlement.run()
    await restarted.settlement.resolvePayouts()
    expect(await cardBalanceFen(ZHANG_ICBC)).toBe(cardBefore + report.payoutFen)
    expect(await app.settlement.get(merchant.id, day)).toEqual(report)
    const days = await app.settlement.list({ merchantId: merchant.id })
    expect(days.map((one) => one.day)).toEqual([day])
    await expectBooksAgree()
  })

  it('carries a zero or negative day over to the next', async () => {
    const merchant = await onboard('settle-carry', LI_CCB)
    const dayOne = shanghaiDate(app.clock.nowMs())
    const { feeFen: fee } = await bookPayment(app, {
      key: 'c1',
      merchantId: merchant.id,
      payerAccountId: payer,
      amountFen: 10_000,
    })
    // Refunded in full the next morning, before the day is settled.
    await nextDayAt(0)
    await bookRefund(app, {
      key: 'c1r',
      merchantId: merchant.id,
      payerAccountId: payer,
      amountFen: 10_000,
      feeBackFen: fee,
    })
    const cardBefore = await cardBalanceFen(LI_CCB)
    await app.settlement.run()
    expect(await app.settlement.get(merchant.id, dayOne)).toMatchObject({
      netFen: 10_000 - fee,
      payoutFen: 0,
      carriedOutFen: 10_000 - fee,
      status: 'CARRIED',
    })
    const dayTwo = shanghaiDate(app.clock.nowMs())
    await nextDayAt(1)
    await app.settlement.run()
    expect(await app.settlement.get(merchant.id, dayTwo)).toMatchObject({
      grossFen: 0,
      refundsFen: 10_000,
      feesFen: -fee,
      netFen: -(10_000 - fee),
      carriedInFen: 10_000 - fee,
      payoutFen: 0,
      carriedOutFen: 0,
      status: 'CARRIED',
    })
    expect(await cardBalanceFen(LI_CCB)).toBe(cardBefore)
    await expectBooksAgree()
  })

  it('resolves a payout the bank booked but never answered, and retries one it refused', async () => {
    const merchant = await onboard('settle-faults', ZHOU_BOCOM)
    const dayOne = shanghaiDate(app.clock.nowMs())
    await bookPayment(app, {
      key: 'f1',
      merchantId: merchant.id,
      payerAccountId: payer,
      amountFen: 50_000,
    })
    const cardBefore = await cardBalanceFen(ZHOU_BOCOM)
    await bank.admin('POST', '/admin/faults', {
      cardNumber: ZHOU_BOCOM,
      mode: 'TIMEOUT_AFTER',
      count: 1,
    })
    await nextDayAt(0)
    await app.settlement.run()
    const waiting = await app.settlement.get(merchant.id, dayOne)
    expect(waiting.status).toBe('PAYING')
    app.clock.advanceMs(60_000)
    await app.settlement.resolvePayouts()
    const paid = await app.settlement.get(merchant.id, dayOne)
    expect(paid).toMatchObject({ status: 'PAID', payout: { attempts: 1 } })
    expect(await cardBalanceFen(ZHOU_BOCOM)).toBe(cardBefore + paid.payoutFen)
    await expectBooksAgree()

    // The card is frozen at the bank: the payout is refused, then sent again once it thaws.
    const dayTwo = shanghaiDate(app.clock.nowMs())
    await bookPayment(app, {
      key: 'f2',
      merchantId: merchant.id,
      payerAccountId: payer,
      amountFen: 20_000,
    })
    await bank.admin('POST', `/admin/cards/${ZHOU_BOCOM}`, { state: 'FROZEN' })
    await nextDayAt(0)
    await app.settlement.run()
    expect(await app.settlement.get(merchant.id, dayTwo)).toMatchObject({
      status: 'PAYOUT_FAILED',
      payout: { failureCode: 'CARD_FROZEN', attempts: 1 },
    })
    await expectBooksAgree()
    await bank.admin('POST', `/admin/cards/${ZHOU_BOCOM}`, { state: 'ACTIVE' })
    app.clock.advanceMs(2 * HOUR_MS)
    await app.settlement.resolvePayouts()
    const retried = await app.settlement.get(merchant.id, dayTwo)
    expect(retried).toMatchObject({ status: 'PAID', payout: { attempts: 2 } })
    expect(await cardBalanceFen(ZHOU_BOCOM)).toBe(cardBefore + paid.payoutFen + retried.payoutFen)
    await expectBooksAgree()
  })
})
