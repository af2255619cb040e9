import type { ReactNode } from 'react'
import { ACCOUNT_CLASS_KEY } from '../../shared/account-class'
import { ErrorAlert } from '../../shared/ErrorAlert'
import { useI18n } from '../../shared/i18n'
import type { MessageKey } from '../../shared/i18n'
import { formatFen } from '../../shared/money'
import { Link } from '../../shared/router'
import { useApiData } from '../../shared/useApiData'
import { walletApi } from '../api'
import type { MoneyLimits } from '../api'
import { PageShell } from '../components/PageShell'
import { useUser } from '../session'

const CLASS_RULE_KEY: Record<1 | 2 | 3, MessageKey> = {
  1: 'limits.class.1',
  2: 'limits.class.2',
  3: 'limits.class.3',
}

/** What raises the class from here: 实名 from 0, a same-name card from I. */
function RaiseAction({ accountClass }: { accountClass: number }): ReactNode {
  const { t } = useI18n()
  if (accountClass === 0) {
    return (
      <Link to="/real-name" className="lq-pill-button" testId="limits-raise">
        {t('limits.raise.0')}
      </Link>
    )
  }
  if (accountClass === 1) {
    return (
      <Link to="/cards/add?next=%2Flimits" className="lq-pill-button" testId="limits-raise">
        {t('limits.raise.1')}
      </Link>
    )
  }
  return null
}

/** Each class, its rule and limit; the user's own marked, with what is used and what is left. */
function Classes({ limits }: { limits: MoneyLimits }): ReactNode {
  const { t } = useI18n()
  const current = limits.accountClass
  return (
    <section className="lq-card lq-limits" data-testid="limits-classes">
      <h2 className="lq-card__title">
        {t('limits.current')}
        <small data-testid="limits-class">{t(ACCOUNT_CLASS_KEY[current.accountClass])}</small>
      </h2>
      {current.accountClass === 0 && <p>{t('limits.class.0')}</p>}
      <ul className="lq-limits__classes">
        {limits.classes.map((rule) => {
          const mine = rule.accountClass === current.accountClass
          const key = CLASS_RULE_KEY[rule.accountClass as 1 | 2 | 3]
          return (
            <li
              key={rule.accountClass}
              aria-current={mine ? 'true' : undefined}
              data-testid={`limits-class-${rule.accountClass}`}
            >
              <p>{t(key, { limit: formatFen(rule.limitFen) })}</p>
              {mine && current.remainingFen !== null && (
                <p className="lq-muted" data-testid="limits-used">
                  {t('limits.used', {
                    used: formatFen(current.usedFen),
                    remaining: formatFen(current.remainingFen),
                  })}
                </p>
              )}
            </li>
          )
        })}
      </ul>
      <p className="lq-muted" data-testid="limits-usage">
        {t('limits.usage', {
          year: formatFen(limits.balancePayments.yearUsedFen),
          lifetime: formatFen(limits.balancePayments.lifetimeUsedFen),
        })}
      </p>
      <p className="lq-muted">
        {t('limits.minor', {
          adultAge: limits.adultAgeYears,
          limit: formatFen(limits.minorYearLimitFen),
        })}
      </p>
      <RaiseAction accountClass={current.accountClass} />
    </section>
  )
}

function WalletLimits({ limits }: { limits: MoneyLimits }): ReactNode {
  const { t } = useI18n()
  const rows = [
    t('limit.perOperation', { max: formatFen(limits.operationAmountFenMax) }),
    t('limit.topUpToday', {
      remaining: formatFen(limits.topUpDailyRemainingFen),
      limit: formatFen(limits.topUpDailyLimitFen),
    }),
    t('limit.withdrawToday', {
      remaining: formatFen(limits.withdrawDailyRemainingFen),
      limit: formatFen(limits.withdrawDailyLimitFen),
    }),
    t('limits.freeQuota', {
      remaining: formatFen(limits.withdrawFreeQuotaRemainingFen),
      limit: formatFen(limits.withdrawFreeQuotaFen),
    }),
  ]
  return (
    <section className="lq-card lq-limits" data-testid="limits-wallet">
      <h2 className="lq-card__title">{t('limits.wallet.title')}</h2>
      <ul className="lq-limits__rows">
        {rows.map((row) => (
          <li key={row}>{row}</li>
        ))}
      </ul>
      <p className="lq-muted">{t('limits.wallet.note')}</p>
    </section>
  )
}

/** 账户等级与限额: why the class changed, what each allows, what is used and how to go up. */
export function LimitsPage(): ReactNode {
  const { t } = useI18n()
  const user = useUser()
  const limits = useApiData(walletApi.moneyLimits, `${user.id}:${user.accountClass}`)
  return (
    <PageShell titleKey="limits.title" testId="limits-page">
      {limits.state.kind === 'loading' && <p className="lq-card lq-muted">{t('limit.loading')}</p>}
      {limits.state.kind === 'error' && (
        <section className="lq-card">
          <ErrorAlert error={limits.state.error} />
        </section>
      )}
      {limits.state.kind === 'ready' && (
        <>
          <Classes limits={limits.state.data} />
          <WalletLimits limits={limits.state.data} />
        </>
      )}
    </PageShell>
  )
}
