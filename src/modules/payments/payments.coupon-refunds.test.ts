/**
 * Refunds of couponed payments over HTTP (the rule in src/modules/coupons/refund-split.ts): each
 * refund is split pro rata between the customer's part and the coupon's, partials add up exactly,
 * the customer never gets back more than they paid and the funder gets its share back (balance
 * and card). And the per-person limits: 免密 counts what the payer pays; the static code's
 * ¥500 a day and the 免密 ceiling are shared by every wallet of one real-name ID, claimed with
 * the payment (two wallets at once cannot pass them together).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demoResident } from '../../../demo/residents.ts'
import {
  balanceFen,
  marketingFen,
  payStatic,
  startCampaign,
  staticCodeOf,
} from '../../test-support/coupons.ts'
import { testDatabaseKind } from '../../test-support/database.ts'
import { signIn, type SignedIn } from '../../test-support/identity.ts'
import { fundedPayer } from '../../test-support/merchant-ledger.ts'
import {
  call,
  type Customer,
  createOrder,
  expectBooksAgree,
  nextTradeNo,
  openCustomer,
  openShop,
  payOrder,
  type PayWorld,
  PIN,
  type Shop,
  startPayWorld,
  ZHANG,
} from '../../test-support/payments.ts'

let world: PayWorld
let zhang: Customer

beforeAll(async () => {
  // A small 免密 ceiling, so two wallets of one person reach it in a few payments.
  world = await startPayWorld({
    passwordlessDailyFenMax: 5_000,
    passwordlessDailyFenDefault: 5_000,
    passwordlessPerPaymentFenMax: 5_000,
    passwordlessPerPaymentFenDefault: 3_000,
  })
  zhang = await openCustomer(world.app, ZHANG.phone, ZHANG.debit, 100_000)
})

afterAll(async () => {
  await world?.close()
})

let refundSequence = 0
async function refund(shop: Shop, paymentId: string, amountFen: number) {
  const body = { paymentId, outRefundNo: `RC-${++refundSequence}`, amountFen }
  return call(world.app, 'POST', '/api/v1/merchant/refunds', shop.auth, body)
}

let twinWallet: SignedIn | undefined

/** A second wallet of 张伟 (another phone, the same ID number), verified, PIN set. */
async function zhangsSecondWallet(): Promise<SignedIn> {
  if (twinWallet !== undefined) return twinWallet
  const { app } = world
  const resident = demoResident(ZHANG.phone)
  const signed = await signIn(app, '13912340001')
  const verified = await call(app, 'POST', '/api/v1/me/real-name', signed.auth, {
    realName: resident.name,
    idNumber: resident.idNumber,
  })
  expect(verified.statusCode, verified.body).toBe(200)
  const pin = await call(app, 'POST', '/api/v1/me/payment-password', signed.auth, {
    password: PIN.password,
  })
  expect(pin.statusCode, pin.body).toBeLessThan(300)
  twinWallet = signed
  return signed
}

async function passwordless(user: SignedIn, perPaymentFen: number, dailyFen: number) {
  const response = await call(world.app, 'PUT', '/api/v1/pay/settings', user.auth, {
    passwordless: { enabled: true, perPaymentFen, dailyFen },
    paymentPassword: PIN.password,
  })
  expect(response.statusCode, response.body).toBe(200)
}

async function collectByCode(shop: Shop, user: SignedIn, amountFen: number) {
  const issued = await call(world.app, 'POST', '/api/v1/pay/payment-codes', user.auth)
  expect(issued.statusCode, issued.body).toBe(200)
  return call(world.app, 'POST', '/api/v1/merchant/code-payments', shop.auth, {
    outTradeNo: nextTradeNo(),
    authCode: issued.json().code,
    amountFen,
    description: '收银台',
  })
}

