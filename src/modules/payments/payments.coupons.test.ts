/**
 * Coupons (优惠) on payments over HTTP: the confirm page shows the best offer and what is left to
 * pay; paying claims it in the payment's transaction, the payer pays the amount less the
 * discount, the funder's leg beside the payer's makes the merchant whole; the customer's record
 * and payment show it. The budget holds under 50 concurrent payments through the confirm path
 * (exactly floor(budget / discount) discounted, the rest full price), the per-user cap holds,
 * and every failure (NOT_ENOUGH, card refused, bank down, USERPAYING cancelled) gives it back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  balanceFen,
  marketingFen,
  payStatic,
  pendingFen,
  startCampaign,
  staticCodeOf,
} from '../../test-support/coupons.ts'
import { testDatabaseKind } from '../../test-support/database.ts'
import { fundedPayer } from '../../test-support/merchant-ledger.ts'
import {
  call,
  type Customer,
  createOrder,
  expectBooksAgree,
  nextKey,
  nextTradeNo,
  openCustomer,
  openShop,
  payOrder,
  PIN,
  type PayWorld,
  startPayWorld,
  ZHANG,
} from '../../test-support/payments.ts'
import { openWalletUser, type WalletUser } from '../../test-support/wallet-user.ts'
import { feeFen } from '../merchants/index.ts'

let world: PayWorld
let zhang: Customer

beforeAll(async () => {
  world = await startPayWorld()
  zhang = await openCustomer(world.app, ZHANG.phone, ZHANG.debit, 100_000)
})

afterAll(async () => {
  await world?.close()
})

/** Pays an order with the amount the payer's page showed (PIN from the balance). */
function payOrderAsShown(
  app: PayWorld['app'],
  user: { auth: { authorization: string } },
  token: string,
  shown: { payableFen: number },
) {
  return call(app, 'POST', `/api/v1/pay/orders/${token}/payments`, user.auth, {
    idempotencyKey: nextKey(),
    payMethod: { kind: 'balance' },
    method: PIN,
    payableFen: shown.payableFen,
  })
}

async function feeOf(merchantId: string, amountFen: number): Promise<number> {
  return feeFen(amountFen, (await world.app.merchants.get(merchantId)).feeRateBp)
}

