import { describe, expect, it } from 'vitest'
import type { MoneyLimits } from '../api'
import { amountLimitError, overBalanceError } from './amount-limits'

const LIMITS: MoneyLimits = {
  operationAmountFenMax: 5_000_000,
  topUpDailyLimitFen: 5_000_000,
  topUpDailyRemainingFen: 1_000_000,
  withdrawDailyLimitFen: 5_000_000,
  withdrawDailyRemainingFen: 200_000,
  withdrawFreeQuotaFen: 100_000,
  withdrawFreeQuotaRemainingFen: 100_000,
  availableFen: 0,
  accountClass: {
    accountClass: 1,
    period: 'LIFETIME',
    limitFen: 100_000,
    usedFen: 0,
    remainingFen: 100_000,
  },
  balancePayments: { yearUsedFen: 0, lifetimeUsedFen: 0 },
  classes: [],
  minorYearLimitFen: 500_000,
  adultAgeYears: 18,
}

describe('amountLimitError', () => {
  it('names the per-operation maximum, with thousands separators', () => {
    const error = amountLimitError('TOPUP', 9_999_999_999_900, LIMITS)
    expect(error?.code).toBe('INVALID_AMOUNT')
    expect(error?.localized.zh).toBe('单笔最多 ¥50,000.00')
  })

  it("names today's remaining top-up or withdrawal", () => {
    expect(amountLimitError('TOPUP', 1_000_001, LIMITS)?.localized.zh).toBe(
      '今日充值还可 ¥10,000.00（每日限额 ¥50,000.00）',
    )
    expect(amountLimitError('WITHDRAW', 200_001, LIMITS)?.code).toBe('LIMIT_EXCEEDED')
    expect(amountLimitError('TOPUP', 1_000_000, LIMITS)).toBeNull()
  })
})

describe('overBalanceError', () => {
  it('mentions the fee only when there is one', () => {
    expect(overBalanceError(10_000, 0, 5_000)?.localized.zh).toBe('提现金额超出可用余额 ¥50.00')
    expect(overBalanceError(10_010, 10, 10_000)?.localized.zh).toBe(
      '提现金额加服务费 ¥0.10 超出可用余额 ¥100.00',
    )
    expect(overBalanceError(10_000, 0, 10_000)).toBeNull()
  })
})
