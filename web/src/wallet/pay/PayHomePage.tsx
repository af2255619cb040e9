import type { ReactNode } from 'react'
import { useI18n } from '../../shared/i18n'
import { Link } from '../../shared/router'
import { PageShell } from '../components/PageShell'
import { PaymentCodeCard } from './PaymentCodeCard'
import { PendingSheet } from './PendingSheet'

/** 收付款: the payment code to show a cashier, 扫一扫 to pay a shop's code, 免密支付. */
export function PayHomePage(): ReactNode {
  const { t } = useI18n()
  return (
    <PageShell titleKey="pay.home.title" testId="pay-home">
      <PaymentCodeCard />
      <nav className="lq-card lq-pay-links" aria-label={t('pay.home.title')}>
        <Link to="/pay/scan" className="lq-pay-links__item" testId="pay-scan-link">
          {t('pay.scan.title')}
        </Link>
        <Link to="/pay/settings" className="lq-pay-links__item" testId="pay-settings-link">
          {t('pay.settings.title')}
        </Link>
      </nav>
      <PendingSheet />
    </PageShell>
  )
}
