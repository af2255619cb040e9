import { useCallback, useEffect, useState } from 'react'
import type { FormEvent, ReactNode } from 'react'
import type { PaymentRefunds } from '@contract/refunds'
import { api } from '../../shared/api'
import { ErrorAlert } from '../../shared/ErrorAlert'
import { SubmitButton, TextField } from '../../shared/forms'
import { useI18n } from '../../shared/i18n'
import type { MessageKey } from '../../shared/i18n'
import { newIdempotencyKey } from '../../shared/idempotency'
import { fenToYuanInput, formatFen, parseYuanToFen } from '../../shared/money'
import type { RecordActionProps } from './RecordActions'

const NOT_REFUNDABLE = new Set(['FAILED', 'CLOSED', 'USERPAYING', 'PROCESSING', 'CANCELLED'])

/** 申请退款 on a paid payment's record, and the progress of its requests and refunds. */
export function RefundRequestAction({ record, onChanged }: RecordActionProps): ReactNode {
  const { t } = useI18n()
  const paymentId = record.sourceId
  const applies = record.sourceKind === 'PAYMENT' && !NOT_REFUNDABLE.has(record.status)
  const [view, setView] = useState<PaymentRefunds | null>(null)
  const [error, setError] = useState<unknown>(null)
  const reload = useCallback(async () => {
    try {
      setView(
        await api.get<PaymentRefunds>(
          `/api/v1/me/payments/${encodeURIComponent(paymentId)}/refunds`,
        ),
      )
    } catch (caught) {
      setError(caught)
    }
  }, [paymentId])
  useEffect(() => {
    if (applies) void reload()
  }, [applies, reload])
  if (!applies) return null
  const open = view?.requests.some(
    (each) => each.status === 'PENDING' || each.status === 'ESCALATED',
  )
  const leftFen = record.amountFen - (view?.refundedFen ?? 0)
  return (
    <div data-testid="refund-request-action">
      {error !== null && <ErrorAlert error={error} testId="refund-progress-error" />}
      {view !== null && (view.refunds.length > 0 || view.requests.length > 0) && (
        <div data-testid="refund-progress">
          <h3>{t('refunds.history')}</h3>
          {view.requests.map((request) => (
            <p key={request.id} data-testid="refund-request-status" data-status={request.status}>
              {t('refunds.requests')} {formatFen(request.amountFen)} ·{' '}
              {t(`refunds.request.status.${request.status}` as MessageKey)}
              {request.decisionReason !== null &&
                ` · ${t('refunds.decisionReason', { reason: request.decisionReason })}`}
            </p>
          ))}
          {view.refunds.map((refund) => (
            <p key={refund.id} data-testid="refund-status" data-status={refund.status}>
              {t('refunds.title')} {formatFen(refund.amountFen)} ·{' '}
              {t(`refunds.status.${refund.status}` as MessageKey)}
            </p>
          ))}
        </div>
      )}
      {view !== null && !open && leftFen > 0 && (
        <AskForm
          paymentId={paymentId}
          leftFen={leftFen}
          onSent={() => {
            void reload()
            onChanged()
          }}
        />
      )}
    </div>
  )
}

function AskForm(props: { paymentId: string; leftFen: number; onSent: () => void }): ReactNode {
  const { t } = useI18n()
  const [amount, setAmount] = useState(fenToYuanInput(props.leftFen))
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const [key] = useState(() => newIdempotencyKey())
  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault()
    const parsed = parseYuanToFen(amount)
    if (!parsed.ok || reason.trim() === '') return
    setBusy(true)
    setError(null)
    try {
      await api.post('/api/v1/me/refund-requests', {
        paymentId: props.paymentId,
        amountFen: parsed.fen,
        reason: reason.trim(),
        idempotencyKey: key,
      })
      props.onSent()
    } catch (caught) {
      setError(caught)
    } finally {
      setBusy(false)
    }
  }
  return (
    <form onSubmit={(event) => void submit(event)} data-testid="refund-request-form">
      <h3>{t('refunds.ask')}</h3>
      <TextField
        label={t('refunds.amount')}
        value={amount}
        onValue={setAmount}
        testId="refund-request-amount"
        inputMode="decimal"
      />
      <TextField
        label={t('refunds.reason')}
        value={reason}
        onValue={setReason}
        testId="refund-request-reason"
        maxLength={200}
      />
      <SubmitButton busy={busy} testId="refund-request-submit">
        {t('refunds.ask.submit')}
      </SubmitButton>
      {error !== null && <ErrorAlert error={error} testId="refund-request-error" />}
    </form>
  )
}
