/**
 * v3 notifications end to end: a v3 order paid through the payments core is notified to a
 * local HTTP receiver, verified and decrypted with both real SDKs' own helpers in both
 * platform-key modes; a failing endpoint is retried through WeChat's whole schedule (the
 * Clock moved wait by wait, never early) and then given up; a hung endpoint is retried after
 * its timeout and never held twice at once; a hung merchant does not hold up another one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ManualClock } from '../../adapters/clock/index.ts'
import { WECHAT_RETRY_DELAYS_MS } from '../../modules/notifications/index.ts'
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
  payPlaced,
  type PlacedOrder,
  placeAndPay,
  placeOrder,
  type V3Shop,
} from '../../test-support/v3-merchant.ts'

// Short for the hung endpoints here, long enough for a loaded machine to answer in time.
const ATTEMPT_TIMEOUT_MS = 2_000

let app: TestApp
let closeBank: () => Promise<void>
let baseUrl: string
let receiver: NotifyReceiver
let zhang: Customer
let pubkeyShop: V3Shop
let certShop: V3Shop
let slowShop: V3Shop
const orders = {
  fails: undefined as unknown as PlacedOrder,
  hangsOnce: undefined as unknown as PlacedOrder,
  fast: undefined as unknown as PlacedOrder,
  slow: [] as PlacedOrder[],
}

beforeAll(async () => {
  const clock = new ManualClock(Date.now())
  const bank = await startTestBank({ clock: () => clock.nowMs() })
  closeBank = () => bank.close()
  app = await createTestApp({
    bankUrl: bank.url,
    clock,
    notificationRules: { attemptTimeoutMs: ATTEMPT_TIMEOUT_MS },
  })
  baseUrl = (await app.server.listen({ host: '127.0.0.1', port: 0 })).replace(
    'localhost',
    '127.0.0.1',
  )
  receiver = await startNotifyReceiver()
  pubkeyShop = await openV3Shop(app, baseUrl, 'pubkey', '公钥小铺')
  certShop = await openV3Shop(app, baseUrl, 'cert', '证书小铺')
  zhang = await openCustomer(app, ZHANG.phone, ZHANG.debit, 50_000)
  slowShop = await openV3Shop(app, baseUrl, 'pubkey', '慢商户')
  // v3 calls are signed with real time: every order is placed before any test moves the Clock.
  orders.fails = await placeOrder(pubkeyShop, receiver.url('/fails'), 300)
  orders.hangsOnce = await placeOrder(certShop, receiver.url('/hangs-once'), 450)
  orders.fast = await placeOrder(pubkeyShop, receiver.url('/fast'), 222)
  for (let index = 0; index < 3; index += 1)
    orders.slow.push(await placeOrder(slowShop, receiver.url('/slow'), 100 + index))
  // Several shops, orders and SDK clients on a loaded machine.
}, 300_000)

afterAll(async () => {
  receiver?.release()
  await app?.close()
  await receiver?.close()
  await closeBank?.()
})

/**
 * What the job runner does: the due jobs, and the delivery pass it runs every second of real
 * time (the test Clock stands still between moves, so the pass is run here too).
 */
async function runPass(): Promise<void> {
  await app.jobs.runDueJobs()
  await app.notifications.dispatch()
}

async function runJobs(): Promise<void> {
  await runPass()
  await app.notifications.settle()
}

async function eventOf(v3: V3Shop, paymentId: string) {
  const log = await app.notifications.deliveryLog(v3.shop.merchantId, { limit: 100 })
  const event = log.find((entry) => entry.sourceKey === `pay:${paymentId}`)
  expect(event, `an event for ${paymentId}`).toBeDefined()
  return event as NonNullable<typeof event>
}

