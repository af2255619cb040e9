/**
 * Refunds of a couponed payment. The rule (a real wallet's: WeChat Pay splits a refund of an
 * order paid partly with a coupon pro rata between the payer's part and the coupon's part):
 * a refund is of the payment's amount A (what the merchant received), of which the coupon
 * funded D; each refund's coupon share goes back to the funder (the merchant's marketing
 * account or the platform's) and only the rest to the customer, by the coupons module's
 * `couponBackFen` (src/modules/coupons/refund-split.ts: cumulative floor(D × refunded / A), so
 * partials add up exactly, a full refund gives the funder exactly D and the customer exactly
 * what they paid, never more). The share is decided under the payment's totals row lock, in the
 * transaction that inserts the refund, and kept on the refund row; a closed refund gives its
 * share back to the room (refund-finish.ts) like its amount and fee.
 */
import type { TransferLeg } from '../ledger/index.ts'
import { couponBackFen } from '../coupons/index.ts'
import type { RefundablePayment, RefundsContext, RefundsDb } from './context.ts'
import type { RefundRow } from './refund-rows.ts'

/**
 * In the refund's transaction, after its amount was claimed (the totals row locked and its
 * refunded total including this refund): the coupon's share of it, added to the payment's total.
 */
export async function claimCouponBack(
  trx: RefundsDb,
  payment: RefundablePayment,
  refundFen: number,
): Promise<number> {
  const discountFen = payment.discountFen ?? 0
  if (discountFen === 0) return 0
  const totals = await trx
    .selectFrom('refund_payments')
    .select(['refunded_fen', 'coupon_back_fen'])
    .where('payment_id', '=', payment.paymentId)
    .executeTakeFirstOrThrow()
  const backFen = couponBackFen({
    amountFen: payment.amountFen,
    discountFen,
    refundFen,
    refundedTotalFen: Number(totals.refunded_fen),
    couponGivenBackFen: Number(totals.coupon_back_fen),
  })
  if (backFen > 0) {
    await trx
      .updateTable('refund_payments')
      .set((eb) => ({ coupon_back_fen: eb('coupon_back_fen', '+', backFen) }))
      .where('payment_id', '=', payment.paymentId)
      .execute()
  }
  return backFen
}

/** What the customer gets back of this refund: its amount less the coupon's share. */
export function customerBackFen(row: RefundRow): number {
  return Number(row.amount_fen) - Number(row.coupon_back_fen)
}

/**
 * The refund's legs (paying its whole amount to the customer's side, refund-funding.ts) with the
 * coupon's share redirected to the funder: taken off the last legs first, same payer account.
 */
export async function withCouponShare(
  ctx: RefundsContext,
  row: RefundRow,
  legs: readonly TransferLeg[],
): Promise<TransferLeg[]> {
  let shareFen = Number(row.coupon_back_fen)
  if (shareFen === 0) return [...legs]
  const payment = await ctx.payments.getRefundablePayment(row.merchant_id, {
    paymentId: row.payment_id,
  })
  const funderId = payment.couponFunderAccountId
  if (funderId == null) throw new Error(`payment ${row.payment_id}: a coupon share, no funder`)
  const toCustomer: TransferLeg[] = []
  const toFunder: TransferLeg[] = []
  for (const leg of [...legs].reverse()) {
    const moved = Math.min(shareFen, leg.amountFen)
    shareFen -= moved
    if (moved > 0) toFunder.unshift({ ...leg, creditAccountId: funderId, amountFen: moved })
    if (leg.amountFen > moved) toCustomer.unshift({ ...leg, amountFen: leg.amountFen - moved })
  }
  return [...toCustomer, ...toFunder]
}
