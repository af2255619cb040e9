/**
 * The fee a refund gives back to the merchant. Rule (written down here and property-tested in
 * refund-fee.test.ts):
 *
 *   feeShare(total) = round half up (fee × total / paid)   — the fee on `total` refunded fen
 *   feeBack         = feeShare(refunded so far, this one included) − fee given back already,
 *                     kept within [0, fee − given back]
 *
 * So refunds in any number of parts give back exactly the fee on what they refunded, and a
 * payment refunded in full gives back its whole fee (feeShare(paid) = fee). The clamp only
 * matters after a refund was closed (its fee back returned to the platform with it): the next
 * refund then never takes fee back from the merchant nor gives more than the payment's fee.
 * Integer arithmetic (BigInt for the product), no float ever touches money.
 */
import { assert } from '../../shared/assert.ts'

export function feeShareFen(feeFen: number, paidFen: number, totalFen: number): number {
  assert(Number.isSafeInteger(paidFen) && paidFen > 0, 'paidFen')
  assert(Number.isSafeInteger(feeFen) && feeFen >= 0 && feeFen <= paidFen, 'feeFen')
  assert(Number.isSafeInteger(totalFen) && totalFen >= 0 && totalFen <= paidFen, 'totalFen')
  const product = BigInt(feeFen) * BigInt(totalFen)
  return Number((product * 2n + BigInt(paidFen)) / (2n * BigInt(paidFen)))
}

export function feeBackFen(payment: {
  paidFen: number
  feeFen: number
  /** Refunded by live refunds, this one included. */
  refundedTotalFen: number
  /** Given back by the live refunds before this one. */
  feeGivenBackFen: number
}): number {
  const share = feeShareFen(payment.feeFen, payment.paidFen, payment.refundedTotalFen)
  const room = payment.feeFen - payment.feeGivenBackFen
  assert(room >= 0, 'fee given back within the fee')
  return Math.min(Math.max(share - payment.feeGivenBackFen, 0), room)
}
