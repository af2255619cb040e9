/**
 * Card refunds and customers' requests against the bank simulator, on PGlite and PostgreSQL: a
 * card refund the bank was down for, retried to success by the job runner; one the card refused,
 * closed by an operator; a request approved, rejected, and escalated after N days. After each,
 * the ledger check is clean and reconciliation with the bank has no mismatch.
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

describe(`card refunds and requests on ${testDatabaseKind()}`, () => {
  it('retries a card refund the bank was down for from the job runner until it succeeds', async () => {
    const payment = await payments.payByCard({
      merchantId,
      userId: zhang.userId,
      cardId,
      amountFen: 8_000,
    })
    const cardBefore = Number((await bank.admin('GET', `/admin/cards/${ZHANG_DEBIT}`)).balanceFen)
    await bank.admin('POST', '/admin/faults', { cardNumber: ZHANG_DEBIT, mode: 'DOWN', count: 1 })
    const refund = await app.refunds.refundByStaff(staff, refundInput(payment.paymentId, 3_000))
    expect(refund).toMatchObject({ status: 'PROCESSING', channel: 'CARD', feeBackFen: 18 })
    await expectBooksAgree()
    // Not due yet: the runner leaves it.
    await app.jobs.runDueJobs()
    expect((await app.refunds.getRefund(merchantId, { refundId: refund.id })).status).toBe(
      'PROCESSING',
    )
    app.clock.advanceMs(61_000)
    await app.jobs.runDueJobs()
    const after = await app.refunds.getRefund(merchantId, { refundId: refund.id })
    expect(after).toMatchObject({ status: 'SUCCESS', bankAttempts: 2 })
    expect(Number((await bank.admin('GET', `/admin/cards/${ZHANG_DEBIT}`)).balanceFen)).toBe(
      cardBefore + 3_000,
    )
    const records = await app.records.list(zhang.userId, { sourceKind: 'REFUND' })
    expect(records.records[0]).toMatchObject({
      sourceId: refund.id,
      status: 'SUCCESS',
      method: { kind: 'card' },
    })
    expect(payments.noted.get(payment.paymentId)).toEqual([3_000])
    await expectBooksAgree()
  })

  it('keeps retrying a refund the card refused (ABNORMAL) until an operator closes it', async () => {
    const payment = await payments.payByCard({
      merchantId,
      userId: zhang.userId,
      cardId,
      amountFen: 5_000,
    })
    const pendingBefore = await pendingFen()
    await bank.admin('POST', `/admin/cards/${ZHANG_DEBIT}`, { state: 'FROZEN' })
    const refund = await app.refunds.refundByStaff(staff, refundInput(payment.paymentId, 5_000))
    expect(refund).toMatchObject({ status: 'ABNORMAL', failureCode: 'CARD_FROZEN' })
    app.clock.advanceMs(61_000)
    await app.jobs.runDueJobs()
    const retried = await app.refunds.getRefund(merchantId, { refundId: refund.id })
    expect(retried).toMatchObject({ status: 'ABNORMAL', bankAttempts: 2 })
    expect(await app.refunds.stuckRefunds()).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: refund.id })]),
    )
    const who = { operatorId, reason: '卡已冻结，联系用户线下处理' }
    const closed = await app.refunds.closeRefund(refund.id, who)
    expect(closed.status).toBe('CLOSED')
    // The hold is void, the fee back taken out again: the merchant's pending money as before.
    expect(await pendingFen()).toBe(pendingBefore)
    await expect(app.refunds.closeRefund(refund.id, who)).rejects.toMatchObject({
      code: 'REFUND_NOT_CLOSABLE',
    })
    // The amount is free again: the card unfrozen, the refund goes through.
    await bank.admin('POST', `/admin/cards/${ZHANG_DEBIT}`, { state: 'ACTIVE' })
    const again = await app.refunds.refundByStaff(staff, refundInput(payment.paymentId, 5_000))
    expect(again.status).toBe('SUCCESS')
    expect((await app.audit.listAudit({ limit: 5 })).map((entry) => entry.action)).toContain(
      'refund.closed',
    )
    await expectBooksAgree()
  })

  it('turns an approved request into a refund, tells the customer of a rejection, escalates after N days', async () => {
    const paid = await payments.payByBalance({ merchantId, userId: zhang.userId, amountFen: 3_000 })
    const submission = {
      paymentId: paid.paymentId,
      amountFen: 1_000,
      reason: '少送一杯',
      idempotencyKey: 'rq-1',
    }
    const request = await app.refunds.submitRequest(zhang.userId, submission)
    expect(request.status).toBe('PENDING')
    expect(await app.refunds.submitRequest(zhang.userId, submission)).toEqual(request)
    await expect(
      app.refunds.submitRequest(zhang.userId, { ...submission, idempotencyKey: 'rq-2' }),
    ).rejects.toMatchObject({ code: 'REFUND_REQUEST_OPEN' })
    const approved = await app.refunds.decideByMerchant(staff, request.id, { decision: 'approve' })
    expect(approved).toMatchObject({
      status: 'APPROVED',
      decidedBy: 'merchant',
      refundId: expect.any(String),
    })
    await expect(
      app.refunds.decideByMerchant(staff, request.id, { decision: 'approve' }),
    ).rejects.toMatchObject({
      code: 'REFUND_REQUEST_DECIDED',
    })
    const view = await app.refunds.paymentRefunds(zhang.userId, paid.paymentId)
    expect(view).toMatchObject({
      succeededFen: 1_000,
      refunds: [{ status: 'SUCCESS', requestId: request.id }],
    })

    const second = await app.refunds.submitRequest(zhang.userId, {
      ...submission,
      idempotencyKey: 'rq-3',
    })
    const rejected = await app.refunds.decideByMerchant(staff, second.id, {
      decision: 'reject',
      reason: '已消费',
    })
    expect(rejected).toMatchObject({ status: 'REJECTED', decisionReason: '已消费' })

    const third = await app.refunds.submitRequest(zhang.userId, {
      ...submission,
      idempotencyKey: 'rq-4',
    })
    app.clock.advanceMs(3 * 24 * 3600_000 + 3600_000)
    // The whole job runner: over three days T+1 settlement also pays the merchant's takings
    // out, and the platform's approval below is still refunded (pending, then the refund line).
    await app.jobs.runDueJobs()
    const accounts = await app.merchants.accounts(merchantId)
    expect((await app.ledger.getBalance(accounts.merchant_pending.id)).availableFen).toBeLessThan(
      1_000,
    )
    expect((await app.refunds.escalatedRequests()).map((each) => each.id)).toContain(third.id)
    // The merchant may no longer reject it; the platform decides.
    await expect(
      app.refunds.decideByMerchant(staff, third.id, { decision: 'reject', reason: '不同意' }),
    ).rejects.toMatchObject({ code: 'REFUND_REQUEST_DECIDED' })
    const decided = await app.refunds.decideByOperator(
      { operatorId, reason: '商户超时未处理' },
      third.id,
      {
        decision: 'approve',
      },
    )
    expect(decided).toMatchObject({ status: 'APPROVED', decidedBy: 'operator' })
    const refunded = await app.refunds.paymentRefunds(zhang.userId, paid.paymentId)
    expect(refunded).toMatchObject({ succeededFen: 2_000 })
    expect(refunded.refunds.find((each) => each.requestId === third.id)?.status).toBe('SUCCESS')
    const kinds = (await app.identity.listNotices(zhang.userId)).map((notice) => notice.kind)
    for (const kind of [
      'refund_request_approved',
      'refund_request_rejected',
      'refund_request_escalated',
      'refund_succeeded',
    ])
      expect(kinds).toContain(kind)
    await expectBooksAgree()
  })
})
