import type { ReactNode } from 'react'
import { ApiError, localError } from '../../shared/api'
import { ErrorAlert } from '../../shared/ErrorAlert'
import { formatDateTime } from '../../shared/format'
import { useI18n } from '../../shared/i18n'
import type { MessageKey } from '../../shared/i18n'
import { fenToYuanInput, formatFen } from '../../shared/money'
import { Link } from '../../shared/router'
import { useApiData } from '../../shared/useApiData'
import { walletApi } from '../api'
import type { BankCard, Operation, OperationKind, OperationStatus } from '../api'
import { PageShell } from '../components/PageShell'
import { operationFailure } from '../money/ErrorWithAction'
import { operationCardText } from '../money/labels'
import { OperationStatusPill } from '../money/OperationItem'
import { OrderNumber } from '../money/OrderNumber'
import { useOperationPoll } from '../money/useOperationPoll'
import { useUser } from '../session'

const TITLE_KEY: Record<OperationKind, Record<OperationStatus, MessageKey>> = {
  TOPUP: {
    SUCCEEDED: 'result.TOPUP.SUCCEEDED',
    PROCESSING: 'result.TOPUP.PROCESSING',
    FAILED: 'result.TOPUP.FAILED',
  },
  WITHDRAW: {
    SUCCEEDED: 'result.WITHDRAW.SUCCEEDED',
    PROCESSING: 'result.WITHDRAW.PROCESSING',
    FAILED: 'result.WITHDRAW.FAILED',
  },
}

const ICON: Record<OperationStatus, string> = { SUCCEEDED: '✓', PROCESSING: '…', FAILED: '!' }

/** The form this operation came from, filled in again, for 再试一次. */
export function retryPath(operation: Operation): string {
  const form = operation.kind === 'TOPUP' ? '/balance/top-up' : '/balance/withdraw'
  const query = new URLSearchParams({
    card: operation.card.id,
    amount: fenToYuanInput(operation.amountFen),
  })
  return `${form}?${query.toString()}`
}

function Facts({ operation, cards }: { operation: Operation; cards: readonly BankCard[] }) {
  const i18n = useI18n()
  const { t, lang } = i18n
  const rows: [MessageKey, string, string][] = [
    ['result.card', operationCardText(i18n, operation, cards), 'money-result-card'],
    ['result.time', formatDateTime(operation.createdAtMs, lang), 'money-result-time'],
  ]
  if (operation.kind === 'WITHDRAW') {
    rows.push(['result.fee', formatFen(operation.feeFen), 'money-result-fee'])
    // 成功 means the bank has credited the card: then the arrival is a fact, not an estimate.
    if (operation.status === 'SUCCEEDED' && operation.completedAtMs !== null) {
      const time = formatDateTime(operation.completedAtMs, lang)
      rows.push(['result.arrived', time, 'money-result-arrived'])
    } else if (operation.status === 'PROCESSING' && operation.expectedArrivalAtMs !== null) {
      const time = formatDateTime(operation.expectedArrivalAtMs, lang)
      rows.push(['result.arrival', t('result.pending.arrival', { time }), 'money-result-arrival'])
    }
  }
  return (
    <dl className="lq-result__facts">
      {rows.map(([key, value, testId]) => (
        <div key={key}>
          <dt>{t(key)}</dt>
          <dd data-testid={testId}>{value}</dd>
        </div>
      ))}
      <OrderNumber operationId={operation.id} />
    </dl>
  )
}

/** 成功 / 处理中 / 失败 with the reason; a PROCESSING one updates itself for up to a minute. */
function OperationResult({
  operation: loaded,
  cards,
}: {
  operation: Operation
  cards: readonly BankCard[]
}): ReactNode {
  const { t } = useI18n()
  const { operation, gaveUp, restart } = useOperationPoll(loaded)
  const failure = operationFailure(operation)
  const status = operation.status
  return (
    <section
      className={`lq-card lq-done lq-result lq-result--${status.toLowerCase()}`}
      data-testid="money-result"
      data-kind={operation.kind}
      data-status={status}
      aria-live="polite"
    >
      <span className="lq-done__icon" aria-hidden="true">
        {ICON[status]}
      </span>
      <h2 data-testid="money-result-title">{t(TITLE_KEY[operation.kind][status])}</h2>
      <p className="lq-result__amount" data-testid="money-result-amount">
        {formatFen(operation.amountFen)}
      </p>
      <OperationStatusPill operation={operation} testId="money-result-status" />
      {failure !== null && <ErrorAlert error={failure} testId="money-result-failure" />}
      {status === 'PROCESSING' && !gaveUp && <p>{t('result.processing')}</p>}
      {gaveUp && (
        <p data-testid="money-result-still-processing">
          {t('operation.stillProcessing')}{' '}
          <button type="button" className="lq-link-button" onClick={restart}>
            {t('operation.refresh')}
          </button>
        </p>
      )}
      <Facts operation={operation} cards={cards} />
      <Link to="/balance" className="lq-button lq-button--primary" testId="money-result-done">
        {t('result.done')}
      </Link>
      {status === 'FAILED' && (
        <Link
          to={retryPath(operation)}
          className="lq-button lq-button--secondary"
          testId="money-result-retry"
        >
          {t('result.tryAgain')}
        </Link>
      )}
    </section>
  )
}

/** The server's NOT_FOUND names no resource (未找到该资源); here it is always this record. */
export function notFoundAsOperation(error: unknown): unknown {
  if (!(error instanceof ApiError) || error.code !== 'NOT_FOUND') return error
  return localError('NOT_FOUND', 'result.notFound')
}

/** /balance/operations/:id: where a top-up or withdrawal lands, and where a record opens. */
export function OperationPage({ operationId }: { operationId: string }): ReactNode {
  const { t } = useI18n()
  const user = useUser()
  const operation = useApiData(() => walletApi.operation(operationId), operationId)
  const cards = useApiData(walletApi.cards, user.id)
  const cardList = cards.state.kind === 'ready' ? cards.state.data.cards : []

  return (
    <PageShell titleKey="result.title" backTo="/balance" testId="operation-page">
      {operation.state.kind === 'loading' && (
        <p className="lq-card lq-muted">{t('common.loading')}</p>
      )}
      {operation.state.kind === 'error' && (
        <section className="lq-card">
          <ErrorAlert error={notFoundAsOperation(operation.state.error)} />
          <Link to="/balance">{t('balance.open')}</Link>
        </section>
      )}
      {operation.state.kind === 'ready' && (
        <OperationResult operation={operation.state.data} cards={cardList} />
      )}
    </PageShell>
  )
}
