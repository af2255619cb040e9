import { localError } from '../../shared/api'
import type { ApiError } from '../../shared/api'
import { formatFen } from '../../shared/money'
import type { MoneyLimits } from '../api'

/**
 * The first limit `amountFen` breaks, as an error that names it, or null: checked on the amount
 * page, before the payment password is asked for (the server checks the same limits again and
 * claims them atomically; this is only so nobody types a PIN for a refused amount).
 */
export function amountLimitError(
  kind: 'TOPUP' | 'WITHDRAW',
  amountFen: number,
  limits: MoneyLimits,
): ApiError | null {
  if (amountFen > limits.operationAmountFenMax) {
    return localError('INVALID_AMOUNT', 'limit.perOperation', {
      max: formatFen(limits.operationAmountFenMax),
    })
  }
  const topUp = kind === 'TOPUP'
  const remainingFen = topUp ? limits.topUpDailyRemainingFen : limits.withdrawDailyRemainingFen
  const limitFen = topUp ? limits.topUpDailyLimitFen : limits.withdrawDailyLimitFen
  if (amountFen > remainingFen) {
    return localError('LIMIT_EXCEEDED', topUp ? 'limit.topUpToday' : 'limit.withdrawToday', {
      remaining: formatFen(remainingFen),
      limit: formatFen(limitFen),
    })
  }
  return null
}

/** Over the available balance: the fee is named only when there is one. */
export function overBalanceError(totalDebitFen: number, feeFen: number, availableFen: number) {
  if (totalDebitFen <= availableFen) return null
  const available = formatFen(availableFen)
  return feeFen > 0
    ? localError('OVER_BALANCE', 'limit.balanceWithFee', { fee: formatFen(feeFen), available })
    : localError('OVER_BALANCE', 'limit.balance', { available })
}