describe(`refunds of couponed payments and per-person limits on ${testDatabaseKind()}`, () => {
  it('splits refunds pro rata: partials add up exactly, the customer gets what they paid', async () => {
    const { app } = world
    const shop = await openShop(app, '退款优惠')
    await startCampaign(app, shop)
    const paid = await payStatic(app, zhang, await staticCodeOf(app, shop), 3_999)
    expect(paid.json()).toMatchObject({ status: 'SUCCESS', discountFen: 500, payableFen: 3_499 })
    expect(await marketingFen(app, shop)).toBe(-500)
    // Coupon's share of a running total t: floor(500 × t / 3999); the customer gets the rest.
    const steps = [
      { amountFen: 1_001, customerFen: 876, marketingFen: -375 },
      { amountFen: 1_333, customerFen: 1_167, marketingFen: -209 },
      { amountFen: 1_665, customerFen: 1_456, marketingFen: 0 },
    ]
    let back = 0
    for (const step of steps) {
      const before = await balanceFen(app, zhang.userId)
      const refunded = await refund(shop, paid.json().id, step.amountFen)
      expect(refunded.json(), refunded.body).toMatchObject({ status: 'SUCCESS' })
      expect((await balanceFen(app, zhang.userId)) - before).toBe(step.customerFen)
      expect(await marketingFen(app, shop)).toBe(step.marketingFen)
      back += step.customerFen
    }
    expect(back).toBe(3_499)
    const tooMuch = await refund(shop, paid.json().id, 1)
    expect(tooMuch.json().code).toBe('REFUND_AMOUNT_EXCEEDS')
    const payment = await call(app, 'GET', `/api/v1/pay/payments/${paid.json().id}`, zhang.auth)
    expect(payment.json()).toMatchObject({ refundStatus: 'FULL', refundedFen: 3_999 })
    // The customer's records: each refund says what came back to them.
    const records = await call(app, 'GET', '/api/v1/me/records?sourceKind=REFUND', zhang.auth)
    const amounts = records
      .json()
      .records.slice(0, 3)
      .map((r: { amountFen: number }) => r.amountFen)
    expect(amounts.sort((a: number, b: number) => a - b)).toEqual([876, 1_167, 1_456])
    await expectBooksAgree(app)
  })

  it('refunds a couponed card payment: the bank gets the customer part, the funder its share', async () => {
    const { app, bank } = world
    const shop = await openShop(app, '退款卡优惠')
    await startCampaign(app, shop, { thresholdFen: 5_000, discountFen: 800 })
    const cardFen = async () =>
      Number((await bank.admin('GET', `/admin/cards/${ZHANG.debit}`)).balanceFen)
    const start = await cardFen()
    const order = await createOrder(app, shop, 6_000)
    const paid = await payOrder(app, zhang, order.token, { kind: 'card', cardId: zhang.cardId })
    expect(paid.json(), paid.body).toMatchObject({ status: 'SUCCESS', payableFen: 5_200 })
    const half = await refund(shop, paid.json().id, 3_000)
    expect(half.json(), half.body).toMatchObject({ status: 'SUCCESS' })
    expect((await cardFen()) - (start - 5_200)).toBe(2_600)
    expect(await marketingFen(app, shop)).toBe(-400)
    const rest = await refund(shop, paid.json().id, 3_000)
    expect(rest.json(), rest.body).toMatchObject({ status: 'SUCCESS' })
    expect(await cardFen()).toBe(start)
    expect(await marketingFen(app, shop)).toBe(0)
    await expectBooksAgree(app)
  })

  it('counts what the payer pays against 免密, and one 免密 ceiling for every wallet of an ID', async () => {
    const { app } = world
    const shop = await openShop(app, '免密优惠')
    await startCampaign(app, shop, { perUserMax: 5, budgetFen: 100_000 })
    await passwordless(zhang, 3_000, 5_000)
    // ¥34 less ¥5 is ¥29: within the ¥30 per payment, so it is paid at once without the PIN.
    const quick = await collectByCode(shop, zhang, 3_400)
    expect(quick.json(), quick.body).toMatchObject({
      status: 'SUCCESS',
      amountFen: 3_400,
      discountFen: 500,
    })
    const settings = await call(app, 'GET', '/api/v1/pay/settings', zhang.auth)
    expect(settings.json().passwordless.usedTodayFen).toBe(2_900)
    // The same person's other wallet: its own limit has room, the person's ¥50 ceiling does not.
    const twin = await zhangsSecondWallet()
    await fundedPayer(app, twin.userId, 10_000)
    await passwordless(twin, 3_000, 5_000)
    const waits = await collectByCode(shop, twin, 3_000)
    expect(waits.json(), waits.body).toMatchObject({ status: 'USERPAYING', discountFen: 500 })
    await call(app, 'POST', `/api/v1/pay/pending/${waits.json().id}/cancel`, twin.auth)
    await expectBooksAgree(app)
  })

  it("shares the static code's ¥500 a day between two wallets of one ID, claimed atomically", async () => {
    const { app } = world
    const shop = await openShop(app, '收款码限额')
    const code = await staticCodeOf(app, shop)
    const twin = await zhangsSecondWallet()
    await fundedPayer(app, twin.userId, 60_000)
    // 张伟 paid a static code earlier today (the refund test): leave the person ¥200.
    const start = await call(app, 'GET', `/api/v1/pay/checkout/merchants/${code}`, zhang.auth)
    const first = await payStatic(app, zhang, code, start.json().limit.remainingFen - 20_000)
    expect(first.json(), first.body).toMatchObject({ status: 'SUCCESS' })
    const checkout = await call(app, 'GET', `/api/v1/pay/checkout/merchants/${code}`, twin.auth)
    expect(checkout.json().limit).toMatchObject({ rule: 'STATIC_QR_DAILY', remainingFen: 20_000 })
    const over = await payStatic(app, twin, code, 30_000)
    expect(over.json()).toMatchObject({
      code: 'LIMIT_EXCEEDED',
      details: { rule: 'STATIC_QR_DAILY', remainingFen: 20_000 },
    })
    // ¥200 left for the person: of two ¥150 payments at once (one per wallet), one passes.
    const both = await Promise.all([
      payStatic(app, zhang, code, 15_000),
      payStatic(app, twin, code, 15_000),
    ])
    const succeeded = both.filter((answer) => answer.json().status === 'SUCCESS')
    const refused = both.filter((answer) => answer.json().code === 'LIMIT_EXCEEDED')
    expect([succeeded.length, refused.length]).toEqual([1, 1])
    const again = await call(app, 'GET', `/api/v1/pay/checkout/merchants/${code}`, twin.auth)
    expect(again.json().limit).toMatchObject({ remainingFen: 5_000 })
    await expectBooksAgree(app)
  })
})
