/**
 * Refunds over HTTP on the real payment core: an order paid from the balance, refunded in part
 * by the owner in the console (a cashier may not), the payment and the customer's records show
 * it; the customer's request approved by the merchant; an escalated one decided by an operator;
 * bad input answers with the error envelope. The books agree after each.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDatabaseKind } from '../../test-support/database.ts'
import { signInOperator } from '../../test-support/operators.ts'
import {
  call,
  createOrder,
  type Customer,
  expectBooksAgree,
  openCustomer,
  openShop,
  payOrder,
  type PayWorld,
  type Shop,
  startPayWorld,
  ZHANG,
} from '../../test-support/payments.ts'

let world: PayWorld
let shop: Shop
let zhang: Customer

async function paidOrder(amountFen: number): Promise<string> {
  const order = await createOrder(world.app, shop, amountFen)
  const paid = await payOrder(world.app, zhang, order.token)
  expect(paid.json().status, paid.body).toBe('SUCCESS')
  return paid.json().id as string
}

beforeAll(async () => {
  world = await startPayWorld()
  shop = await openShop(world.app)
  zhang = await openCustomer(world.app, ZHANG.phone, ZHANG.debit, 100_000)
})

afterAll(async () => {
  await world?.close()
})

describe(`refunds over HTTP on ${testDatabaseKind()}`, () => {
  it('refunds part of a paid order from the console; the payment and the records show it', async () => {
    const { app } = world
    const paymentId = await paidOrder(2_350)
    const body = { paymentId, outRefundNo: 'RF-HTTP-1', amountFen: 1_000, reason: '少一杯' }
    const refunded = await call(app, 'POST', '/api/v1/merchant/refunds', shop.auth, body)
    expect(refunded.statusCode, refunded.body).toBe(200)
    expect(refunded.json()).toMatchObject({
      status: 'SUCCESS',
      channel: 'BALANCE',
      amountFen: 1_000,
    })
    const replay = await call(app, 'POST', '/api/v1/merchant/refunds', shop.auth, body)
    expect(replay.json().id).toBe(refunded.json().id)
    const conflict = await call(app, 'POST', '/api/v1/merchant/refunds', shop.auth, {
      ...body,
      amountFen: 1_001,
    })
    expect(conflict.statusCode).toBe(409)
    expect(conflict.json().code).toBe('REFUND_NO_CONFLICT')
    const tooMuch = await call(app, 'POST', '/api/v1/merchant/refunds', shop.auth, {
      ...body,
      outRefundNo: 'RF-HTTP-2',
      amountFen: 1_351,
    })
    expect(tooMuch.json()).toMatchObject({
      code: 'REFUND_AMOUNT_EXCEEDS',
      details: { refundableFen: 1_350 },
    })
    const payment = await call(app, 'GET', `/api/v1/pay/payments/${paymentId}`, zhang.auth)
    expect(payment.json()).toMatchObject({ refundStatus: 'PARTIAL', refundedFen: 1_000 })
    const mine = await call(app, 'GET', `/api/v1/me/payments/${paymentId}/refunds`, zhang.auth)
    expect(mine.json()).toMatchObject({ succeededFen: 1_000, refunds: [{ status: 'SUCCESS' }] })
    const records = await call(app, 'GET', '/api/v1/me/records?sourceKind=REFUND', zhang.auth)
    expect(records.json().records[0]).toMatchObject({
      direction: 'in',
      amountFen: 1_000,
      status: 'SUCCESS',
    })
    const list = await call(
      app,
      'GET',
      `/api/v1/merchant/refunds?paymentId=${paymentId}`,
      shop.auth,
    )
    expect(list.json().refunds).toHaveLength(1)
    await expectBooksAgree(app)
  })

  it('lets the customer ask, the merchant approve, and an operator decide an escalated one', async () => {
    const { app } = world
    const paymentId = await paidOrder(1_800)
    const asked = await call(app, 'POST', '/api/v1/me/refund-requests', zhang.auth, {
      paymentId,
      amountFen: 1_800,
      reason: '不想要了',
      idempotencyKey: 'http-rq-1',
    })
    expect(asked.statusCode, asked.body).toBe(201)
    const queue = await call(
      app,
      'GET',
      '/api/v1/merchant/refund-requests?status=PENDING',
      shop.auth,
    )
    expect(queue.json().requests.map((each: { id: string }) => each.id)).toContain(asked.json().id)
    const approved = await call(
      app,
      'POST',
      `/api/v1/merchant/refund-requests/${asked.json().id}/decision`,
      shop.auth,
      { decision: 'approve' },
    )
    expect(approved.json(), approved.body).toMatchObject({ status: 'APPROVED' })
    const payment = await call(app, 'GET', `/api/v1/pay/payments/${paymentId}`, zhang.auth)
    expect(payment.json()).toMatchObject({ refundStatus: 'FULL' })

    const second = await paidOrder(900)
    const open = await call(app, 'POST', '/api/v1/me/refund-requests', zhang.auth, {
      paymentId: second,
      amountFen: 900,
      reason: '质量问题',
      idempotencyKey: 'http-rq-2',
    })
    app.clock.advanceMs(4 * 24 * 3600_000)
    await app.jobs.runDueJobs()
    const operator = await signInOperator(app, 'support')
    const escalated = await call(app, 'GET', '/api/v1/admin/refund-requests', operator.auth)
    expect(escalated.json().requests.map((each: { id: string }) => each.id)).toContain(
      open.json().id,
    )
    const decided = await call(
      app,
      'POST',
      `/api/v1/admin/refund-requests/${open.json().id}/decision`,
      operator.auth,
      { decision: 'reject', reason: '已核实商品无问题' },
    )
    expect(decided.json(), decided.body).toMatchObject({
      status: 'REJECTED',
      decidedBy: 'operator',
    })
    const stuck = await call(app, 'GET', '/api/v1/admin/refunds/stuck', operator.auth)
    expect(stuck.json().code).toBe('FORBIDDEN')
    await expectBooksAgree(app)
  })

  it('answers bad input and strangers with the error envelope', async () => {
    const { app } = world
    // The clock moved past the staff session's 12 hours.
    shop = await openShop(app)
    const missing = await call(app, 'POST', '/api/v1/merchant/refunds', shop.auth, {
      outRefundNo: 'RF-X',
      amountFen: 1,
    })
    expect(missing.statusCode).toBe(400)
    const other = await openShop(app, '别家')
    const paymentId = await paidOrder(500)
    const stranger = await call(app, 'POST', '/api/v1/merchant/refunds', other.auth, {
      paymentId,
      outRefundNo: 'RF-Y',
      amountFen: 1,
    })
    expect(stranger.statusCode).toBe(404)
    const noSession = await app.server.inject({ method: 'GET', url: '/api/v1/merchant/refunds' })
    expect(noSession.statusCode).toBe(401)
  })
})
