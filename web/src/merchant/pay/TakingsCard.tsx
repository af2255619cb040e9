import type { ReactNode } from 'react'
import { ErrorAlert } from '../../shared/ErrorAlert'
import { useI18n } from '../../shared/i18n'
import { formatFen } from '../../shared/money'
import { usePolled } from '../../shared/usePolled'
import { merchantPayApi } from './pay-api'

export const TAKINGS_POLL_MS = 5_000

/** 今日收款: the count and gross of today's paid payments, refreshed every 5 s. */
export function TakingsCard(): ReactNode {
  const { t } = useI18n()
  const takings = usePolled(merchantPayApi.takingsToday, 'takings', TAKINGS_POLL_MS)
  return (
    <div className="lq-card lq-takings" data-testid="takings-card" aria-live="polite">
      <h2 className="lq-card__title">{t('mpay.takings.title')}</h2>
      {takings.data === null ? (
        takings.error === null ? (
          <p className="lq-muted">{t('common.loading')}</p>
        ) : (
          <ErrorAlert error={takings.error} testId="takings-error" />
        )
      ) : (
        <div className="lq-overview-tiles">
          <div className="lq-overview-tile">
            <span>{t('mpay.takings.gross')}</span>
            <strong className="lq-overview-tile__value" data-testid="takings-gross">
              {formatFen(takings.data.grossFen)}
            </strong>
          </div>
          <div className="lq-overview-tile">
            <span>{t('mpay.takings.count')}</span>
            <strong className="lq-overview-tile__value" data-testid="takings-count">
              {takings.data.count}
            </strong>
          </div>
        </div>
      )}
    </div>
  )
}
