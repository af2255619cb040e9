/**
 * Coupons on payments (src/modules/coupons): the best eligible offer is looked up before the
 * payment's transaction (a view), then redeemed inside it (insertPayment), so the budget and the
 * per-user cap are claimed all or nothing with the payment row. The payer pays the amount less
 * the discount; the payment's ledger transfer carries the funder's leg (funder → merchant_pending)
 * beside the payer's, so the merchant receives the full amount. A payment that ends FAILED or
 * CLOSED releases its coupon in the transaction that ends it (payment-rows.ts).
 *
 * A payer is never charged more than they confirmed. When the offer is gone by the time the
 * payment is written (another payer took the budget's last discount, the cap was reached on
 * another device, the campaign ended), a payment the payer confirmed on a page is refused with
 * PAYABLE_CHANGED and nothing is charged: the page shows the new amount to confirm. Only a
 * payment code payment (the cashier's, which the payer confirms afterwards, or 免密) goes ahead
 * at the full price, since no amount was confirmed yet.
 */
import { DomainError, isDomainError } from '../../shared/errors.ts'
import type { TransferLeg } from '../ledger/index.ts'
import type { PaymentsContext, PaymentsDb } from './context.ts'
import type { PaymentRow } from './payment-rows.ts'

/** The coupon a payment is written with. */
export interface PaymentCoupon {
  campaignId: string
  name: string
  discountFen: number
  fundedBy: 'merchant' | 'platform'
  funderAccountId: number
}

const LOST_OFFER_CODES = new Set([
  'COUPON_EXHAUSTED',
  'COUPON_USER_LIMIT',
  'COUPON_NOT_ACTIVE',
  'COUPON_NOT_APPLICABLE',
  'COUPON_NOT_FOUND',
])

/** The best offer for this payer and amount now, with the account that funds it. */
export async function couponOffer(
  ctx: PaymentsContext,
  merchantId: string,
  userId: string,
  amountFen: number,
): Promise<PaymentCoupon | null> {
  const offer = await ctx.coupons.bestFor({
    merchantId,
    userId,
    amountFen,
    atMs: ctx.clock.nowMs(),
  })
  if (offer === null) return null
  const accounts = await ctx.merchants.accounts(merchantId)
  const leg = await ctx.coupons.discountLeg(offer, accounts.merchant_pending.id)
  return {
    campaignId: offer.campaignId,
    name: offer.name,
    discountFen: offer.discountFen,
    fundedBy: offer.fundedBy,
    funderAccountId: leg.debitAccountId,
  }
}

/** What the payer pays: the amount less the coupon's discount. */
export function payableFen(amountFen: number, coupon: PaymentCoupon | null): number {
  return amountFen - (coupon?.discountFen ?? 0)
}

/** The payment would charge other than what the payer's page showed: refused, nothing charged. */
export function assertPayableAsShown(shownFen: number | undefined, chargedFen: number): void {
  if (shownFen !== undefined && shownFen !== chargedFen) {
    throw new DomainError('PAYABLE_CHANGED', { payableFen: chargedFen, shownFen })
  }
}

/**
 * Runs `attempt` (one whole transaction) with the coupon the payer confirmed; when the coupon was
 * lost meanwhile, the payment is refused (PAYABLE_CHANGED with the full amount now payable).
 */
export async function withCouponOrRefuse<T>(
  coupon: PaymentCoupon | null,
  amountFen: number,
  attempt: (coupon: PaymentCoupon | null) => Promise<T>,
): Promise<T> {
  try {
    return await attempt(coupon)
  } catch (error) {
    if (coupon === null || !isDomainError(error) || !LOST_OFFER_CODES.has(error.code)) throw error
    throw new DomainError('PAYABLE_CHANGED', { payableFen: amountFen, reason: error.code })
  }
}

/**
 * Runs `attempt` (one whole transaction) with the coupon; when the coupon was lost meanwhile,
 * once more at the full price (payment codes: no amount was confirmed yet).
 */
export async function withCouponOrFullPrice<T>(
  coupon: PaymentCoupon | null,
  attempt: (coupon: PaymentCoupon | null) => Promise<T>,
): Promise<T> {
  try {
    return await attempt(coupon)
  } catch (error) {
    if (coupon === null || !isDomainError(error) || !LOST_OFFER_CODES.has(error.code)) throw error
    return attempt(null)
  }
}

/** Inside the payment's transaction: the budget and the user's cap, or a COUPON_* error. */
export async function redeemCoupon(
  ctx: PaymentsContext,
  trx: PaymentsDb,
  payment: { coupon?: PaymentCoupon | null; id: string; userId: string; amountFen: number },
): Promise<void> {
  const coupon = payment.coupon ?? null
  if (coupon === null) return
  await ctx.coupons.redeem(
    {
      campaignId: coupon.campaignId,
      paymentId: payment.id,
      userId: payment.userId,
      discountFen: coupon.discountFen,
      amountFen: payment.amountFen,
    },
    trx as never,
  )
}

export function couponColumns(coupon: PaymentCoupon | null) {
  return {
    discount_fen: coupon?.discountFen ?? 0,
    coupon_campaign_id: coupon?.campaignId ?? null,
    coupon_name: coupon?.name ?? null,
    coupon_funder_account_id: coupon?.funderAccountId ?? null,
  }
}

/** The row's payer amount (what the balance or the card is charged). */
export function rowPayableFen(row: PaymentRow): number {
  return Number(row.amount_fen) - Number(row.discount_fen)
}

/** [funder → merchant_pending: discount], or nothing for a payment without a coupon. */
export function discountLegs(row: PaymentRow, merchantPendingId: number): TransferLeg[] {
  const discountFen = Number(row.discount_fen)
  if (discountFen === 0 || row.coupon_funder_account_id === null) return []
  return [
    {
      debitAccountId: Number(row.coupon_funder_account_id),
      creditAccountId: merchantPendingId,
      amountFen: discountFen,
    },
  ]
}

/** The payment ended without money moving: its coupon back, in the transaction that ends it. */
export async function releaseCoupon(
  ctx: PaymentsContext,
  row: PaymentRow,
  trx: PaymentsDb,
): Promise<void> {
  if (row.coupon_campaign_id === null) return
  await ctx.coupons.release(row.id, trx as never)
}
