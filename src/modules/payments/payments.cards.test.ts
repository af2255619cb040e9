/**
 * Static codes (收款码) and card payments over HTTP: the D-level ¥500/day limit held under
 * parallel payments (LIMIT_EXCEEDED names the rule, what is left and when it resets); a bound
 * card charged through the bank simulator, its refusals (BANK_LIMIT_EXCEEDED with the limit,
 * CARD_ONLINE_DISABLED shown on the next checkout, BANK_UNAVAILABLE), and a bank timeout left
 * PROCESSING and settled by the job from the bank's own record.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDatabaseKind } from '../../test-support/database.ts'
import { bindCard } from '../../test-support/wallet-user.ts'
import {
  call,
  createOrder,
  type Customer,
  expectBooksAgree,
  nextKey,
  openCustomer,
  openShop,
  payOrder,
  PIN,
  type PayWorld,
  type Shop,
  startPayWorld,
  ZHANG,
} from '../../test-support/payments.ts'

const CCB_LIMITED = '4367420000000000019' // ¥500 per debit, ¥1,000 a day

let world: PayWorld
let shop: Shop
let zhang: Customer
let merchantCode: string

beforeAll(async () => {
  world = await startPayWorld()
  shop = await openShop(world.app)
  zhang = await openCustomer(world.app, ZHANG.phone, ZHANG.debit, 100_000)
  merchantCode = (await call(world.app, 'GET', '/api/v1/merchant/static-code', shop.auth)).json()
    .merchantCode
})

afterAll(async () => {
  await world?.close()
})

function payStatic(amountFen: number, payMethod: unknown = { kind: 'balance' }, note?: string) {
  return call(world.app, 'POST', `/api/v1/pay/merchants/${merchantCode}/payments`, zhang.auth, {
    idempotencyKey: nextKey(),
    amountFen,
    payMethod,
    method: PIN,
    ...(note ? { note } : {}),
  })
}

async function bankBalanceFen(cardNumber: string): Promise<number> {
  return Number((await world.bank.admin('GET', `/admin/cards/${cardNumber}`)).balanceFen)
}

describe(`static codes and cards on ${testDatabaseKind()}`, () => {
  it('charges a bound card through the bank, once', async () => {
    const { app } = world
    const before = await bankBalanceFen(ZHANG.debit)
    const order = await createOrder(app, shop, 8_800)
    const paid = await payOrder(app, zhang, order.token, { kind: 'card', cardId: zhang.cardId })
    expect(paid.json()).toMatchObject({
      status: 'SUCCESS',
      method: { kind: 'card', bankCode: 'ICBC' },
    })
    expect(await bankBalanceFen(ZHANG.debit)).toBe(before - 8_800)
    const accounts = await app.merchants.accounts(shop.merchantId)
    expect((await app.ledger.getBalance(accounts.merchant_fees.id)).postedFen).toBeGreaterThan(0)
    await expectBooksAgree(app)
  })

  it('names the bank limit, shows a refused card as unavailable and says BANK_UNAVAILABLE', async () => {
    const { app, bank } = world
    const limitedId = await bindCard(app, zhang, { cardNumber: CCB_LIMITED })
    const order = await createOrder(app, shop, 60_000)
    const overLimit = await payOrder(app, zhang, order.token, { kind: 'card', cardId: limitedId })
    expect(overLimit.json()).toMatchObject({
      code: 'BANK_LIMIT_EXCEEDED',
      details: { scope: 'SINGLE', limitFen: 50_000 },
    })
    const checkout = await call(
      app,
      'GET',
      `/api/v1/pay/checkout/orders/${order.token}`,
      zhang.auth,
    )
    const option = checkout
      .json()
      .methods.find((each: { method: { cardId?: string } }) => each.method.cardId === limitedId)
    expect(option).toMatchObject({ available: false, reason: { code: 'BANK_LIMIT_EXCEEDED' } })
    // The bank turns online payments off for a card already bound.
    await bank.admin('POST', `/admin/cards/${ZHANG.debit}`, { state: 'ONLINE_DISABLED' })
    const refused = await payOrder(app, zhang, order.token, { kind: 'card', cardId: zhang.cardId })
    expect(refused.json()).toMatchObject({ code: 'CARD_ONLINE_DISABLED' })
    const after = await call(app, 'GET', `/api/v1/pay/checkout/orders/${order.token}`, zhang.auth)
    const disabled = after
      .json()
      .methods.find((each: { method: { cardId?: string } }) => each.method.cardId === zhang.cardId)
    expect(disabled).toMatchObject({ available: false, reason: { code: 'CARD_ONLINE_DISABLED' } })
    await bank.admin('POST', `/admin/cards/${ZHANG.debit}`, { state: 'ACTIVE' })
    await bank.admin('POST', '/admin/faults', { bankCode: 'ICBC', mode: 'DOWN', count: 1 })
    const down = await payOrder(app, zhang, order.token, { kind: 'card', cardId: zhang.cardId })
    expect(down.json()).toMatchObject({ code: 'BANK_UNAVAILABLE' })
    expect(
      (await call(app, 'GET', `/api/v1/merchant/orders/${order.id}`, shop.auth)).json().status,
    ).toBe('NOTPAY')
    await expectBooksAgree(app)
  })

  it('leaves a bank timeout PROCESSING and settles it from the bank record in the job', async () => {
    const { app, bank } = world
    const before = await bankBalanceFen(ZHANG.debit)
    await bank.admin('POST', '/admin/faults', {
      cardNumber: ZHANG.debit,
      mode: 'TIMEOUT_AFTER',
      count: 1,
    })
    const order = await createOrder(app, shop, 4_200)
    const pending = await payOrder(app, zhang, order.token, { kind: 'card', cardId: zhang.cardId })
    expect(pending.json()).toMatchObject({ status: 'PROCESSING' })
    const second = await payOrder(app, zhang, order.token)
    expect(second.json()).toMatchObject({ code: 'ORDER_PAID', details: { status: 'USERPAYING' } })
    app.clock.advanceMs(60_000)
    await app.jobs.runDueJobs()
    const settled = await call(app, 'GET', `/api/v1/pay/payments/${pending.json().id}`, zhang.auth)
    expect(settled.json()).toMatchObject({ status: 'SUCCESS' })
    expect(await bankBalanceFen(ZHANG.debit)).toBe(before - 4_200)
    expect(
      (await call(app, 'GET', `/api/v1/merchant/orders/${order.id}`, shop.auth)).json().status,
    ).toBe('PAID')
    // A timeout before the bank booked it: re-sent by the job (idempotent at the bank), once.
    await bank.admin('POST', '/admin/faults', {
      cardNumber: ZHANG.debit,
      mode: 'TIMEOUT_BEFORE',
      count: 1,
    })
    const another = await createOrder(app, shop, 1_100)
    const waiting = await payOrder(app, zhang, another.token, {
      kind: 'card',
      cardId: zhang.cardId,
    })
    expect(waiting.json()).toMatchObject({ status: 'PROCESSING' })
    app.clock.advanceMs(60_000)
    await app.jobs.runDueJobs()
    const resent = await call(app, 'GET', `/api/v1/pay/payments/${waiting.json().id}`, zhang.auth)
    expect(resent.json()).toMatchObject({ status: 'SUCCESS' })
    expect(await bankBalanceFen(ZHANG.debit)).toBe(before - 4_200 - 1_100)
    await expectBooksAgree(app)
  })
  it('holds the static code limit of ¥500 a day under parallel payments', async () => {
    const { app } = world
    const checkout = await call(
      app,
      'GET',
      `/api/v1/pay/checkout/merchants/${merchantCode}?amountFen=1000`,
      zhang.auth,
    )
    expect(checkout.json()).toMatchObject({
      channel: 'STATIC',
      amountFen: 1_000,
      limit: { rule: 'STATIC_QR_DAILY', limitFen: 50_000, remainingFen: 50_000 },
    })
    const first = await payStatic(1_000, { kind: 'balance' }, '两杯咖啡')
    expect(first.json()).toMatchObject({ status: 'SUCCESS', note: '两杯咖啡', channel: 'STATIC' })
    const answers = await Promise.all(Array.from({ length: 8 }, () => payStatic(7_000)))
    const outcomes = answers.map((answer) => answer.json().status ?? answer.json().code)
    expect(outcomes.filter((outcome) => outcome === 'SUCCESS')).toHaveLength(7)
    const refused = answers.find((answer) => answer.json().code === 'LIMIT_EXCEEDED')?.json()
    expect(refused?.details).toMatchObject({
      rule: 'STATIC_QR_DAILY',
      limitFen: 50_000,
      remainingFen: 0,
    })
    expect(refused?.details.resetsAtMs).toBeGreaterThan(app.clock.nowMs())
    // A failed payment gives its share back: the day's total stays exactly ¥500.
    const left = await call(
      app,
      'GET',
      `/api/v1/pay/checkout/merchants/${merchantCode}`,
      zhang.auth,
    )
    expect(left.json().limit.remainingFen).toBe(0)
    app.clock.advanceMs(24 * 3600_000)
    expect((await payStatic(1_000)).json()).toMatchObject({ status: 'SUCCESS' })
    await expectBooksAgree(app)
  })
})
