/**
 * Using a coupon on a payment. `bestFor` offers the best eligible campaign (largest discount,
 * then the one ending soonest) from what the counters hold now — a view, never the check. The
 * check is `redeem`, in the payment's own transaction: the budget (by the discount) and the
 * user's cap (by one) are claimed from quota counters under their row locks together with the
 * redemption row, so 50 payments at once can never spend more than the budget; `release` gives
 * both back exactly once when the payment fails. `discountLeg` is the ledger leg that shows who
 * funded the discount: the merchant's marketing account or the platform's.
 */
import type { Transaction } from 'kysely'
import { DomainError } from '../../shared/errors.ts'
import type { TransferLeg } from '../ledger/index.ts'
import { PLATFORM_OWNER_ID } from '../platform/index.ts'
import { QuotaExceededError } from '../quota/index.ts'
import { budgetCounter, campaignRow, userCounter } from './campaigns.ts'
import type { CouponsContext } from './context.ts'
import type { CouponsTables } from './coupons-tables.ts'

export interface CouponOffer {
  campaignId: string
  name: string
  discountFen: number
  thresholdFen: number
  fundedBy: 'merchant' | 'platform'
}

export interface Redemption {
  campaignId: string
  paymentId: string
  userId: string
  discountFen: number
  fundedBy: 'merchant' | 'platform'
}

const CANDIDATES_MAX = 50
const budgetClaim = (paymentId: string) => `coupon:${paymentId}:budget`
const userClaim = (paymentId: string) => `coupon:${paymentId}:user`

export async function bestFor(
  ctx: CouponsContext,
  request: { merchantId: string; userId: string; amountFen: number; atMs: number },
): Promise<CouponOffer | null> {
  const at = new Date(request.atMs)
  const rows = await ctx.db
    .selectFrom('coupon_campaigns')
    .selectAll()
    .where('merchant_id', '=', request.merchantId)
    .where('status', '=', 'active')
    .where('starts_at', '<=', at)
    .where('ends_at', '>', at)
    .where('threshold_fen', '<=', request.amountFen)
    .orderBy('discount_fen', 'desc')
    .orderBy('ends_at')
    .orderBy('id')
    .limit(CANDIDATES_MAX)
    .execute()
  if (rows.length === 0) return null
  const used = await ctx.quota.used(
    rows.flatMap((row) => [budgetCounter(row.id), userCounter(row.id, request.userId)]),
  )
  const best = rows.find(
    (row) =>
      (used.get(budgetCounter(row.id)) ?? 0) + Number(row.discount_fen) <= Number(row.budget_fen) &&
      (used.get(userCounter(row.id, request.userId)) ?? 0) < Number(row.per_user_max),
  )
  if (best === undefined) return null
  return {
    campaignId: best.id,
    name: best.name,
    discountFen: Number(best.discount_fen),
    thresholdFen: Number(best.threshold_fen),
    fundedBy: best.funded_by as CouponOffer['fundedBy'],
  }
}

/**
 * Claims the coupon for the payment inside `trx` (the payment's transaction): all or nothing
 * with the payment's own rows. A replay with the same payment id claims nothing again.
 */
