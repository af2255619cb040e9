import type { ReactNode } from 'react'
import { ACCOUNT_CLASS_KEY } from '../../shared/account-class'
import { useI18n } from '../../shared/i18n'
import { formatFen } from '../../shared/money'
import { Link } from '../../shared/router'
import { useApiData } from '../../shared/useApiData'
import { walletApi } from '../api'
import type { Limits, UserView } from '../api'

function LimitsLine({ limits }: { limits: Limits }): ReactNode {
  const { t } = useI18n()
  if (limits.limitFen === null || limits.remainingFen === null || limits.period === null) {
    return <p className="lq-account__limit">{t('wallet.limits.none')}</p>
  }
  const period = t(
    limits.period === 'LIFETIME' ? 'wallet.limits.period.LIFETIME' : 'wallet.limits.period.YEAR',
  )
  return (
    <div className="lq-account__limit" data-testid="limits">
      <p>
        <strong>{t('wallet.limits.remaining', { amount: formatFen(limits.remainingFen) })}</strong>
      </p>
      <p className="lq-muted">
        {t('wallet.limits.used', {
          used: formatFen(limits.usedFen),
          limit: formatFen(limits.limitFen),
          period,
        })}
      </p>
    </div>
  )
}

/** Unverified: the 实名认证 call to action. Verified: account class and what is left to spend. */
export function AccountCard({ user }: { user: UserView }): ReactNode {
  const { t } = useI18n()
  const limits = useApiData(walletApi.limits, `${user.id}:${user.accountClass}`)

  if (!user.verified) {
    return (
      <section className="lq-card lq-cta" data-testid="kyc-cta">
        <div>
          <h2 className="lq-cta__title">{t('wallet.kyc.title')}</h2>
          <p className="lq-muted">{t('wallet.kyc.body')}</p>
        </div>
        <Link to="/real-name" className="lq-pill-button" testId="kyc-cta-action">
          {t('wallet.kyc.action')}
        </Link>
      </section>
    )
  }
  return (
    <section className="lq-card lq-account" data-testid="account-card">
      <h2 className="lq-card__title">
        {t('wallet.limits.title')}
        <small data-testid="account-class">{t(ACCOUNT_CLASS_KEY[user.accountClass])}</small>
      </h2>
      {/* Limits are a nicety on the home page: if they fail to load, say nothing. */}
      {limits.state.kind === 'ready' && <LimitsLine limits={limits.state.data} />}
      <Link to="/limits" className="lq-account__more" testId="account-limits-link">
        {t('limit.link')}
      </Link>
    </section>
  )
}
