import type { ReactNode } from 'react'
import { useI18n } from '../shared/i18n'
import type { MessageKey } from '../shared/i18n'
import { formatFeeRate } from './api'
import { RefundsSection } from './RefundsSection'
import type { Merchant } from './api'
import { TakingsCard } from './pay/TakingsCard'

const STATUS_KEY: Record<Merchant['status'], MessageKey> = {
  active: 'admin.merchants.status.active',
  suspended: 'admin.merchants.status.suspended',
}

/** The merchant's profile: who it is, where its money goes (card masked) and what it pays. */
export function MerchantHomePage({ merchant }: { merchant: Merchant }): ReactNode {
  const { t, lang } = useI18n()
  const card = merchant.settlementCard
  const facts: [MessageKey, string, string?][] = [
    ['merchant.home.id', merchant.id, 'merchant-id'],
    ['merchant.home.legalName', merchant.legalName],
    ['merchant.home.category', merchant.categoryName[lang]],
    ['merchant.home.card', `${card.bankName[lang]} ${card.masked}`, 'merchant-card'],
    ['merchant.home.fee', formatFeeRate(merchant.feeRateBp), 'merchant-fee'],
    ['merchant.home.status', t(STATUS_KEY[merchant.status]), 'merchant-status'],
  ]
  return (
    <section className="lq-admin-page" data-testid="merchant-home" data-merchant-id={merchant.id}>
      <h1 data-testid="merchant-store-name">{merchant.storeName}</h1>
      {merchant.status === 'suspended' && (
        <p className="lq-alert lq-alert--warning" role="alert" data-testid="merchant-suspended">
          {t('merchant.home.suspended')}
        </p>
      )}
      <TakingsCard />
      <div className="lq-card">
        <h2 className="lq-card__title">{t('merchant.home.title')}</h2>
        <dl className="lq-facts">
          {facts.map(([key, value, testId]) => (
            <div key={key} data-testid={testId}>
              <dt>{t(key)}</dt>
              <dd data-testid={testId === undefined ? undefined : `${testId}-value`}>{value}</dd>
            </div>
          ))}
        </dl>
      </div>
      {merchant.status === 'active' && <RefundsSection />}
    </section>
  )
}
