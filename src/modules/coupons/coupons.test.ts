/**
 * Coupons: the best eligible campaign, dates, the per-user cap, release, and the budget never
 * exceeded under 50 concurrent payments (each redeeming in its own transaction, then booking the
 * payment with the funder's leg). The merchant-funded discounts are netted at settlement; the
 * ledger check stays clean.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { shanghaiDate, shanghaiDayRangeMs } from '../../shared/shanghai-time.ts'
import { createTestApp, type TestApp } from '../../test-support/app.ts'
import { testDatabaseKind } from '../../test-support/database.ts'
import { fundedPayer } from '../../test-support/merchant-ledger.ts'
import { feeFen } from '../merchants/index.ts'
import type { Campaign, CampaignInput } from './index.ts'

const DAY_MS = 24 * 3600_000
let app: TestApp
let merchantId: string
let staffId: string

beforeAll(async () => {
  app = await createTestApp()
  const { merchant } = await app.merchants.onboard(
    { kind: 'system' },
    {
      creationKey: 'coupons:shop',
      legalName: '优惠测试有限公司',
      storeName: '优惠测试',
      category: '5411',
      settlementCardNumber: '6222020000000000018',
    },
  )
  merchantId = merchant.id
  staffId = (await app.merchants.listStaff(merchantId))[0]?.id ?? 'staff'
})

afterAll(async () => {
  await app.close()
})

function campaignInput(overrides: Partial<CampaignInput>): CampaignInput {
  const nowMs = app.clock.nowMs()
  return {
    creationKey: `k${Math.random().toString(36).slice(2, 10)}`,
    name: '满30减5',
    thresholdFen: 3_000,
    discountFen: 500,
    perUserMax: 2,
    budgetFen: 5_000,
    startsAtMs: nowMs - 1,
    endsAtMs: nowMs + 7 * DAY_MS,
    ...overrides,
  }
}

const create = (overrides: Partial<CampaignInput> = {}) =>
  app.coupons.create({ merchantId, staffId }, campaignInput(overrides))

function redeemInTransaction(campaign: Campaign, paymentId: string, userId: string) {
  return app.database.db
    .transaction()
    .execute((trx) =>
      app.coupons.redeem(
        { campaignId: campaign.id, paymentId, userId, discountFen: campaign.discountFen },
        trx,
      ),
    )
}

describe(`coupons on ${testDatabaseKind()}`, () => {
  it('offers the best eligible campaign, inside its dates and over its threshold', async () => {
    const small = await create({ name: '满30减5' })
    const big = await create({ name: '满100减20', thresholdFen: 10_000, discountFen: 2_000 })
    const later = await create({
      name: '明天开始',
      discountFen: 2_900,
      startsAtMs: app.clock.nowMs() + DAY_MS,
      endsAtMs: app.clock.nowMs() + 2 * DAY_MS,
    })
    const at = { merchantId, userId: 'u_best', atMs: app.clock.nowMs() }
    expect(await app.coupons.bestFor({ ...at, amountFen: 2_999 })).toBeNull()
    expect((await app.coupons.bestFor({ ...at, amountFen: 3_000 }))?.campaignId).toBe(small.id)
    expect(await app.coupons.bestFor({ ...at, amountFen: 10_000 })).toMatchObject({
      campaignId: big.id,
      discountFen: 2_000,
      fundedBy: 'merchant',
    })
    expect(
      (await app.coupons.bestFor({ ...at, amountFen: 3_000, atMs: at.atMs + DAY_MS }))?.campaignId,
    ).toBe(later.id)
    await expect(redeemInTransaction(later, 'pay_early', 'u_best')).rejects.toMatchObject({
      code: 'COUPON_NOT_ACTIVE',
    })
    await app.coupons.end(merchantId, big.id)
    await app.coupons.end(merchantId, big.id)
    expect((await app.coupons.bestFor({ ...at, amountFen: 10_000 }))?.campaignId).toBe(small.id)
    await expect(redeemInTransaction(big, 'pay_ended', 'u_best')).rejects.toMatchObject({
      code: 'COUPON_NOT_ACTIVE',
    })
    const afterEnd = { ...at, amountFen: 3_000, atMs: at.atMs + 8 * DAY_MS }
    expect(await app.coupons.bestFor(afterEnd)).toBeNull()
    for (const campaign of [small, later]) await app.coupons.end(merchantId, campaign.id)
  })

  it('refuses bad campaigns with stable codes and creates once per key', async () => {
    await expect(create({ discountFen: 3_000 })).rejects.toMatchObject({ code: 'INVALID_REQUEST' })
    await expect(create({ budgetFen: 499 })).rejects.toMatchObject({ code: 'INVALID_REQUEST' })
    await expect(create({ endsAtMs: app.clock.nowMs() - 1 })).rejects.toMatchObject({
      code: 'INVALID_REQUEST',
    })
    await expect(create({ perUserMax: 0 })).rejects.toMatchObject({ code: 'INVALID_REQUEST' })
    const input = campaignInput({ creationKey: 'once' })
    const first = await app.coupons.create({ merchantId, staffId }, input)
    const again = await app.coupons.create({ merchantId, staffId }, input)
    expect(again.id).toBe(first.id)
    await app.coupons.end(merchantId, first.id)
  })

  it('holds the per-user cap, and gives a failed payment its coupon back once', async () => {
    const campaign = await create({ perUserMax: 2, budgetFen: 100_000 })
    await redeemInTransaction(campaign, 'cap1', 'u_cap')
    await redeemInTransaction(campaign, 'cap2', 'u_cap')
    await expect(redeemInTransaction(campaign, 'cap3', 'u_cap')).rejects.toMatchObject({
      code: 'COUPON_USER_LIMIT',
    })
    expect(
      await app.coupons.bestFor({
        merchantId,
        userId: 'u_cap',
        amountFen: 5_000,
        atMs: app.clock.nowMs(),
      }),
    ).toBeNull()
    expect(await app.coupons.release('cap2')).toBe(501)
    expect(await app.coupons.release('cap2')).toBe(0)
    await redeemInTransaction(campaign, 'cap3', 'u_cap')
    expect((await app.coupons.get(campaign.id)).budgetUsedFen).toBe(1_000)
    await app.coupons.end(merchantId, campaign.id)
  })

  it('never spends more than the budget under 50 concurrent payments; settlement nets it', async () => {
    const campaign = await create({ name: '预算测试', budgetFen: 5_000, perUserMax: 1 })
    const payers = await Promise.all(
      Array.from({ length: 50 }, (_, index) => fundedPayer(app, `u_budget_${index}`, 10_000)),
    )
    const accounts = await app.merchants.accounts(merchantId)
    const amountFen = 4_000
    const outcomes = await Promise.allSettled(
      payers.map(async (payerAccountId, index) => {
        const paymentId = `budget_${index}`
        const redemption = await redeemInTransaction(campaign, paymentId, `u_budget_${index}`)
        const leg = await app.coupons.discountLeg(redemption, accounts.merchant_pending.id)
        const fee = feeFen(amountFen, 60)
        await app.ledger.createTransfer({
          kind: 'posted',
          idempotencyKey: `pay:${paymentId}`,
          code: 'PAYMENT',
          legs: [
            {
              debitAccountId: payerAccountId,
              creditAccountId: accounts.merchant_pending.id,
              amountFen: amountFen - redemption.discountFen,
            },
            leg,
            {
              debitAccountId: accounts.merchant_pending.id,
              creditAccountId: accounts.merchant_fees.id,
              amountFen: fee,
            },
          ],
        })
      }),
    )
    const won = outcomes.filter((outcome) => outcome.status === 'fulfilled')
    expect(won).toHaveLength(10)
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') {
        expect(outcome.reason).toMatchObject({ code: 'COUPON_EXHAUSTED' })
      }
    }
    expect((await app.coupons.get(campaign.id)).budgetUsedFen).toBe(5_000)
    const marketing = await app.merchants.marketingAccount(merchantId)
    expect((await app.ledger.getBalance(marketing.id)).postedFen).toBe(-5_000)
    expect((await app.ledger.check()).problems).toEqual([])

    // Next day: the merchant's funded discounts are paid back to marketing out of its takings.
    const day = shanghaiDate(app.clock.nowMs())
    app.clock.setMs(shanghaiDayRangeMs(day).endMs + 3600_000)
    await app.settlement.run()
    const report = await app.settlement.get(merchantId, day)
    const fees = 10 * feeFen(amountFen, 60)
    expect(report).toMatchObject({
      payments: 10,
      grossFen: 10 * amountFen,
      feesFen: fees,
      netFen: 10 * amountFen - fees,
      discountsRepaidFen: 5_000,
      payoutFen: 10 * amountFen - fees - 5_000,
      carriedOutFen: 0,
    })
    expect((await app.ledger.getBalance(marketing.id)).postedFen).toBe(0)
    expect((await app.ledger.check()).problems).toEqual([])
  })

  it('books a platform-funded discount from the platform marketing account', async () => {
    const campaign = await create({ fundedBy: 'platform', creationKey: 'platform-funded' })
    const redemption = await redeemInTransaction(campaign, 'platform_pay', 'u_platform')
    expect(redemption.fundedBy).toBe('platform')
    const accounts = await app.merchants.accounts(merchantId)
    const leg = await app.coupons.discountLeg(redemption, accounts.merchant_pending.id)
    const funder = await app.ledger.getAccount(leg.debitAccountId)
    expect(funder).toMatchObject({ ownerKind: 'platform', purpose: 'marketing' })
  })
})
