/**
 * Refunds after T+1 settlement paid the merchant's takings out (real payments over HTTP, the
 * bank simulator): old payments refunded fully and in part still succeed — pending first, the
 * rest advanced on the merchant's refund line — and the next day's settlement deducts the
 * advance from the payout, its report adding up to the fen. Past the line the refund waits
 * (REFUND_MERCHANT_BALANCE_LOW, visible to operators) until new takings let the job runner
 * finish it. After each step the ledger check is clean and reconciliation finds no mismatch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ManualClock } from '../../adapters/clock/index.ts'
import { shanghaiDate, shanghaiDayRangeMs } from '../../shared/shanghai-time.ts'
import { createTestApp, type TestApp } from '../../test-support/app.ts'
import { startTestBank, type TestBank } from '../../test-support/bank.ts'
import { testDatabaseKind } from '../../test-support/database.ts'
import {
  call,
  createOrder,
  type Customer,
  expectBooksAgree,
  openCustomer,
  payOrder,
  type Shop,
  ZHANG,
} from '../../test-support/payments.ts'
import { ensureTestOperator } from '../../test-support/operators.ts'
import { balanceOf } from '../../test-support/wallet-user.ts'
import { feeFen } from '../merchants/index.ts'
import type { Settlement } from '../settlement/index.ts'

const SHOP_CARD = '6212260000000000018'
const LINE_FEN = 20_000
let app: TestApp
let bank: TestBank
let shop: Shop
let zhang: Customer
let refundNumber = 0
let owner: { username: string; password: string }

/** Staff sessions last 12 hours: the owner signs in again after the clock jumps a day. */
async function signInOwner(): Promise<void> {
  const signedIn = await app.server.inject({
    method: 'POST',
    url: '/api/v1/merchant/sessions',
    payload: owner,
  })
  expect(signedIn.statusCode, signedIn.body).toBe(200)
  shop.auth = { authorization: `Bearer ${signedIn.json().token}` }
}

async function paid(amountFen: number, payMethod: unknown = { kind: 'balance' }) {
  const order = await createOrder(app, shop, amountFen)
  const response = await payOrder(app, zhang, order.token, payMethod)
  expect(response.json().status, response.body).toBe('SUCCESS')
  return response.json().id as string
}

async function refund(paymentId: string, amountFen: number) {
  const response = await call(app, 'POST', '/api/v1/merchant/refunds', shop.auth, {
    paymentId,
    outRefundNo: `RS-${++refundNumber}`,
    amountFen,
    reason: '已结算后退款',
  })
  expect(response.statusCode, response.body).toBe(200)
  return response.json()
}

async function cardFen(): Promise<number> {
  return Number((await bank.admin('GET', `/admin/cards/${SHOP_CARD}`)).balanceFen)
}

/** Settles the day that is today: the clock to 00:30 of the next Shanghai day, the job run. */
async function settleToday(): Promise<string> {
  const day = shanghaiDate(app.clock.nowMs())
  app.clock.setMs(shanghaiDayRangeMs(day).endMs + 30 * 60_000)
  await app.settlement.run()
  await signInOwner()
  return day
}

function expectReportSums(report: Settlement): void {
  expect(report.netFen).toBe(report.grossFen - report.refundsFen - report.feesFen)
  expect(report.carriedOutFen).toBe(
    report.carriedInFen +
      report.netFen -
      report.discountsRepaidFen -
      report.refundsDeductedFen -
      report.payoutFen,
  )
  expect(report.payoutFen).toBeGreaterThanOrEqual(0)
}

async function lineDebtFen(): Promise<number> {
  const line = await app.merchants.findRefundAdvanceAccounts(shop.merchantId)
  if (line === undefined) return 0
  const advance = await app.ledger.getBalance(line.advance.id)
  const credit = await app.ledger.getBalance(line.credit.id)
  return 0 - (advance.postedFen + credit.postedFen)
}

beforeAll(async () => {
  const clock = new ManualClock()
  bank = await startTestBank({ clock: () => clock.nowMs(), hangMs: 4_000 })
  app = await createTestApp({
    bankUrl: bank.url,
    clock,
    bankTimeoutMs: 2_000,
    refundRules: { advanceLineFen: LINE_FEN },
  })
  const onboarded = await app.merchants.onboard(
    { kind: 'system' },
    {
      creationKey: 'test:settled-refunds',
      legalName: '结算退款咖啡有限公司',
      storeName: '结算退款咖啡',
      category: '5814',
      settlementCardNumber: SHOP_CARD,
    },
  )
  owner = { username: onboarded.owner.username, password: onboarded.owner.password ?? '' }
  shop = { merchantId: onboarded.merchant.id, auth: { authorization: '' } }
  await signInOwner()
  zhang = await openCustomer(app, ZHANG.phone, ZHANG.debit, 100_000)
})

afterAll(async () => {
  await app?.close()
  await bank?.close()
})

