/**
 * @module coupons
 * Coupons (优惠): merchants' campaigns (amount off over a threshold, per-user cap, total budget,
 * dates; funded by the merchant's marketing account or by the platform), the best eligible
 * offer for a payment, and redemption claimed atomically in the payment's transaction (quota
 * counters), so the budget is never exceeded under concurrent payments.
 *
 * @example
 * const coupons = createCouponsService({ db, clock, ledger, merchants })
 * const offer = await coupons.bestFor({ merchantId, userId, amountFen, atMs: clock.nowMs() })
 * await db.transaction().execute(async (trx) => {
 *   await coupons.redeem({ campaignId: offer.campaignId, paymentId, userId,
 *     discountFen: offer.discountFen }, trx)
 *   // … the payment's own rows
 * })
 * const leg = await coupons.discountLeg(offer, pending.id) // [funder → merchant_pending]
 * await coupons.release(paymentId) // when the payment fails
 */
import type { Transaction } from 'kysely'
import type { Clock } from '../../adapters/clock/index.ts'
import type { Db } from '../../adapters/db/index.ts'
import type { Ledger } from '../ledger/index.ts'
import type { MerchantsService } from '../merchants/index.ts'
import { createQuota } from '../quota/index.ts'
import {
  type CampaignInput,
  createCampaign,
  endCampaign,
  getCampaign,
  listCampaigns,
} from './campaigns.ts'
import {
  type CouponRules,
  type CouponsContext,
  type CouponsDb,
  DEFAULT_COUPON_RULES,
} from './context.ts'
import type { CouponsTables } from './coupons-tables.ts'
import { bestFor, discountLeg, redeem, redemptionFor, release } from './redemption.ts'

export {
  type Campaign,
  CAMPAIGN_LIST_MAX,
  CAMPAIGN_NAME_LENGTH_MAX,
  type CampaignInput,
  FUNDERS,
  type Funder,
  PER_USER_MAX_LIMIT,
} from './campaigns.ts'
export { type CouponRules, DEFAULT_COUPON_RULES } from './context.ts'
export type { CouponOffer, Redemption } from './redemption.ts'
export { couponBackFen, couponShareFen } from './refund-split.ts'

export interface CouponsDependencies {
  db: Db
  clock: Clock
  ledger: Ledger
  merchants: MerchantsService
  rules?: Partial<CouponRules>
}

export function createCouponsService(deps: CouponsDependencies) {
  const ctx: CouponsContext = {
    db: deps.db as CouponsDb,
    clock: deps.clock,
    ledger: deps.ledger,
    merchants: deps.merchants,
    quota: createQuota({ db: deps.db, clock: deps.clock }),
    rules: { ...DEFAULT_COUPON_RULES, ...deps.rules },
  }
  /** The caller's transaction, whatever its table view. */
  const asTrx = (trx: Transaction<any>) => trx as unknown as Transaction<CouponsTables>
  return {
    create: (actor: { merchantId: string; staffId: string }, input: CampaignInput) =>
      createCampaign(ctx, actor, input),
    list: (merchantId: string) => listCampaigns(ctx, merchantId),
    get: (campaignId: string) => getCampaign(ctx, campaignId),
    end: (merchantId: string, campaignId: string) => endCampaign(ctx, merchantId, campaignId),
    bestFor: (request: { merchantId: string; userId: string; amountFen: number; atMs: number }) =>
      bestFor(ctx, request),
    redeem: (
      request: {
        campaignId: string
        paymentId: string
        userId: string
        discountFen: number
        amountFen?: number
      },
      trx: Transaction<any>,
    ) => redeem(ctx, request, asTrx(trx)),
    release: (paymentId: string, trx?: Transaction<any>) =>
      release(ctx, paymentId, trx === undefined ? undefined : asTrx(trx)),
    discountLeg: (
      redemption: { campaignId: string; discountFen: number },
      merchantPendingAccountId: number,
    ) => discountLeg(ctx, redemption, merchantPendingAccountId),
    redemptionFor: (paymentId: string) => redemptionFor(ctx, paymentId),
  }
}

export type CouponsService = ReturnType<typeof createCouponsService>
