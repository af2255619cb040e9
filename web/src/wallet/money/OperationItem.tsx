import type { ReactNode } from 'react'
import { ErrorAlert } from '../../shared/ErrorAlert'
import { formatDateTime } from '../../shared/format'
import { useI18n } from '../../shared/i18n'
import { formatFen } from '../../shared/money'
import { Link } from '../../shared/router'
import type { BankCard, Operation } from '../api'
import { operationFailure } from './ErrorWithAction'
import {
  OPERATION_KIND_KEY,
  OPERATION_PILL,
  OPERATION_STATUS_KEY,
  operationCardText,
} from './labels'
import { useOperationPoll } from './useOperationPoll'

/** +¥100.00 for money in, -¥50.00 for money out (formatFen's sign style). */
export function signedAmount(operation: Operation): string {
  const fen = operation.kind === 'TOPUP' ? operation.amountFen : -operation.amountFen
  return `${fen > 0 ? '+' : ''}${formatFen(fen)}`
}

export function OperationStatusPill({
  operation,
  testId,
}: {
  operation: Operation
  testId: string
}): ReactNode {
  const { t } = useI18n()
  return (
    <span
      className={`lq-pill lq-pill--${OPERATION_PILL[operation.status]}`}
      data-testid={testId}
      data-status={operation.status}
    >
      {t(OPERATION_STATUS_KEY[operation.status])}
    </span>
  )
}

/**
 * One record of 充值提现记录: kind, card, time, amount with its sign, status, the fee of a
 * withdrawal and why a failed one failed. A PROCESSING record follows itself until it settles.
 */
export function OperationItem({
  operation: initial,
  cards,
  onSettled,
}: {
  operation: Operation
  cards: readonly BankCard[]
  onSettled: () => void
}): ReactNode {
  const i18n = useI18n()
  const { t, lang } = i18n
  const { operation, gaveUp } = useOperationPoll(initial, onSettled)
  const failure = operationFailure(operation)
  return (
    <li
      className={`lq-op lq-op--${operation.status.toLowerCase()}`}
      data-testid="operation-item"
      data-operation-id={operation.id}
      data-kind={operation.kind}
      data-status={operation.status}
    >
      <Link to={`/balance/operations/${encodeURIComponent(operation.id)}`} className="lq-op__link">
        <span className="lq-op__main">
          <span className="lq-op__title">{t(OPERATION_KIND_KEY[operation.kind])}</span>
          <span className="lq-muted" data-testid="operation-card">
            {operationCardText(i18n, operation, cards)}
          </span>
          <span className="lq-muted" data-testid="operation-time">
            {formatDateTime(operation.createdAtMs, lang)}
          </span>
        </span>
        <span className="lq-op__side">
          <span
            className={`lq-op__amount lq-op__amount--${operation.kind === 'TOPUP' ? 'in' : 'out'}`}
            data-testid="operation-amount"
          >
            {signedAmount(operation)}
          </span>
          <OperationStatusPill operation={operation} testId="operation-status" />
          {operation.kind === 'WITHDRAW' && (
            <span className="lq-muted" data-testid="operation-fee">
              {t('operation.fee', { amount: formatFen(operation.feeFen) })}
            </span>
          )}
        </span>
      </Link>
      {failure !== null && <ErrorAlert error={failure} testId="operation-failure" />}
      {gaveUp && (
        <p className="lq-muted" data-testid="operation-still-processing">
          {t('operation.stillProcessing')}
        </p>
      )}
    </li>
  )
}
