import { useState } from 'react'
import type { ReactNode } from 'react'
import { ErrorAlert } from '../../shared/ErrorAlert'
import { useI18n } from '../../shared/i18n'
import { Link, navigate } from '../../shared/router'
import { useApiData } from '../../shared/useApiData'
import { walletApi } from '../api'
import { PageShell } from '../components/PageShell'
import { AccountSection } from '../security/AccountSection'
import { DevicesSection } from '../security/DevicesSection'
import { NoticesSection } from '../security/NoticesSection'
import { PasskeysSection } from '../security/PasskeysSection'
import { SecondFactorSection } from '../security/SecondFactorSection'
import { useSession, useUser } from '../session'

function MoreSection(): ReactNode {
  const { t } = useI18n()
  const session = useSession()
  const [error, setError] = useState<unknown>(null)

  async function signOut(): Promise<void> {
    try {
      await walletApi.signOut()
      session.clear()
      navigate('/', { replace: true })
    } catch (caught) {
      setError(caught)
    }
  }

  return (
    <section className="lq-card lq-rows" aria-labelledby="lq-security-more">
      <h2 className="lq-card__title" id="lq-security-more">
        {t('security.more')}
      </h2>
      <Link to="/freeze" className="lq-row" testId="security-freeze">
        <span>{t('security.freeze')}</span>
        <span className="lq-row__value">{t('security.freeze.body')}</span>
      </Link>
      <Link to="/appeal" className="lq-row" testId="security-appeal">
        <span>{t('security.appeal')}</span>
        <span className="lq-row__value" />
      </Link>
      <ErrorAlert error={error} testId="sign-out-error" />
      <button
        type="button"
        className="lq-button lq-button--secondary"
        data-testid="sign-out"
        onClick={() => void signOut()}
      >
        {t('common.signOut')}
      </button>
    </section>
  )
}

/** 安全中心: everything that protects the account, on one page. */
export function SecurityPage(): ReactNode {
  const user = useUser()
  // The PIN status decides whether PIN-confirmed switches can be used; missing route = unknown.
  const pin = useApiData(walletApi.paymentPassword, user.id)
  const pinStatus = pin.state.kind === 'ready' ? pin.state.data : null
  const pinSet = pinStatus?.set ?? false

  return (
    <PageShell titleKey="security.title" testId="security-page">
      <AccountSection user={user} pin={pinStatus} />
      <SecondFactorSection user={user} pinSet={pinSet} />
      <PasskeysSection pinSet={pinSet} />
      <DevicesSection />
      <NoticesSection />
      <MoreSection />
    </PageShell>
  )
}
