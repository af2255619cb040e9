import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { quoteWithdrawal } from './fees.ts'

const RULES = { freeQuotaFen: 100_000, feePerMille: 1, feeMinFen: 10 }

describe('withdrawal fee', () => {
  it('is free within the lifetime quota and 0.1% (at least ¥0.10) above it', () => {
    expect(quoteWithdrawal(100_000, 0, RULES)).toMatchObject({
      feeFen: 0,
      freeQuotaRemainingFen: 0,
    })
    // The reference example: 2,000 yuan with 1,000 free → 1 yuan fee.
    expect(quoteWithdrawal(200_000, 0, RULES)).toMatchObject({
      feeFen: 100,
      freeQuotaUsedFen: 100_000,
      totalDebitFen: 200_100,
    })
    expect(quoteWithdrawal(1_000, 100_000, RULES)).toMatchObject({ feeFen: 10 })
    expect(quoteWithdrawal(15_050, 100_000, RULES).feeFen).toBe(15)
    expect(quoteWithdrawal(15_049, 100_000, RULES).feeFen).toBe(15)
    expect(quoteWithdrawal(14_949, 100_000, RULES).feeFen).toBe(15)
    expect(quoteWithdrawal(14_499, 100_000, RULES).feeFen).toBe(14)
  })

  it('never charges the free part and never goes below the minimum', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: 0, max: 200_000 }),
        (amountFen, usedFen) => {
          const quote = quoteWithdrawal(amountFen, usedFen, RULES)
          const charged = amountFen - quote.freeQuotaUsedFen
          expect(Number.isSafeInteger(quote.feeFen)).toBe(true)
          if (charged === 0) expect(quote.feeFen).toBe(0)
          else expect(quote.feeFen).toBeGreaterThanOrEqual(10)
          expect(quote.feeFen).toBeLessThanOrEqual(Math.max(10, Math.ceil(charged / 1000)))
          expect(quote.totalDebitFen).toBe(amountFen + quote.feeFen)
        },
      ),
    )
  })
})
