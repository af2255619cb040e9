/**
 * Settlement of real payments (the payments module over HTTP): orders paid from the balance and
 * from a card the same day settle the next day to gross − fees on the merchant's card, and the
 * books agree (ledger check, reconciliation with the bank covering card debits and the payout).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { shanghaiDate, shanghaiDayRangeMs } from '../../shared/shanghai-time.ts'
import { testDatabaseKind } from '../../test-support/database.ts'
import {
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
import { feeFen } from '../merchants/index.ts'

const SHOP_CARD = '6212260000000000018'
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

describe(`settlement of real payments on ${testDatabaseKind()}`, () => {
  it('settles balance and card payments of a day to the fen', async () => {
    const { app, bank } = world
    const day = shanghaiDate(app.clock.nowMs())
    const amounts = [2_350, 12_345]
    const first = await createOrder(app, shop, amounts[0] as number)
    expect((await payOrder(app, zhang, first.token)).json().status).toBe('SUCCESS')
    const second = await createOrder(app, shop, amounts[1] as number)
    const card = { kind: 'card', cardId: zhang.cardId }
    const paid = await payOrder(app, zhang, second.token, card)
    expect(paid.json().status, paid.body).toBe('SUCCESS')
    const cardBefore = Number((await bank.admin('GET', `/admin/cards/${SHOP_CARD}`)).balanceFen)

    app.clock.setMs(shanghaiDayRangeMs(day).endMs + 1_800_000)
    await app.jobs.runDueJobs()
    const fees = amounts.reduce((sum, amount) => sum + feeFen(amount, 60), 0)
    const report = await app.settlement.get(shop.merchantId, day)
    expect(report).toMatchObject({
      payments: 2,
      grossFen: 2_350 + 12_345,
      refundsFen: 0,
      feesFen: fees,
      netFen: 2_350 + 12_345 - fees,
      payoutFen: 2_350 + 12_345 - fees,
      status: 'PAID',
    })
    const cardAfter = Number((await bank.admin('GET', `/admin/cards/${SHOP_CARD}`)).balanceFen)
    expect(cardAfter - cardBefore).toBe(report.payoutFen)
    await expectBooksAgree(app)
  })
})
