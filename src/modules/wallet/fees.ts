/**
 * Withdrawal fee (wallet-rules.md §1.3): 0.1% of the part above the user's remaining lifetime
 * free quota (1,000 yuan), at least 0.10 yuan when any fee is due; rounded half up to the fen.
 * Integer arithmetic only.
 */
import { assert } from '../../shared/assert.ts'
import type { WalletRules } from './context.ts'

export interface FeeRules {
  freeQuotaFen: number
  feePerMille: number
  feeMinFen: number
}

/** The fee rule within the wallet's rules. */
export function feeRulesOf(rules: WalletRules): FeeRules {
  return {
    freeQuotaFen: rules.withdrawFreeQuotaFen,
    feePerMille: rules.withdrawFeePerMille,
    feeMinFen: rules.withdrawFeeMinFen,
  }
}

export interface WithdrawalQuote {
  amountFen: number
  feeFen: number
  freeQuotaUsedFen: number
  freeQuotaRemainingFen: number
  totalDebitFen: number
}

export function quoteWithdrawal(
  amountFen: number,
  freeQuotaUsedBeforeFen: number,
  rules: FeeRules,
): WithdrawalQuote {
  assert(Number.isSafeInteger(amountFen) && amountFen > 0, 'amountFen')
  const remainingFen = Math.max(0, rules.freeQuotaFen - freeQuotaUsedBeforeFen)
  const freeQuotaUsedFen = Math.min(amountFen, remainingFen)
  const chargedFen = amountFen - freeQuotaUsedFen
  const feeFen =
    chargedFen === 0
      ? 0
      : Math.max(rules.feeMinFen, Math.floor((chargedFen * rules.feePerMille + 500) / 1000))
  assert(feeFen >= 0 && freeQuotaUsedFen <= amountFen, 'fee within bounds')
  return {
    amountFen,
    feeFen,
    freeQuotaUsedFen,
    freeQuotaRemainingFen: remainingFen - freeQuotaUsedFen,
    totalDebitFen: amountFen + feeFen,
  }
}