export async function redeem(
  ctx: CouponsContext,
  request: {
    campaignId: string
    paymentId: string
    userId: string
    discountFen: number
    amountFen?: number
  },
  trx: Transaction<CouponsTables>,
): Promise<Redemption> {
  const campaign = await campaignRow(ctx, request.campaignId, trx)
  const nowMs = ctx.clock.nowMs()
  const running =
    campaign.status === 'active' &&
    new Date(campaign.starts_at).getTime() <= nowMs &&
    nowMs < new Date(campaign.ends_at).getTime()
  if (!running) throw new DomainError('COUPON_NOT_ACTIVE', { campaignId: campaign.id })
  if (
    request.discountFen !== Number(campaign.discount_fen) ||
    (request.amountFen !== undefined && request.amountFen < Number(campaign.threshold_fen))
  ) {
    throw new DomainError('COUPON_NOT_APPLICABLE', {
      thresholdFen: Number(campaign.threshold_fen),
      discountFen: Number(campaign.discount_fen),
    })
  }
  await claimCoupon(ctx, campaign, request, trx)
  await trx
    .insertInto('coupon_redemptions')
    .values({
      payment_id: request.paymentId,
      campaign_id: campaign.id,
      user_id: request.userId,
      discount_fen: request.discountFen,
      status: 'claimed',
      created_at: new Date(nowMs),
      released_at: null,
    })
    .onConflict((conflict) => conflict.column('payment_id').doNothing())
    .execute()
  return {
    campaignId: campaign.id,
    paymentId: request.paymentId,
    userId: request.userId,
    discountFen: request.discountFen,
    fundedBy: campaign.funded_by as Redemption['fundedBy'],
  }
}

/** Budget by the discount and the user's cap by one, under the counters' locks, in `trx`. */
async function claimCoupon(
  ctx: CouponsContext,
  campaign: { id: string; budget_fen: number; per_user_max: number },
  request: { paymentId: string; userId: string; discountFen: number },
  trx: Transaction<CouponsTables>,
): Promise<void> {
  try {
    await ctx.quota.claim(
      [
        {
          claimId: budgetClaim(request.paymentId),
          counterKey: budgetCounter(campaign.id),
          amount: request.discountFen,
          limit: Number(campaign.budget_fen),
        },
        {
          claimId: userClaim(request.paymentId),
          counterKey: userCounter(campaign.id, request.userId),
          amount: 1,
          limit: Number(campaign.per_user_max),
        },
      ],
      trx,
    )
  } catch (error) {
    if (!(error instanceof QuotaExceededError)) throw error
    if (error.counterKey === budgetCounter(campaign.id)) {
      throw new DomainError('COUPON_EXHAUSTED', { campaignId: campaign.id })
    }
    throw new DomainError('COUPON_USER_LIMIT', { perUserMax: Number(campaign.per_user_max) })
  }
}

/** The payment failed: budget and cap back, exactly once (a repeat gives nothing). */
export async function release(
  ctx: CouponsContext,
  paymentId: string,
  executor?: Transaction<CouponsTables>,
): Promise<number> {
  const work = async (trx: Transaction<CouponsTables>) => {
    const released = await trx
      .updateTable('coupon_redemptions')
      .set({ status: 'released', released_at: new Date(ctx.clock.nowMs()) })
      .where('payment_id', '=', paymentId)
      .where('status', '=', 'claimed')
      .executeTakeFirst()
    if (released.numUpdatedRows === 0n) return 0
    return ctx.quota.release([budgetClaim(paymentId), userClaim(paymentId)], trx)
  }
  return executor === undefined ? ctx.db.transaction().execute(work) : work(executor)
}

/** The leg [funder → merchant_pending: discount] for the payment's ledger transfer. */
export async function discountLeg(
  ctx: CouponsContext,
  redemption: { campaignId: string; discountFen: number },
  merchantPendingAccountId: number,
): Promise<TransferLeg> {
  const campaign = await campaignRow(ctx, redemption.campaignId)
  const funder =
    campaign.funded_by === 'platform'
      ? await ctx.ledger.findAccount({
          ownerKind: 'platform',
          ownerId: PLATFORM_OWNER_ID,
          purpose: 'marketing',
          currency: 'CNY',
        })
      : await ctx.merchants.marketingAccount(campaign.merchant_id)
  if (funder === undefined) throw new Error('the platform marketing account is missing')
  return {
    debitAccountId: funder.id,
    creditAccountId: merchantPendingAccountId,
    amountFen: redemption.discountFen,
  }
}

export async function redemptionFor(ctx: CouponsContext, paymentId: string) {
  return ctx.db
    .selectFrom('coupon_redemptions')
    .selectAll()
    .where('payment_id', '=', paymentId)
    .executeTakeFirst()
}