describe(`coupons on payments over HTTP on ${testDatabaseKind()}`, () => {
  it('pays a static code with a coupon: the payer pays less, the merchant gets the full amount', async () => {
    const { app } = world
    const shop = await openShop(app, '优惠咖啡')
    const campaign = await startCampaign(app, shop)
    const code = await staticCodeOf(app, shop)
    const checkout = await call(
      app,
      'GET',
      `/api/v1/pay/checkout/merchants/${code}?amountFen=4000`,
      zhang.auth,
    )
    expect(checkout.statusCode, checkout.body).toBe(200)
    expect(checkout.json().coupon).toEqual({
      campaignId: campaign.id,
      name: '满30减5',
      discountFen: 500,
      payableFen: 3_500,
      fundedBy: 'merchant',
    })
    // Below the threshold no coupon is offered, and none before an amount is typed.
    const small = await call(
      app,
      'GET',
      `/api/v1/pay/checkout/merchants/${code}?amountFen=2999`,
      zhang.auth,
    )
    expect(small.json().coupon).toBeNull()
    const blank = await call(app, 'GET', `/api/v1/pay/checkout/merchants/${code}`, zhang.auth)
    expect(blank.json().coupon).toBeNull()

    const before = await balanceFen(app, zhang.userId)
    const paid = await payStatic(app, zhang, code, 4_000, { kind: 'balance' }, 'static-coupon')
    expect(paid.statusCode, paid.body).toBe(200)
    const retried = await payStatic(app, zhang, code, 4_000, { kind: 'balance' }, 'static-coupon')
    expect(retried.json().id).toBe(paid.json().id)
    expect(paid.json()).toMatchObject({
      status: 'SUCCESS',
      amountFen: 4_000,
      discountFen: 500,
      payableFen: 3_500,
      coupon: { campaignId: campaign.id, name: '满30减5' },
    })
    expect(await balanceFen(app, zhang.userId)).toBe(before - 3_500)
    expect(await pendingFen(app, shop)).toBe(4_000 - (await feeOf(shop.merchantId, 4_000)))
    expect(await marketingFen(app, shop)).toBe(-500)
    expect((await app.coupons.get(campaign.id)).budgetUsedFen).toBe(500)

    // The ledger shows who funded the discount: the marketing account's leg beside the payer's.
    const transfer = await app.ledger.findTransferByKey(`pay:${paid.json().id}`)
    expect(transfer).toBeDefined()
    const marketing = await app.merchants.marketingAccount(shop.merchantId)
    expect(transfer?.legs).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ debitAccountId: marketing.id, amountFen: 500 }),
        expect.objectContaining({ amountFen: 3_500 }),
      ]),
    )

    // The customer's record: what they paid, and "优惠 −¥5.00 (满30减5)".
    const records = await call(app, 'GET', '/api/v1/me/records?sourceKind=PAYMENT', zhang.auth)
    const record = records
      .json()
      .records.find((entry: { sourceId: string }) => entry.sourceId === paid.json().id)
    expect(record).toMatchObject({ amountFen: 3_500, direction: 'out' })
    const detail = await call(app, 'GET', `/api/v1/me/records/${record.id}`, zhang.auth)
    expect(detail.json().detail).toMatchObject({
      amountFen: 3_500,
      originalAmountFen: 4_000,
      discountFen: 500,
      couponName: '满30减5',
    })
    expect(JSON.stringify(detail.json().detail.lines)).toContain('−¥5.00 (满30减5)')
    // The merchant sees the discount on its payment too.
    const mine = await call(app, 'GET', `/api/v1/merchant/payments/${paid.json().id}`, shop.auth)
    expect(mine.json()).toMatchObject({ amountFen: 4_000, discountFen: 500 })
    await expectBooksAgree(app)
  })

  it('pays an order by card with a coupon: the bank is charged the amount less the discount', async () => {
    const { app, bank } = world
    const shop = await openShop(app, '优惠面包')
    const campaign = await startCampaign(app, shop, {
      name: '满50减8',
      thresholdFen: 5_000,
      discountFen: 800,
    })
    const order = await createOrder(app, shop, 6_000)
    const checkout = await call(
      app,
      'GET',
      `/api/v1/pay/checkout/orders/${order.token}`,
      zhang.auth,
    )
    expect(checkout.json().coupon).toMatchObject({ discountFen: 800, payableFen: 5_200 })
    const cardBefore = Number((await bank.admin('GET', `/admin/cards/${ZHANG.debit}`)).balanceFen)
    const paid = await payOrder(app, zhang, order.token, { kind: 'card', cardId: zhang.cardId })
    expect(paid.json(), paid.body).toMatchObject({
      status: 'SUCCESS',
      amountFen: 6_000,
      payableFen: 5_200,
    })
    const cardAfter = Number((await bank.admin('GET', `/admin/cards/${ZHANG.debit}`)).balanceFen)
    expect(cardBefore - cardAfter).toBe(5_200)
    expect(await pendingFen(app, shop)).toBe(6_000 - (await feeOf(shop.merchantId, 6_000)))
    expect(await marketingFen(app, shop)).toBe(-800)
    expect((await app.coupons.get(campaign.id)).budgetUsedFen).toBe(800)
    await expectBooksAgree(app)
  })

  it('never spends more than the budget under 50 concurrent payments through the confirm path', async () => {
    const { app } = world
    const shop = await openShop(app, '预算商店')
    // ¥52 of ¥5 discounts: exactly 10 fit (floor(5200 / 500)); the other 40 are told the amount
    // changed and pay the full price once they confirm it.
    const campaign = await startCampaign(app, shop, { budgetFen: 5_200, perUserMax: 100 })
    const phones = ['13800000002', '13800000005', '13800000007', '13800000008', '13800000009']
    const payers: WalletUser[] = []
    for (const phone of phones) {
      const payer = await openWalletUser(app, phone)
      await fundedPayer(app, payer.userId, 40_000)
      payers.push(payer)
    }
    const orders = await Promise.all(
      Array.from({ length: 50 }, () => createOrder(app, shop, 3_000)),
    )
    // Every payer saw ¥25.00 to pay (the checkout's offer) and confirmed that.
    const shown = { payableFen: 2_500 }
    const answers = await Promise.all(
      orders.map((order, index) =>
        payOrderAsShown(app, payers[index % payers.length]!, order.token, shown),
      ),
    )
    const discounted = answers.filter((answer) => answer.statusCode === 200)
    const refused = answers.filter((answer) => answer.statusCode !== 200)
    expect(discounted).toHaveLength(10)
    for (const answer of discounted) {
      expect(answer.json()).toMatchObject({ status: 'SUCCESS', discountFen: 500 })
    }
    // The other 40 were never charged more than they confirmed: refused, the new amount named.
    expect(refused).toHaveLength(40)
    for (const answer of refused) {
      expect(answer.statusCode, answer.body).toBe(409)
      expect(answer.json()).toMatchObject({
        code: 'PAYABLE_CHANGED',
        details: { payableFen: 3_000 },
      })
    }
    // They confirm the full price and pay it.
    const refusedOrders = orders.filter((_, index) => answers[index]!.statusCode !== 200)
    const fullPrice = await Promise.all(
      refusedOrders.map((order, index) =>
        payOrderAsShown(app, payers[index % payers.length]!, order.token, { payableFen: 3_000 }),
      ),
    )
    const payments = [...discounted, ...fullPrice].map((answer) => {
      expect(answer.statusCode, answer.body).toBe(200)
      return answer.json() as { status: string; discountFen: number; payableFen: number }
    })
    expect(payments.every((payment) => payment.status === 'SUCCESS')).toBe(true)
    expect(payments.filter((payment) => payment.discountFen === 500)).toHaveLength(10)
    expect(payments.filter((payment) => payment.discountFen === 0)).toHaveLength(40)
    // The console's coupon page: budget used and left, and how many payments redeemed one.
    const listed = await call(app, 'GET', '/api/v1/merchant/coupons', shop.auth)
    expect(listed.json().campaigns).toEqual([
      expect.objectContaining({
        id: campaign.id,
        budgetUsedFen: 5_000,
        budgetRemainingFen: 200,
        redemptions: 10,
      }),
    ])
    let paidFen = 0
    for (const payer of payers) paidFen += 40_000 - (await balanceFen(app, payer.userId))
    expect(paidFen).toBe(10 * 2_500 + 40 * 3_000)
    expect(await marketingFen(app, shop)).toBe(-5_000)
    expect(await pendingFen(app, shop)).toBe(50 * (3_000 - (await feeOf(shop.merchantId, 3_000))))
    await expectBooksAgree(app)
  })

  it('refuses to charge other than the amount the page showed, and charges nothing', async () => {
    const { app } = world
    const shop = await openShop(app, '结束商店')
    const campaign = await startCampaign(app, shop, { perUserMax: 5 })
    const order = await createOrder(app, shop, 3_000)
    const checkout = await call(
      app,
      'GET',
      `/api/v1/pay/checkout/orders/${order.token}`,
      zhang.auth,
    )
    expect(checkout.json().coupon).toMatchObject({ payableFen: 2_500 })
    // The campaign ends while the page is open: the ¥25.00 the payer confirms is no longer right.
    await app.coupons.end(shop.merchantId, campaign.id)
    const before = await balanceFen(app, zhang.userId)
    const refused = await payOrderAsShown(app, zhang, order.token, { payableFen: 2_500 })
    expect(refused.statusCode, refused.body).toBe(409)
    expect(refused.json()).toMatchObject({
      code: 'PAYABLE_CHANGED',
      details: { payableFen: 3_000 },
    })
    expect(await balanceFen(app, zhang.userId)).toBe(before)
    const paid = await payOrderAsShown(app, zhang, order.token, { payableFen: 3_000 })
    expect(paid.json()).toMatchObject({ status: 'SUCCESS', discountFen: 0, payableFen: 3_000 })
    expect(await balanceFen(app, zhang.userId)).toBe(before - 3_000)
    await expectBooksAgree(app)
  })

  it("holds the per-user cap: the customer's next payment is at full price", async () => {
    const { app } = world
    const shop = await openShop(app, '限用商店')
    await startCampaign(app, shop, { perUserMax: 1 })
    const first = await payOrder(app, zhang, (await createOrder(app, shop, 3_000)).token)
    expect(first.json()).toMatchObject({ status: 'SUCCESS', discountFen: 500, payableFen: 2_500 })
    const next = await createOrder(app, shop, 3_000)
    const checkout = await call(app, 'GET', `/api/v1/pay/checkout/orders/${next.token}`, zhang.auth)
    expect(checkout.json().coupon).toBeNull()
    const second = await payOrder(app, zhang, next.token)
    expect(second.json()).toMatchObject({ status: 'SUCCESS', discountFen: 0, payableFen: 3_000 })
    await expectBooksAgree(app)
  })

  it('gives the coupon back on every failure, and a retry with the same key claims nothing', async () => {
    const { app, bank } = world
    const shop = await openShop(app, '失败商店')
    const campaign = await startCampaign(app, shop, { perUserMax: 1, budgetFen: 500 })
    const used = async () => (await app.coupons.get(campaign.id)).budgetUsedFen
    const wang = await openWalletUser(app, '13800000003')
    await fundedPayer(app, wang.userId, 1_000)
    // NOT_ENOUGH: ¥10 cannot pay ¥25.
    const order = await createOrder(app, shop, 3_000)
    const poor = await payOrder(app, wang, order.token, { kind: 'balance' }, 'coupon-poor')
    expect(poor.json().code ?? poor.json().failure?.code, poor.body).toBe('NOT_ENOUGH')
    expect(await used()).toBe(0)
    const again = await payOrder(app, wang, order.token, { kind: 'balance' }, 'coupon-poor')
    expect(again.json().code ?? again.json().failure?.code).toBe('NOT_ENOUGH')
    expect(await used()).toBe(0)

    // The card refused by the bank, then the bank down: the hold voided, the coupon back.
    await bank.admin('POST', `/admin/cards/${ZHANG.debit}`, { state: 'ONLINE_DISABLED' })
    const refused = await payOrder(app, zhang, order.token, { kind: 'card', cardId: zhang.cardId })
    expect(refused.json().code ?? refused.json().failure?.code).toBe('CARD_ONLINE_DISABLED')
    expect(await used()).toBe(0)
    await bank.admin('POST', `/admin/cards/${ZHANG.debit}`, { state: 'ACTIVE' })
    await bank.admin('POST', '/admin/faults', { bankCode: 'ICBC', mode: 'DOWN', count: 1 })
    const down = await payOrder(app, zhang, order.token, { kind: 'card', cardId: zhang.cardId })
    expect(down.json().code ?? down.json().failure?.code).toBe('BANK_UNAVAILABLE')
    expect(await used()).toBe(0)

    // A payment code waiting USERPAYING holds the coupon; cancelling it gives it back.
    const issued = await call(app, 'POST', '/api/v1/pay/payment-codes', zhang.auth)
    const collected = await call(app, 'POST', '/api/v1/merchant/code-payments', shop.auth, {
      outTradeNo: nextTradeNo(),
      authCode: issued.json().code,
      amountFen: 3_000,
      description: '收银台',
    })
    expect(collected.json(), collected.body).toMatchObject({
      status: 'USERPAYING',
      discountFen: 500,
    })
    expect(await used()).toBe(500)
    const cancelled = await call(
      app,
      'POST',
      `/api/v1/pay/pending/${collected.json().id}/cancel`,
      zhang.auth,
    )
    expect(cancelled.json().status).toBe('CLOSED')
    expect(await used()).toBe(0)

    // Still there after all that: this payment gets it.
    const paid = await payOrder(app, zhang, order.token)
    expect(paid.json()).toMatchObject({ status: 'SUCCESS', discountFen: 500 })
    expect(await used()).toBe(500)
    await expectBooksAgree(app)
  })
})
