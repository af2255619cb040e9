import type { ReactNode } from 'react'
import { useI18n } from '../../shared/i18n'
import { formatFen } from '../../shared/money'
import { Link } from '../../shared/router'
import type { MoneyLimits } from '../api'

/** 单笔最多 ¥50,000.00 · 今日还可 …: the limits an amount must fit, before anything is typed. */
export function LimitHint({
  kind,
  limits,
}: {
  kind: 'TOPUP' | 'WITHDRAW'
  limits: MoneyLimits | null
}): ReactNode {
  const { t } = useI18n()
  if (limits === null) return null
  const today =
    kind === 'TOPUP'
      ? t('limit.topUpToday', {
          remaining: formatFen(limits.topUpDailyRemainingFen),
          limit: formatFen(limits.topUpDailyLimitFen),
        })
      : t('limit.withdrawToday', {
          remaining: formatFen(limits.withdrawDailyRemainingFen),
          limit: formatFen(limits.withdrawDailyLimitFen),
        })
  return (
    <span className="lq-limit-hint" data-testid="amount-limit-hint">
      {t('limit.perOperation', { max: formatFen(limits.operationAmountFenMax) })} · {today}{' '}
      <Link to="/limits" testId="amount-limits-link">
        {t('limit.link')}
      </Link>
    </span>
  )
}
