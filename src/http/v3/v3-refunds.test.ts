/**
 * v3 refunds through both real SDKs: partial refunds that sum exactly to the paid amount and
 * never a fen more (NOT_ENOUGH), idempotent by out_refund_no (same content → the same refund;
 * other content → INVALID_REQUEST), queried by out_refund_no, each ending notified as
 * REFUND.SUCCESS that both SDKs verify and decrypt; the ledger check stays clean.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ManualClock } from '../../adapters/clock/index.ts'
import { createTestApp, type TestApp } from '../../test-support/app.ts'
import { startTestBank } from '../../test-support/bank.ts'
import { testDatabaseKind } from '../../test-support/database.ts'
import { type NotifyReceiver, startNotifyReceiver } from '../../test-support/notify-receiver.ts'
import {
  type Customer,
  expectBooksAgree,
  openCustomer,
  ZHANG,
} from '../../test-support/payments.ts'
import {
  openV3Shop,
  openWithBothSdks,
  placeAndPay,
  type V3Shop,
} from '../../test-support/v3-merchant.ts'
import { axiosPlugin } from '../../test-support/wechatpay-sdks.ts'

let app: TestApp
let closeBank: () => Promise<void>
let receiver: NotifyReceiver
let zhang: Customer
let v3: V3Shop
let sequence = 0
const refundNo = () => `RF${Date.now()}${++sequence}`

beforeAll(async () => {
  const clock = new ManualClock(Date.now())
  const bank = await startTestBank({ clock: () => clock.nowMs() })
  closeBank = () => bank.close()
  // A loaded machine: the bank simulator gets time to answer.
  app = await createTestApp({ bankUrl: bank.url, clock, bankTimeoutMs: 10_000 })
  const baseUrl = (await app.server.listen({ host: '127.0.0.1', port: 0 })).replace(
    'localhost',
    '127.0.0.1',
  )
  receiver = await startNotifyReceiver()
  v3 = await openV3Shop(app, baseUrl, 'cert', '退款小铺')
  zhang = await openCustomer(app, ZHANG.phone, ZHANG.debit, 50_000)
  // Several shops, orders and SDK clients on a loaded machine.
}, 300_000)

afterAll(async () => {
  await app?.close()
  await receiver?.close()
  await closeBank?.()
})

/** Delivery passes until nothing is due (a merchant gets two deliveries at a time). */
async function deliver(): Promise<void> {
  await app.jobs.runDueJobs()
  await app.notifications.settle()
  while ((await app.notifications.dispatch()) > 0) await app.notifications.settle()
}

// biome-ignore lint: axios errors are plain objects here.
const responseOf = (error: any) => error.response

