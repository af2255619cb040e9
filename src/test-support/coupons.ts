/**
 * Coupons in payment tests: a running campaign of a shop, a customer's static-code payment over
 * HTTP, and the ledger balances that show who funded what.
 */
import { expect } from 'vitest'
import type { Campaign, CampaignInput } from '../modules/coupons/index.ts'
import type { TestApp } from './app.ts'
import { call, nextKey, PIN, type Shop } from './payments.ts'

const DAY_MS = 24 * 3600_000
let campaignSequence = 0

/** A campaign running from now for a week: 满30减5, ¥50 budget, twice per customer, unless told. */
export async function startCampaign(
  app: TestApp,
  shop: Shop,
  overrides: Partial<CampaignInput> = {},
): Promise<Campaign> {
  const staffId = (await app.merchants.listStaff(shop.merchantId))[0]?.id ?? 'staff'
  const nowMs = app.clock.nowMs()
  return app.coupons.create(
    { merchantId: shop.merchantId, staffId },
    {
      creationKey: `test-campaign-${++campaignSequence}`,
      name: '满30减5',
      thresholdFen: 3_000,
      discountFen: 500,
      perUserMax: 2,
      budgetFen: 5_000,
      startsAtMs: nowMs - 1,
      endsAtMs: nowMs + 7 * DAY_MS,
      ...overrides,
    },
  )
}

export async function staticCodeOf(app: TestApp, shop: Shop): Promise<string> {
  const code = await call(app, 'GET', '/api/v1/merchant/static-code', shop.auth)
  expect(code.statusCode, code.body).toBe(200)
  return code.json().merchantCode as string
}

export function payStatic(
  app: TestApp,
  user: { auth: { authorization: string } },
  merchantCode: string,
  amountFen: number,
  payMethod: unknown = { kind: 'balance' },
  idempotencyKey = nextKey(),
) {
  return call(app, 'POST', `/api/v1/pay/merchants/${merchantCode}/payments`, user.auth, {
    idempotencyKey,
    amountFen,
    payMethod,
    method: PIN,
  })
}

/** Posted balance of a ledger account (negative for a funder that paid discounts). */
export async function postedFen(app: TestApp, accountId: number): Promise<number> {
  return (await app.ledger.getBalance(accountId)).postedFen
}

export async function balanceFen(app: TestApp, userId: string): Promise<number> {
  return postedFen(app, (await app.wallet.balanceAccount(userId)).id)
}

/** The merchant's marketing account: it funds the merchant's own discounts (goes negative). */
export async function marketingFen(app: TestApp, shop: Shop): Promise<number> {
  return postedFen(app, (await app.merchants.marketingAccount(shop.merchantId)).id)
}

export async function pendingFen(app: TestApp, shop: Shop): Promise<number> {
  return postedFen(app, (await app.merchants.accounts(shop.merchantId)).merchant_pending.id)
}
