import type { ReactNode } from 'react'
import { ErrorAlert } from '../../shared/ErrorAlert'
import { formatDateTime } from '../../shared/format'
import { useI18n } from '../../shared/i18n'
import { formatFen } from '../../shared/money'
import { Link } from '../../shared/router'
import { useApiData } from '../../shared/useApiData'
import { PageShell } from '../components/PageShell'
import { useUser } from '../session'
import type { RecordView } from './api'
import { recordsApi } from './api'
import { RecordActions } from './RecordActions'
import { RecordDetail } from './RecordDetail'
import { RecordOutcomePill } from './RecordItem'
import { RECORD_KIND_KEY, recordMethodText, recordTitle, signedRecordAmount } from './record-labels'
import './records.css'

function RecordFields({ record }: { record: RecordView }): ReactNode {
  const { t, lang } = useI18n()
  const rows: [string, string, ReactNode][] = [
    ['counterparty', t('record.counterparty'), record.counterparty.name],
    ['type', t('record.type'), t(RECORD_KIND_KEY[record.sourceKind])],
    ['method', t('record.method'), recordMethodText(t, record)],
    ['status', t('record.status'), <RecordOutcomePill record={record} />],
    ['time', t('record.time'), formatDateTime(record.occurredAtMs, lang)],
    ['reference', t('record.reference'), record.sourceId],
    ['record-id', t('record.recordId'), record.id],
  ]
  if (record.balanceAfterFen !== null) {
    rows.splice(4, 0, ['balance', t('record.balanceAfter'), formatFen(record.balanceAfterFen)])
  }
  return (
    <dl className="lq-record-fields">
      {rows.map(([key, label, value]) => (
        <div key={key} data-testid={`record-field-${key}`}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  )
}

/** 账单详情: the amount, who and how, the producer's detail and the actions that apply. */
export function RecordPage({ recordId }: { recordId: string }): ReactNode {
  const { t } = useI18n()
  const user = useUser()
  const loaded = useApiData(() => recordsApi.get(recordId), `${user.id}:${recordId}`)
  return (
    <PageShell titleKey="record.title" backTo="/records" testId="record-page">
      {loaded.state.kind === 'loading' && <p className="lq-muted">{t('common.loading')}</p>}
      {loaded.state.kind === 'error' && <ErrorAlert error={loaded.state.error} />}
      {loaded.state.kind === 'ready' && (
        <>
          <section className="lq-card lq-record-head" data-outcome={loaded.state.data.outcome}>
            <p className="lq-record-head__title" data-testid="record-page-title">
              {recordTitle(t, loaded.state.data)}
            </p>
            <p
              className={`lq-record-head__amount lq-op__amount--${loaded.state.data.direction}`}
              data-testid="record-page-amount"
            >
              {signedRecordAmount(loaded.state.data)}
            </p>
            <RecordFields record={loaded.state.data} />
          </section>
          <RecordDetail detail={loaded.state.data.detail} />
          {(loaded.state.data.sourceKind === 'TOPUP' ||
            loaded.state.data.sourceKind === 'WITHDRAW') && (
            <section className="lq-card lq-rows">
              <Link
                to={`/balance/operations/${encodeURIComponent(loaded.state.data.sourceId)}`}
                className="lq-row"
                testId="record-operation"
              >
                <span>{t('record.operation')}</span>
              </Link>
            </section>
          )}
          <RecordActions record={loaded.state.data} onChanged={loaded.reload} />
        </>
      )}
    </PageShell>
  )
}
