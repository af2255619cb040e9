import type { ReactNode } from 'react'
import { useDocumentTitle, useI18n } from '../../shared/i18n'
import { LanguageSwitch } from '../../shared/LanguageSwitch'
import type { UserView } from '../api'
import { BalanceCard } from '../BalanceCard'
import { AccountCard } from '../components/AccountCard'
import { StatusBanner } from '../components/StatusBanner'
import { FeatureGrid } from '../FeatureGrid'
import { MoreLinks } from '../help/MoreLinks'

/** Wallet home, signed in (`user`) or not (`null`). */
export function HomePage({ user }: { user: UserView | null }): ReactNode {
  const { t } = useI18n()
  useDocumentTitle('wallet.documentTitle')

  return (
    <div className="lq-wallet" data-testid="wallet-app">
      <header className="lq-wallet__header">
        <div className="lq-wallet__brand">
          <span className="lq-logo" aria-hidden="true">
            ¥
          </span>
          <span>
            <strong>{t('common.brand')}</strong>
            <small data-testid="app-role">{t('wallet.role')}</small>
          </span>
        </div>
        <LanguageSwitch className="lq-lang-switch--on-green" />
      </header>
      <main className="lq-wallet__main" data-testid="home-page">
        <BalanceCard user={user} />
        {user !== null && <StatusBanner user={user} />}
        {user !== null && <AccountCard user={user} />}
        <FeatureGrid />
        {/* Service status and developer links live on /about, not in a consumer's way. */}
        <MoreLinks signedIn={user !== null} />
        <p className="lq-wallet__tagline">{t('common.tagline')}</p>
      </main>
    </div>
  )
}
