import type { ReactNode } from 'react'
import { useI18n } from '../shared/i18n'
import type { MessageKey } from '../shared/i18n'
import { formatFeeRate } from './api'
import type { Merchant } from './api'

const STATUS_KEY: Record<Merchant['status'], MessageKey> = {
  active: 'admin.merchants.status.active',
  suspended: 'admin.merchants.status.suspended',
}

/** The merchant's profile: who it is, where its money goes (card masked) and what it pays. */
export function MerchantHomePage({ merchant }: { merchant: Merchant }): ReactNode {
  const { t, lang } = useI18n()
  const card = merchant.settlementCard
  return (
    <section data-testid="merchant-home" data-merchant-id={merchant.id}>
      <h1 data-testid="merchant-store-name">{merchant.storeName}</h1>
      {merchant.status === 'suspended' && (
        <p className="lq-console__notice" role="alert" data-testid="merchant-suspended">
          {t('merchant.home.suspended')}
        </p>
      )}
      <div className="lq-card">
        <h2 className="lq-card__title">{t('merchant.home.title')}</h2>
        <dl className="lq-facts">
          <dt>{t('merchant.home.id')}</dt>
          <dd data-testid="merchant-id">{merchant.id}</dd>
          <dt>{t('merchant.home.legalName')}</dt>
          <dd>{merchant.legalName}</dd>
          <dt>{t('merchant.home.category')}</dt>
          <dd>{merchant.categoryName[lang]}</dd>
          <dt>{t('merchant.home.card')}</dt>
          <dd data-testid="merchant-card">{`${card.bankName[lang]} ${card.masked}`}</dd>
          <dt>{t('merchant.home.fee')}</dt>
          <dd data-testid="merchant-fee">{formatFeeRate(merchant.feeRateBp)}</dd>
          <dt>{t('merchant.home.status')}</dt>
          <dd data-testid="merchant-status" data-status={merchant.status}>
            {t(STATUS_KEY[merchant.status])}
          </dd>
        </dl>
      </div>
    </section>
  )
}
