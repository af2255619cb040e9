import type { ReactNode } from 'react'
import { useI18n } from '../shared/i18n'

/** The balance stays hidden until accounts and sign-in exist; the button says what comes next. */
export function BalanceCard(): ReactNode {
  const { t } = useI18n()
  return (
    <section className="lq-balance" data-testid="balance-card" aria-labelledby="lq-balance-label">
      <h2 className="lq-balance__label" id="lq-balance-label">
        {t('wallet.balance.label')}
      </h2>
      <p className="lq-balance__amount" data-testid="balance-amount">
        {t('wallet.balance.placeholder')}
      </p>
      <button type="button" className="lq-balance__sign-in" disabled title={t('common.comingSoon')}>
        {t('wallet.signIn')}
      </button>
    </section>
  )
}