describe(`v3 notifications on ${testDatabaseKind()}`, () => {
  for (const mode of ['pubkey', 'cert'] as const) {
    it(`delivers TRANSACTION.SUCCESS both SDKs verify and decrypt (${mode} mode)`, async () => {
      const v3 = mode === 'pubkey' ? pubkeyShop : certShop
      const path = `/ok-${mode}`
      const { outTradeNo, paymentId } = await placeAndPay(app, v3, zhang, receiver.url(path), 1_234)
      expect(receiver.received(path)).toHaveLength(0)
      await runJobs()
      const [received] = receiver.received(path)
      expect(received).toBeDefined()
      const serial = received?.headers['wechatpay-serial'] as string
      expect(serial).toBe(v3.credentials.platform_key_id)
      expect(received?.headers['wechatpay-signature-type']).toBe('WECHATPAY2-SHA256-RSA2048')
      expect(received?.headers['request-id']).toMatch(/^[0-9A-F]{44}-0$/)
      const opened = await openWithBothSdks(v3, received as NonNullable<typeof received>)
      expect(opened.event).toMatchObject({
        event_type: 'TRANSACTION.SUCCESS',
        resource_type: 'encrypt-resource',
        summary: '支付成功',
        create_time: expect.stringMatching(/\+08:00$/),
        resource: { algorithm: 'AEAD_AES_256_GCM', original_type: 'transaction' },
      })
      expect(opened.resource).toMatchObject({
        mchid: v3.credentials.mchid,
        appid: v3.credentials.appid,
        out_trade_no: outTradeNo,
        transaction_id: paymentId,
        trade_state: 'SUCCESS',
        trade_type: 'NATIVE',
        amount: { total: 1_234, payer_total: 1_234, currency: 'CNY' },
      })
      const event = await eventOf(v3, paymentId)
      expect(event).toMatchObject({ id: opened.event.id, status: 'delivered', attempts: 1 })
      expect(event.deliveries).toEqual([
        expect.objectContaining({ attempt: 1, httpStatus: 200, outcome: 'delivered' }),
      ])
      // Delivered means done: later passes send nothing more.
      app.clock.advanceMs(60_000)
      await runJobs()
      expect(receiver.received(path)).toHaveLength(1)
    })
  }

  it('retries an endpoint that times out, never delivering one event twice at once', async () => {
    const path = '/hangs-once'
    receiver.answer(path, 'hang')
    const { paymentId } = await payPlaced(app, zhang, orders.hangsOnce)
    await runPass()
    await receiver.waitFor(path, 1)
    // The Clock says the lease lapsed long ago; the attempt still runs, so no second one.
    app.clock.advanceMs(3600_000)
    await runPass()
    expect(receiver.received(path)).toHaveLength(1)
    await app.notifications.settle()
    const timedOut = await eventOf(certShop, paymentId)
    expect(timedOut.deliveries).toEqual([
      expect.objectContaining({ attempt: 1, httpStatus: null, outcome: 'timeout' }),
    ])
    receiver.answer(path, { status: 200 })
    app.clock.advanceMs(WECHAT_RETRY_DELAYS_MS[0] as number)
    await runJobs()
    expect(receiver.received(path)).toHaveLength(2)
    expect((await eventOf(certShop, paymentId)).status).toBe('delivered')
    expect(receiver.maxConcurrentPerEvent()).toBe(1)
  })

  it('lets a hung merchant hold only its own slots: another merchant is delivered meanwhile', async () => {
    const slow = slowShop
    receiver.answer('/slow', 'hang')
    for (const order of orders.slow) await payPlaced(app, zhang, order)
    const fast = await payPlaced(app, zhang, orders.fast)
    // One pass starts every delivery it may and returns without waiting for any.
    await runPass()
    await receiver.waitFor('/fast', 1)
    await receiver.waitFor('/slow', 2)
    expect(receiver.hanging()).toBe(2)
    expect(receiver.received('/slow')).toHaveLength(2)
    await app.notifications.settle()
    expect((await eventOf(pubkeyShop, fast.paymentId)).status).toBe('delivered')
    const slowLog = await app.notifications.deliveryLog(slow.shop.merchantId)
    expect(slowLog.filter((event) => event.attempts === 0)).toHaveLength(1)
    receiver.release()
    await expectBooksAgree(app)
  })
  it('retries a failing endpoint on WeChat’s schedule with the same id, then gives up', async () => {
    const path = '/fails'
    receiver.answer(path, { status: 500, body: `{"code":"FAIL","message":"${'坏'.repeat(400)}"}` })
    const { paymentId } = await payPlaced(app, zhang, orders.fails)
    await runJobs()
    expect(receiver.received(path)).toHaveLength(1)
    for (const [index, waitMs] of WECHAT_RETRY_DELAYS_MS.entries()) {
      app.clock.advanceMs(waitMs - 1_000)
      await runJobs()
      expect(receiver.received(path), `not before wait ${index + 1}`).toHaveLength(index + 1)
      app.clock.advanceMs(1_000)
      await runJobs()
      expect(receiver.received(path), `after wait ${index + 1}`).toHaveLength(index + 2)
    }
    const attemptsInAll = WECHAT_RETRY_DELAYS_MS.length + 1
    app.clock.advanceMs(7 * 24 * 3600_000)
    await runJobs()
    const received = receiver.received(path)
    expect(received).toHaveLength(attemptsInAll)
    expect(new Set(received.map((entry) => entry.eventId)).size).toBe(1)
    expect(new Set(received.map((entry) => entry.headers['wechatpay-nonce'])).size).toBe(
      attemptsInAll,
    )
    const event = await eventOf(pubkeyShop, paymentId)
    expect(event).toMatchObject({ status: 'given_up', attempts: attemptsInAll })
    expect(event.deliveries).toHaveLength(attemptsInAll)
    for (const attempt of event.deliveries) {
      expect(attempt).toMatchObject({ httpStatus: 500, outcome: 'failed' })
      expect(Buffer.byteLength(attempt.responseExcerpt ?? '')).toBeLessThanOrEqual(512)
    }
    // A resend starts it again, same id.
    receiver.answer(path, { status: 204 })
    await app.notifications.resend(pubkeyShop.shop.merchantId, event.id)
    await runJobs()
    expect(receiver.received(path).at(-1)?.eventId).toBe(event.id)
    expect((await eventOf(pubkeyShop, paymentId)).status).toBe('delivered')
  }, 300_000)
})
