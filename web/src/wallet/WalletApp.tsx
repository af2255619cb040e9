import type { ReactNode } from 'react'
import { AppLinks } from '../shared/AppLinks'
import { useDocumentTitle, useI18n } from '../shared/i18n'
import { LanguageSwitch } from '../shared/LanguageSwitch'
import { StatusCard } from '../shared/StatusCard'
import { BalanceCard } from './BalanceCard'
import { FeatureGrid } from './FeatureGrid'
import '../shared/base.css'
import './wallet.css'

/** Phone wallet home. Until sign-in exists, the balance and features are placeholders. */
export function WalletApp(): ReactNode {
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
      <main className="lq-wallet__main">
        <BalanceCard />
        <FeatureGrid />
        <StatusCard />
        <AppLinks current="wallet" />
        <p className="lq-wallet__tagline">{t('common.tagline')}</p>
      </main>
    </div>
  )
}
