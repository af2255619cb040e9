import type { StatusReasonCode } from '@contract/admin'
import type { ReactNode } from 'react'
import { useI18n } from '../../shared/i18n'
import type { I18n, MessageKey } from '../../shared/i18n'
import { Link } from '../../shared/router'
import type { UserView } from '../api'

const REASON_KEY: Record<StatusReasonCode, MessageKey> = {
  self_freeze: 'statusReason.self_freeze',
  demo_freeze: 'statusReason.demo_freeze',
}

function isReasonCode(reason: string): reason is StatusReasonCode {
  return Object.hasOwn(REASON_KEY, reason)
}

/** Codes the server stores as a status reason; anything else is an operator's own words. */
export function statusReasonText(t: I18n['t'], reason: string | null): string | null {
  if (reason === null || reason === '') return null
  return isReasonCode(reason) ? t(REASON_KEY[reason]) : reason
}

/** Red for frozen, amber for restricted, nothing for a normal account. */
export function StatusBanner({
  user,
  appealLink = true,
}: {
  user: UserView
  /** Off on the appeal page itself. */
  appealLink?: boolean
}): ReactNode {
  const { t } = useI18n()
  if (user.status === 'normal') return null
  const frozen = user.status === 'frozen'
  const reason = statusReasonText(t, user.statusReason)
  return (
    <section
      className={`lq-banner lq-banner--${frozen ? 'danger' : 'warning'}`}
      role="alert"
      data-testid="status-banner"
      data-status={user.status}
    >
      <h2 className="lq-banner__title">
        {t(frozen ? 'wallet.banner.frozen.title' : 'wallet.banner.restricted.title')}
      </h2>
      <p>{t(frozen ? 'wallet.banner.frozen.body' : 'wallet.banner.restricted.body')}</p>
      {reason !== null && (
        <p className="lq-banner__reason" data-testid="status-reason">
          {t('wallet.banner.reason', { reason })}
        </p>
      )}
      {frozen && appealLink && (
        <Link to="/appeal" className="lq-banner__action" testId="banner-appeal">
          {t('wallet.banner.frozen.action')}
        </Link>
      )}
    </section>
  )
}
