import type { ReactNode } from 'react'
import { useI18n } from '../shared/i18n'
import type { MessageKey } from '../shared/i18n'
import { FeatureIcon } from './FeatureIcon'
import type { FeatureIconName } from './FeatureIcon'

const FEATURES: readonly { icon: FeatureIconName; labelKey: MessageKey }[] = [
  { icon: 'qr', labelKey: 'wallet.feature.payReceive' },
  { icon: 'transfer', labelKey: 'wallet.feature.transfer' },
  { icon: 'redPacket', labelKey: 'wallet.feature.redPacket' },
  { icon: 'topUp', labelKey: 'wallet.feature.topUp' },
  { icon: 'withdraw', labelKey: 'wallet.feature.withdraw' },
  { icon: 'card', labelKey: 'wallet.feature.bankCards' },
  { icon: 'bill', labelKey: 'wallet.feature.bills' },
  { icon: 'shield', labelKey: 'wallet.feature.security' },
]

/** Greyed-out tiles: they show the roadmap but are not buttons yet, so nothing looks clickable. */
export function FeatureGrid(): ReactNode {
  const { t } = useI18n()
  return (
    <section className="lq-card lq-features" aria-labelledby="lq-features-title">
      <h2 className="lq-card__title" id="lq-features-title">
        {t('wallet.features.title')}
        <small>{t('common.comingSoon')}</small>
      </h2>
      <ul className="lq-features__grid" data-testid="feature-grid">
        {FEATURES.map((feature) => (
          <li key={feature.labelKey} aria-disabled="true">
            <FeatureIcon name={feature.icon} />
            <span>{t(feature.labelKey)}</span>
          </li>
        ))}
      </ul>
    </section>
  )
}
