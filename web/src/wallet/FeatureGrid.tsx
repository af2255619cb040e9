import type { ReactNode } from 'react'
import { useI18n } from '../shared/i18n'
import type { MessageKey } from '../shared/i18n'
import { Link } from '../shared/router'
import { FeatureIcon } from './FeatureIcon'
import type { FeatureIconName } from './FeatureIcon'

const FEATURES: readonly { icon: FeatureIconName; labelKey: MessageKey; to?: string }[] = [
  { icon: 'qr', labelKey: 'wallet.feature.payReceive', to: '/pay' },
  // A transfer goes to a contact picked first; a red packet into a chat picked first.
  { icon: 'transfer', labelKey: 'wallet.feature.transfer', to: '/transfers/new' },
  { icon: 'redPacket', labelKey: 'wallet.feature.redPacket', to: '/redpackets/new' },
  { icon: 'topUp', labelKey: 'wallet.feature.topUp', to: '/balance/top-up' },
  { icon: 'withdraw', labelKey: 'wallet.feature.withdraw', to: '/balance/withdraw' },
  { icon: 'card', labelKey: 'wallet.feature.bankCards', to: '/cards' },
  { icon: 'bill', labelKey: 'wallet.feature.bills', to: '/records' },
  { icon: 'shield', labelKey: 'wallet.feature.security', to: '/security' },
]

/**
 * Tiles with a destination are links; the rest stay greyed out and are not buttons, so nothing
 * that does nothing looks clickable.
 */
export function FeatureGrid(): ReactNode {
  const { t } = useI18n()
  return (
    <section className="lq-card lq-features" aria-labelledby="lq-features-title">
      <h2 className="lq-card__title" id="lq-features-title">
        {t('wallet.features.title')}
      </h2>
      <ul className="lq-features__grid" data-testid="feature-grid">
        {FEATURES.map((feature) =>
          feature.to === undefined ? (
            <li key={feature.labelKey} aria-disabled="true" title={t('common.comingSoon')}>
              <FeatureIcon name={feature.icon} />
              <span>{t(feature.labelKey)}</span>
              <small>{t('wallet.feature.soon')}</small>
            </li>
          ) : (
            <li key={feature.labelKey} className="lq-features__live">
              <Link to={feature.to} testId={`feature-${feature.icon}`}>
                <FeatureIcon name={feature.icon} />
                <span>{t(feature.labelKey)}</span>
              </Link>
            </li>
          ),
        )}
      </ul>
    </section>
  )
}
