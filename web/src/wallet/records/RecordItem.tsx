import type { ReactNode } from 'react'
import { formatDateTime } from '../../shared/format'
import { useI18n } from '../../shared/i18n'
import { formatFen } from '../../shared/money'
import { Link } from '../../shared/router'
import type { RecordView } from './api'
import {
  OUTCOME_KEY,
  OUTCOME_PILL,
  RECORD_KIND_KEY,
  recordMethodText,
  recordTitle,
  signedRecordAmount,
} from './record-labels'

export function RecordOutcomePill({ record }: { record: RecordView }): ReactNode {
  const { t } = useI18n()
  return (
    <span
      className={`lq-pill lq-pill--${OUTCOME_PILL[record.outcome]}`}
      data-testid="record-status"
      data-status={record.status}
    >
      {t(OUTCOME_KEY[record.outcome])}
    </span>
  )
}

/** One line of 账单: who, how, when; the signed amount, its status and the balance after. */
export function RecordItem({ record }: { record: RecordView }): ReactNode {
  const { t, lang } = useI18n()
  return (
    <li
      className={`lq-op lq-op--${record.outcome}`}
      data-testid="record-item"
      data-record-id={record.id}
      data-kind={record.sourceKind}
      data-status={record.status}
    >
      <Link to={`/records/${encodeURIComponent(record.id)}`} className="lq-op__link">
        <span className="lq-op__main">
          <span className="lq-op__title" data-testid="record-title">
            {recordTitle(t, record)}
          </span>
          <span className="lq-muted">
            {t(RECORD_KIND_KEY[record.sourceKind])} · {recordMethodText(t, record)}
          </span>
          <span className="lq-muted" data-testid="record-time">
            {formatDateTime(record.occurredAtMs, lang)}
          </span>
        </span>
        <span className="lq-op__side">
          <span
            className={`lq-op__amount lq-op__amount--${record.direction}`}
            data-testid="record-amount"
          >
            {signedRecordAmount(record)}
          </span>
          <RecordOutcomePill record={record} />
          {record.balanceAfterFen !== null && (
            <span className="lq-muted" data-testid="record-balance-after">
              {t('records.balanceAfter', { amount: formatFen(record.balanceAfterFen) })}
            </span>
          )}
        </span>
      </Link>
    </li>
  )
}
