import { describe, expect, it } from 'vitest'
import { maxWithdrawalFen } from './withdraw-max'

/** The server's rule: free up to `freeFen`, then 0.1% of the rest, at least 10 fen. */
function quoteWith(freeFen: number) {
  return async (amountFen: number) => {
    const charged = Math.max(0, amountFen - freeFen)
    const feeFen = charged === 0 ? 0 : Math.max(10, Math.floor((charged + 500) / 1000))
    return { feeFen, totalDebitFen: amountFen + feeFen }
  }
}

describe('maxWithdrawalFen', () => {
  it('is the whole balance while the free allowance covers it', async () => {
    expect(await maxWithdrawalFen(10_000, quoteWith(100_000))).toBe(10_000)
  })

  it('leaves room for the fee when one is due', async () => {
    const amount = await maxWithdrawalFen(500_000, quoteWith(0))
    expect(amount).toBe(499_500)
    const fee = (await quoteWith(0)(amount ?? 0)).feeFen
    expect((amount ?? 0) + fee).toBeLessThanOrEqual(500_000)
  })

  it('is null for an empty balance or one smaller than the minimum fee', async () => {
    expect(await maxWithdrawalFen(0, quoteWith(0))).toBeNull()
    expect(await maxWithdrawalFen(5, quoteWith(0))).toBeNull()
  })
})
