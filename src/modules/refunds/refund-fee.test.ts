import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { feeBackFen, feeShareFen } from './refund-fee.ts'

describe('the fee a refund gives back', () => {
  it('is the fee on the refunded part, rounded half up', () => {
    // 0.6 % of ¥100.00 = 60 fen; half of it back for half the money.
    expect(feeShareFen(60, 10_000, 5_000)).toBe(30)
    expect(feeShareFen(60, 10_000, 10_000)).toBe(60)
    // 1 fen of fee on 3 fen: a third (0.33) rounds to 0, two thirds (0.67) to 1.
    expect(feeShareFen(1, 3, 1)).toBe(0)
    expect(feeShareFen(1, 3, 2)).toBe(1)
    // Exactly half a fen rounds up.
    expect(feeShareFen(1, 2, 1)).toBe(1)
  })

  it('adds up to the fee on the total, and to the whole fee for a full refund, in any parts', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50_000_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 50 }),
        (paidFen, rateBp, parts) => {
          const feeFen = Math.min(Math.round((paidFen * rateBp) / 10_000), paidFen)
          let refundedTotalFen = 0
          let feeGivenBackFen = 0
          for (const part of parts) {
            const amountFen = Math.min(part, paidFen - refundedTotalFen)
            if (amountFen === 0) break
            refundedTotalFen += amountFen
            const back = feeBackFen({ paidFen, feeFen, refundedTotalFen, feeGivenBackFen })
            expect(back).toBeGreaterThanOrEqual(0)
            feeGivenBackFen += back
            expect(feeGivenBackFen).toBe(feeShareFen(feeFen, paidFen, refundedTotalFen))
          }
          // The rest in one go: the whole fee is back.
          if (refundedTotalFen < paidFen) {
            feeGivenBackFen += feeBackFen({
              paidFen,
              feeFen,
              refundedTotalFen: paidFen,
              feeGivenBackFen,
            })
          }
          expect(feeGivenBackFen).toBe(feeFen)
        },
      ),
    )
  })

  it('stays within [0, fee] when refunds are closed in between, and a full refund still gives all', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.array(fc.tuple(fc.integer({ min: 1, max: 300_000 }), fc.boolean()), { maxLength: 30 }),
        (paidFen, rateBp, steps) => {
          const feeFen = Math.min(Math.round((paidFen * rateBp) / 10_000), paidFen)
          const live: { amountFen: number; backFen: number }[] = []
          let refundedTotalFen = 0
          let feeGivenBackFen = 0
          for (const [part, closeOne] of steps) {
            if (closeOne && live.length > 0) {
              const closed = live.shift() as { amountFen: number; backFen: number }
              refundedTotalFen -= closed.amountFen
              feeGivenBackFen -= closed.backFen
              continue
            }
            const amountFen = Math.min(part, paidFen - refundedTotalFen)
            if (amountFen === 0) continue
            refundedTotalFen += amountFen
            const backFen = feeBackFen({ paidFen, feeFen, refundedTotalFen, feeGivenBackFen })
            feeGivenBackFen += backFen
            live.push({ amountFen, backFen })
            expect(backFen).toBeGreaterThanOrEqual(0)
            expect(feeGivenBackFen).toBeLessThanOrEqual(feeFen)
          }
          if (refundedTotalFen < paidFen) {
            feeGivenBackFen += feeBackFen({
              paidFen,
              feeFen,
              refundedTotalFen: paidFen,
              feeGivenBackFen,
            })
            expect(feeGivenBackFen).toBe(feeFen)
          }
        },
      ),
    )
  })
})
