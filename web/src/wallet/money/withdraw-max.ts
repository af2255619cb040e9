import type { WithdrawalQuote } from '../api'

type Quote = (amountFen: number) => Promise<Pick<WithdrawalQuote, 'feeFen' | 'totalDebitFen'>>

/**
 * 全部提现: the largest amount whose amount + fee fits in `availableFen`, found with the server's
 * own quotes (the fee rules live there). Starts from the whole balance and takes the fee off;
 * the fee never grows when the amount shrinks, so the second quote already fits. Null when
 * nothing can be withdrawn.
 */
export async function maxWithdrawalFen(availableFen: number, quote: Quote): Promise<number | null> {
  let amountFen = availableFen
  for (let round = 0; round < 4 && amountFen > 0; round++) {
    const quoted = await quote(amountFen)
    if (quoted.totalDebitFen <= availableFen) return amountFen
    amountFen = availableFen - quoted.feeFen
  }
  return null
}
