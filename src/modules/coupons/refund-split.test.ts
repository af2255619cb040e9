/**
 * The refund split rule (refund-split.ts): for random payments and random partial refunds, the
 * coupon's shares add up to exactly floor(D × refunded / A), a full refund gives the funder
 * exactly D and the customer exactly A − D, and the customer never gets more than they paid.
 */
import { describe, expect, it } from 'vitest'
import { couponBackFen, couponShareFen } from './refund-split.ts'

/** A small deterministic generator, so a failure can be replayed. */
function prng(seed: number): (max: number) => number {
  let state = seed >>> 0
  return (max) => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0
    return state % max
  }
}

describe('the coupon refund split', () => {
  it('adds partial refunds up exactly, whatever the parts', () => {
    const next = prng(20261207)
    for (let round = 0; round < 500; round++) {
      const amountFen = 2 + next(200_000)
      const discountFen = 1 + next(amountFen - 1)
      let refundedFen = 0
      let couponFen = 0
      let customerFen = 0
      while (refundedFen < amountFen) {
        const left = amountFen - refundedFen
        const refundFen = next(4) === 0 ? left : 1 + next(left)
        refundedFen += refundFen
        const back = couponBackFen({
          amountFen,
          discountFen,
          refundFen,
          refundedTotalFen: refundedFen,
          couponGivenBackFen: couponFen,
        })
        expect(back).toBeGreaterThanOrEqual(0)
        expect(back).toBeLessThanOrEqual(refundFen)
        couponFen += back
        customerFen += refundFen - back
        expect(couponFen).toBe(couponShareFen(discountFen, amountFen, refundedFen))
        expect(customerFen).toBeLessThanOrEqual(amountFen - discountFen)
      }
      expect(couponFen).toBe(discountFen)
      expect(customerFen).toBe(amountFen - discountFen)
    }
  })

  it('takes nothing for the funder from a payment without a coupon', () => {
    const back = couponBackFen({
      amountFen: 1_000,
      discountFen: 0,
      refundFen: 400,
      refundedTotalFen: 400,
      couponGivenBackFen: 0,
    })
    expect(back).toBe(0)
    expect(couponShareFen(500, 3_999, 1_001)).toBe(125)
  })
})