describe(`v3 refunds on ${testDatabaseKind()}`, () => {
  it('refunds in parts up to the paid amount, idempotently, with REFUND.SUCCESS (axios-plugin)', async () => {
    const paid = await placeAndPay(app, v3, zhang, receiver.url('/pay'), 1_200)
    const refunds = v3.wxpay.v3.refund.domestic.refunds
    const first = {
      out_trade_no: paid.outTradeNo,
      out_refund_no: refundNo(),
      reason: '少送一杯',
      notify_url: receiver.url('/refunds'),
      amount: { refund: 300, total: 1_200, currency: 'CNY' },
    }
    const created = await refunds.post(first)
    expect(created.data).toMatchObject({
      out_refund_no: first.out_refund_no,
      out_trade_no: paid.outTradeNo,
      transaction_id: paid.paymentId,
      channel: 'ORIGINAL',
      user_received_account: '支付用户零钱',
      status: 'SUCCESS',
      success_time: expect.stringMatching(/\+08:00$/),
      amount: { total: 1_200, refund: 300, payer_refund: 300, currency: 'CNY' },
    })
    const again = await refunds.post(first)
    expect(again.data.refund_id).toBe(created.data.refund_id)
    const conflict = await refunds
      .post({ ...first, amount: { ...first.amount, refund: 301 } })
      .catch(responseOf)
    expect(conflict.status).toBe(400)
    expect(conflict.data).toMatchObject({ code: 'INVALID_REQUEST' })
    const rest = await refunds.post({
      transaction_id: paid.paymentId,
      out_refund_no: refundNo(),
      amount: { refund: 900, total: 1_200, currency: 'CNY' },
    })
    expect(rest.data).toMatchObject({ status: 'SUCCESS', amount: { refund: 900 } })
    const over = await refunds
      .post({
        out_trade_no: paid.outTradeNo,
        out_refund_no: refundNo(),
        amount: { refund: 1, total: 1_200, currency: 'CNY' },
      })
      .catch(responseOf)
    expect(over.status).toBe(403)
    expect(over.data).toMatchObject({ code: 'NOT_ENOUGH' })
    const wrongTotal = await refunds
      .post({
        ...first,
        out_refund_no: refundNo(),
        amount: { refund: 1, total: 999, currency: 'CNY' },
      })
      .catch(responseOf)
    expect(wrongTotal.data).toMatchObject({ code: 'INVALID_REQUEST' })
    const queried = await refunds.$out_refund_no$.get({ out_refund_no: first.out_refund_no })
    expect(queried.data).toEqual(created.data)
    const missing = await refunds.$out_refund_no$
      .get({ out_refund_no: 'NO_SUCH_REFUND' })
      .catch(responseOf)
    expect(missing.status).toBe(404)
    expect(missing.data).toMatchObject({ code: 'RESOURCE_NOT_EXISTS' })
    const order = await v3.wxpay.v3.pay.transactions.outTradeNo.$out_trade_no$.get({
      params: { mchid: v3.credentials.mchid },
      out_trade_no: paid.outTradeNo,
    })
    expect(order.data.trade_state).toBe('REFUND')
    await deliver()
    // The refund's own notify_url for the first; the order's for the one that named none.
    const [notice] = receiver.received('/refunds')
    const opened = await openWithBothSdks(v3, notice as NonNullable<typeof notice>)
    expect(opened.event).toMatchObject({
      event_type: 'REFUND.SUCCESS',
      summary: '退款成功',
      resource: { original_type: 'refund', associated_data: 'refund' },
    })
    expect(opened.resource).toMatchObject({
      mchid: v3.credentials.mchid,
      out_trade_no: paid.outTradeNo,
      transaction_id: paid.paymentId,
      out_refund_no: first.out_refund_no,
      refund_id: created.data.refund_id,
      refund_status: 'SUCCESS',
      amount: { total: 1_200, refund: 300, payer_total: 1_200, payer_refund: 300 },
    })
    const payNotices = receiver.received('/pay').map((entry) => JSON.parse(entry.body).event_type)
    expect(payNotices.sort()).toEqual(['REFUND.SUCCESS', 'TRANSACTION.SUCCESS'])
    expect(receiver.received('/refunds')).toHaveLength(1)
    await expectBooksAgree(app)
  })

  it('refunds and queries with wechatpay-node-v3', async () => {
    const paid = await placeAndPay(app, v3, zhang, receiver.url('/pay-nv3'), 800)
    const { pay } = v3.nodeV3
    const outRefundNo = refundNo()
    const created = await pay.refunds({
      out_trade_no: paid.outTradeNo,
      out_refund_no: outRefundNo,
      amount: { refund: 800, total: 800, currency: 'CNY' },
    })
    expect(created.status, JSON.stringify(created)).toBe(200)
    expect(created.data).toMatchObject({ status: 'SUCCESS', amount: { refund: 800 } })
    const found = await pay.find_refunds(outRefundNo)
    expect(found.data).toEqual(created.data)
    const more = await pay.refunds({
      out_trade_no: paid.outTradeNo,
      out_refund_no: refundNo(),
      amount: { refund: 1, total: 800, currency: 'CNY' },
    })
    expect(more.status).toBe(403)
    expect(JSON.parse(more.error)).toMatchObject({ code: 'NOT_ENOUGH' })
    await deliver()
    const events = receiver.received('/pay-nv3').map((entry) => JSON.parse(entry.body).event_type)
    expect(events.sort()).toEqual(['REFUND.SUCCESS', 'TRANSACTION.SUCCESS'])
    await expectBooksAgree(app)
  })

  it('sandbox: the next notification carries a bad signature, and the log says it was taken', async () => {
    const set = await v3.wxpay.sandbox.v1.notifications.signatureFaults.post({
      mode: 'garbled',
      count: 1,
    })
    expect(set.data).toEqual({ mode: 'garbled', remaining: 1 })
    const paid = await placeAndPay(app, v3, zhang, receiver.url('/faulty'), 500)
    await deliver()
    const [received] = receiver.received('/faulty')
    const { Rsa, Formatter } = axiosPlugin
    const headers = received?.headers ?? {}
    const pem = v3.credentials.platform_keys[0]?.pem
    const message = Formatter.joinedByLineFeed(
      headers['wechatpay-timestamp'],
      headers['wechatpay-nonce'],
      received?.body,
    )
    expect(Rsa.verify(message, headers['wechatpay-signature'], pem)).toBe(false)
    const log = await v3.wxpay.sandbox.v1.notifications.get({ params: { limit: 5 } })
    const event = log.data.data.find((entry: { deliveries: { signature_fault: string }[] }) =>
      entry.deliveries.some((attempt) => attempt.signature_fault === 'garbled'),
    )
    expect(event).toMatchObject({
      event_type: 'TRANSACTION.SUCCESS',
      status: 'DELIVERED',
      deliveries: [{ http_status: 200, error: 'the endpoint accepted a bad signature' }],
    })
    expect(JSON.parse(received?.body ?? '{}').id).toBe(event.id)
    expect(paid.paymentId).toMatch(/^[0-9]{28}$/)
    const resent = await v3.wxpay.sandbox.v1.notifications.$id$.resend.post({}, { id: event.id })
    expect(resent.status).toBe(204)
    await deliver()
    const again = receiver.received('/faulty').at(-1)
    expect(again?.eventId).toBe(event.id)
    const fresh = Formatter.joinedByLineFeed(
      again?.headers['wechatpay-timestamp'],
      again?.headers['wechatpay-nonce'],
      again?.body,
    )
    expect(Rsa.verify(fresh, again?.headers['wechatpay-signature'], pem)).toBe(true)
  })
})