describe(`refunds after settlement on ${testDatabaseKind()}`, () => {
  it('refunds paid-out payments fully and in part, and deducts them from the next payout', async () => {
    const byBalance = await paid(10_000)
    const byCard = await paid(6_000, { kind: 'card', cardId: zhang.cardId })
    const dayOne = await settleToday()
    const first = await app.settlement.get(shop.merchantId, dayOne)
    expect(first).toMatchObject({ status: 'PAID', refundsDeductedFen: 0 })
    const accounts = await app.merchants.accounts(shop.merchantId)
    expect((await app.ledger.getBalance(accounts.merchant_pending.id)).postedFen).toBe(0)

    const balanceBefore = (await balanceOf(app, zhang)).balanceFen
    expect(await refund(byBalance, 4_000)).toMatchObject({ status: 'SUCCESS', channel: 'BALANCE' })
    expect(await refund(byBalance, 6_000)).toMatchObject({ status: 'SUCCESS' })
    expect((await balanceOf(app, zhang)).balanceFen).toBe(balanceBefore + 10_000)
    const cardBefore = Number((await bank.admin('GET', `/admin/cards/${ZHANG.debit}`)).balanceFen)
    expect(await refund(byCard, 2_000)).toMatchObject({ status: 'SUCCESS', channel: 'CARD' })
    expect(Number((await bank.admin('GET', `/admin/cards/${ZHANG.debit}`)).balanceFen)).toBe(
      cardBefore + 2_000,
    )
    await expectBooksAgree(app)
    // The fees given back stayed in pending and paid part; the line advanced the rest.
    const feeBackFen = feeFen(10_000, 60) + Math.floor((feeFen(6_000, 60) * 2_000) / 6_000)
    expect(await lineDebtFen()).toBe(12_000 - feeBackFen)

    await paid(30_000)
    const shopCardBefore = await cardFen()
    const dayTwo = await settleToday()
    const second = await app.settlement.get(shop.merchantId, dayTwo)
    expectReportSums(second)
    expect(second).toMatchObject({
      grossFen: 30_000,
      refundsFen: feeBackFen,
      refundsDeductedFen: 12_000 - feeBackFen,
      payoutFen: 30_000 - feeFen(30_000, 60) - (12_000 - feeBackFen),
      carriedOutFen: 0,
      status: 'PAID',
    })
    expect(await cardFen()).toBe(shopCardBefore + second.payoutFen)
    expect(await lineDebtFen()).toBe(0)
    await expectBooksAgree(app)
  })

  it('waits past the refund line until new takings cover it, then the job runner finishes it', async () => {
    const big = await paid(30_000)
    const other = await paid(25_000)
    await settleToday()
    const waiting = await refund(big, 30_000)
    expect(waiting).toMatchObject({
      status: 'ABNORMAL',
      failureCode: 'REFUND_MERCHANT_BALANCE_LOW',
    })
    expect((await app.refunds.stuckRefunds()).map((each) => each.id)).toContain(waiting.id)
    // The room stays claimed: the payment cannot be refunded twice over while it waits.
    const over = await call(app, 'POST', '/api/v1/merchant/refunds', shop.auth, {
      paymentId: big,
      outRefundNo: `RS-${++refundNumber}`,
      amountFen: 1,
    })
    expect(over.json().code).toBe('REFUND_AMOUNT_EXCEEDS')
    await expectBooksAgree(app)

    // An operator may close a waiting refund once no attempt is under way; nothing moved.
    const balanceBefore = (await balanceOf(app, zhang)).balanceFen
    const closing = await refund(other, 25_000)
    expect(closing).toMatchObject({
      status: 'ABNORMAL',
      failureCode: 'REFUND_MERCHANT_BALANCE_LOW',
    })
    const operatorId = await ensureTestOperator(app, 'admin')
    const who = { operatorId, reason: '商户余额不足，线下处理' }
    await expect(app.refunds.closeRefund(closing.id, who)).rejects.toMatchObject({
      code: 'REFUND_NOT_CLOSABLE',
    })
    app.clock.advanceMs(31_000)
    expect(await app.refunds.closeRefund(closing.id, who)).toMatchObject({ status: 'CLOSED' })
    expect((await balanceOf(app, zhang)).balanceFen).toBe(balanceBefore)
    await expectBooksAgree(app)

    await paid(15_000)
    app.clock.advanceMs(61_000)
    await app.refunds.resolve()
    const done = await app.refunds.getRefund(shop.merchantId, { refundId: waiting.id })
    expect(done).toMatchObject({ status: 'SUCCESS', bankAttempts: 2 })
    await expectBooksAgree(app)
    const day = await settleToday()
    const report = await app.settlement.get(shop.merchantId, day)
    expectReportSums(report)
    expect(report.payoutFen).toBeGreaterThanOrEqual(0)
    expect(report.carriedOutFen + (await lineDebtFen())).toBeGreaterThanOrEqual(0)
    await expectBooksAgree(app)
  })
})
