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

/** [merchant_pending → the coupon's funder: share], or nothing without a share. */
export async function couponBackLegs(
  ctx: RefundsContext,
  row: RefundRow,
  merchantPendingId: number,
): Promise<TransferLeg[]> {
  const backFen = Number(row.coupon_back_fen)
  if (backFen === 0) return []
  const payment = await ctx.payments.getRefundablePayment(row.merchant_id, {
    paymentId: row.payment_id,
  })
  if (payment.couponFunderAccountId == null) {
    throw new Error(`payment ${row.payment_id} has a coupon share but no funder account`)
  }
  return [
    {
      debitAccountId: merchantPendingId,
      creditAccountId: payment.couponFunderAccountId,
      amountFen: backFen,
    },
  ]
}
