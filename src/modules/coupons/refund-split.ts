/**
 * How a refund of a couponed payment is split, the rule a real wallet uses (WeChat Pay: a refund
 * of an order paid partly with a coupon goes back pro rata, `refund.from[]` / promotion refund
 * amounts): the payment's amount A is what the merchant received, D of it funded by the coupon,
 * A − D paid by the customer. Refunds are of the amount A (up to A in total), and
 *
 *   couponShare(total) = floor(D × total / A)   — the coupon's part of `total` refunded fen
 *   couponBack         = couponShare(refunded so far, this one included) − given back already,
 *                        kept within [0, min(this refund, D − given back)]
 *   customerBack       = this refund − couponBack
 *
 * So any number of partial refunds add up exactly: in total the funder gets couponShare(total)
 * back and the customer the rest; a full refund gives the funder exactly D and the customer
 * exactly A − D, so the customer never gets back more than they paid (rounding down the coupon's
 * part favours the customer by under a fen on a partial, never beyond what they paid). Integer
 * arithmetic (BigInt for the product), no float ever touches money.
 */
import { assert } from '../../shared/assert.ts'

export function couponShareFen(discountFen: number, amountFen: number, totalFen: number): number {
  assert(Number.isSafeInteger(amountFen) && amountFen > 0, 'amountFen')
  assert(
    Number.isSafeInteger(discountFen) && discountFen >= 0 && discountFen < amountFen,
    'discount',
  )
  assert(Number.isSafeInteger(totalFen) && totalFen >= 0 && totalFen <= amountFen, 'totalFen')
  return Number((BigInt(discountFen) * BigInt(totalFen)) / BigInt(amountFen))
}

/** The coupon's part of one refund of `refundFen` (see the rule above). */
export function couponBackFen(payment: {
  amountFen: number
  discountFen: number
  refundFen: number
  /** Refunded by live refunds, this one included. */
  refundedTotalFen: number
  /** Given back to the funder by the live refunds before this one. */
  couponGivenBackFen: number
}): number {
  if (payment.discountFen === 0) return 0
  const share = couponShareFen(payment.discountFen, payment.amountFen, payment.refundedTotalFen)
  const room = Math.min(payment.refundFen, payment.discountFen - payment.couponGivenBackFen)
  return Math.min(Math.max(share - payment.couponGivenBackFen, 0), Math.max(room, 0))
}
