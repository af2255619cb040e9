/**
 * Orders (动态码) over HTTP: the merchant creates one (idempotent by out_trade_no), the customer
 * opens its checkout and pays it from the balance; paid once only (also from two devices at
 * once), closed, expired; the ledger legs, the fee, the record and today's takings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDatabaseKind } from '../../test-support/database.ts'
import { signIn } from '../../test-support/identity.ts'
import {
  call,
  createOrder,
  type Customer,
  expectBooksAgree,
  nextTradeNo,
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

beforeAll(async () => {
  world = await startPayWorld()
  shop = await openShop(world.app)
  zhang = await openCustomer(world.app, ZHANG.phone, ZHANG.debit, 100_000)
})

afterAll(async () => {
  await world?.close()
})

describe(`orders on ${testDatabaseKind()}`, () => {
  it('pays an order from the balance: once, with the fee, the record and the takings', async () => {
    const { app } = world
    const order = await createOrder(app, shop, 2_350)
    expect(order).toMatchObject({ status: 'NOTPAY', amountFen: 2_350 })
    expect(order.payUrl).toMatch(/^http:\/\/localhost:\d+\/pay\/o\/[\w-]{16,}$/)
    const checkout = await call(
      app,
      'GET',
      `/api/v1/pay/checkout/orders/${order.token}`,
      zhang.auth,
    )
    expect(checkout.statusCode, checkout.body).toBe(200)
    expect(checkout.json()).toMatchObject({
      channel: 'ORDER',
      amountFen: 2_350,
      merchant: { id: shop.merchantId, name: '零钱咖啡' },
      defaultMethod: { kind: 'balance' },
      methods: [{ method: { kind: 'balance' }, available: true }, { method: { kind: 'card' } }],
    })
    const paid = await payOrder(app, zhang, order.token, { kind: 'balance' }, 'order-1')
    expect(paid.statusCode, paid.body).toBe(200)
    expect(paid.json()).toMatchObject({ status: 'SUCCESS', amountFen: 2_350, channel: 'ORDER' })
    expect(paid.json().id).toMatch(/^4200\d{24}$/)
    const retry = await payOrder(app, zhang, order.token, { kind: 'balance' }, 'order-1')
    expect(retry.json().id).toBe(paid.json().id)
    const again = await payOrder(app, zhang, order.token)
    expect(again.json()).toMatchObject({ code: 'ORDER_PAID' })
    const merchantView = await call(app, 'GET', `/api/v1/merchant/orders/${order.id}`, shop.auth)
    expect(merchantView.json()).toMatchObject({ status: 'PAID', paymentId: paid.json().id })
    const payment = await call(app, 'GET', `/api/v1/merchant/payments/${paid.json().id}`, shop.auth)
    // 0.6 % of 23.50 = 0.141 → 14 fen (half up).
    expect(payment.json()).toMatchObject({
      status: 'SUCCESS',
      feeFen: 14,
      payer: { maskedName: '*伟' },
    })
    const accounts = await app.merchants.accounts(shop.merchantId)
    expect((await app.ledger.getBalance(accounts.merchant_pending.id)).postedFen).toBe(2_350 - 14)
    expect((await app.ledger.getBalance(accounts.merchant_fees.id)).postedFen).toBe(14)
    const { records } = await app.records.list(zhang.userId, {})
    expect(records[0]).toMatchObject({
      sourceKind: 'PAYMENT',
      status: 'SUCCESS',
      amountFen: 2_350,
      category: '5814',
      detail: { orderNumber: paid.json().id, merchantOrderNumber: order.outTradeNo },
    })
    const takings = await call(app, 'GET', '/api/v1/merchant/takings/today', shop.auth)
    expect(takings.json()).toMatchObject({ count: 1, grossFen: 2_350 })
    expect(
      (await call(app, 'POST', `/api/v1/merchant/orders/${order.id}/close`, shop.auth)).json(),
    ).toMatchObject({ code: 'ORDER_PAID' })
    await expectBooksAgree(app)
  })

  it('answers the same order for the same out_trade_no and content, OUT_TRADE_NO_USED otherwise', async () => {
    const { app } = world
    const body = { outTradeNo: nextTradeNo(), amountFen: 1_000, description: '蛋糕' }
    const first = await call(app, 'POST', '/api/v1/merchant/orders', shop.auth, body)
    const again = await call(app, 'POST', '/api/v1/merchant/orders', shop.auth, body)
    expect([first.statusCode, again.statusCode]).toEqual([201, 200])
    expect(again.json().id).toBe(first.json().id)
    const other = await call(app, 'POST', '/api/v1/merchant/orders', shop.auth, {
      ...body,
      amountFen: 1_001,
    })
    expect(other.json()).toMatchObject({ code: 'OUT_TRADE_NO_USED' })
    // Another merchant's order is not this merchant's to see.
    const otherShop = await openShop(app, '零钱小店')
    const foreign = await call(
      app,
      'GET',
      `/api/v1/merchant/orders/${first.json().id}`,
      otherShop.auth,
    )
    expect(foreign.statusCode).toBe(404)
  })

  it('refuses a closed order (ORDER_CLOSED) and an expired one (ORDER_EXPIRED)', async () => {
    const { app } = world
    const closed = await createOrder(app, shop, 500)
    const closing = await call(app, 'POST', `/api/v1/merchant/orders/${closed.id}/close`, shop.auth)
    expect(closing.json()).toMatchObject({ status: 'CLOSED' })
    expect((await payOrder(app, zhang, closed.token)).json()).toMatchObject({
      code: 'ORDER_CLOSED',
    })
    const expiring = await createOrder(app, shop, 500, { expiresInSeconds: 60 })
    app.clock.advanceMs(61_000)
    expect((await payOrder(app, zhang, expiring.token)).json()).toMatchObject({
      code: 'ORDER_EXPIRED',
    })
    const checkout = await call(
      app,
      'GET',
      `/api/v1/pay/checkout/orders/${expiring.token}`,
      zhang.auth,
    )
    expect(checkout.json()).toMatchObject({ code: 'ORDER_EXPIRED' })
  })

  it('pays one order from two devices at once exactly once', async () => {
    const { app } = world
    const secondDevice = await signIn(app, ZHANG.phone)
    for (let round = 0; round < 3; round++) {
      const order = await createOrder(app, shop, 1_200)
      const answers = await Promise.all([
        payOrder(app, zhang, order.token),
        payOrder(app, secondDevice, order.token),
      ])
      const codes = answers.map((answer) => answer.json().status ?? answer.json().code).sort()
      expect(codes).toEqual(['ORDER_PAID', 'SUCCESS'])
    }
    await expectBooksAgree(app)
  })

  it('says NOT_ENOUGH with what is available, frees the order, and refuses a suspended merchant', async () => {
    const { app } = world
    const order = await createOrder(app, shop, 150_000)
    const short = await payOrder(app, zhang, order.token)
    expect(short.json()).toMatchObject({
      code: 'NOT_ENOUGH',
      details: { options: ['TOP_UP', 'PAY_BY_CARD'] },
    })
    expect(short.json().details.availableFen).toBeLessThan(150_000)
    const view = await call(app, 'GET', `/api/v1/merchant/orders/${order.id}`, shop.auth)
    expect(view.json().status).toBe('NOTPAY')
    const checkout = await call(
      app,
      'GET',
      `/api/v1/pay/checkout/orders/${order.token}`,
      zhang.auth,
    )
    expect(checkout.json().methods[0]).toMatchObject({
      available: false,
      reason: { code: 'NOT_ENOUGH' },
    })
    const small = await createOrder(app, shop, 100)
    await app.merchants.changeStatus(
      { kind: 'system' },
      { merchantId: shop.merchantId, status: 'suspended', reason: 't' },
    )
    expect((await payOrder(app, zhang, small.token)).json()).toMatchObject({
      code: 'MERCHANT_SUSPENDED',
    })
    await app.merchants.changeStatus(
      { kind: 'system' },
      { merchantId: shop.merchantId, status: 'active', reason: 't' },
    )
    await expectBooksAgree(app)
  })

  it('locks payments after wrong payment passwords (PIN_LOCKED) and refuses a frozen account', async () => {
    const { app } = world
    const li = await openCustomer(app, '13800000002', '6217000000000000020', 10_000)
    const order = await createOrder(app, shop, 100)
    const wrong = { kind: 'password', password: '000000' }
    let last = ''
    for (let attempt = 0; attempt < 6 && last !== 'PIN_LOCKED'; attempt++) {
      last = (await payOrder(app, li, order.token, { kind: 'balance' }, undefined, wrong)).json()
        .code
    }
    expect(last).toBe('PIN_LOCKED')
    expect((await payOrder(app, li, order.token)).json()).toMatchObject({ code: 'PIN_LOCKED' })
    const status = (value: 'frozen' | 'normal') =>
      app.identity.setStatusByOperator({
        userId: zhang.userId,
        status: value,
        reason: 't',
        operatorId: 'op',
      })
    await status('frozen')
    const frozen = await signIn(app, ZHANG.phone)
    expect((await payOrder(app, frozen, order.token)).json()).toMatchObject({
      code: 'ACCOUNT_FROZEN',
    })
    await status('normal')
    const restored = await signIn(app, ZHANG.phone)
    expect((await payOrder(app, restored, order.token)).json()).toMatchObject({ status: 'SUCCESS' })
  })
})
