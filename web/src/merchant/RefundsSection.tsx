import { useCallback, useEffect, useState } from 'react'
import type { FormEvent, ReactNode } from 'react'
import { ErrorAlert } from '../shared/ErrorAlert'
import { SubmitButton, TextField } from '../shared/forms'
import { useI18n } from '../shared/i18n'
import type { MessageKey } from '../shared/i18n'
import { newIdempotencyKey } from '../shared/idempotency'
import { formatFen, parseYuanToFen } from '../shared/money'
import { refundsApi } from './refunds-api'
import type { RefundRequestView, RefundView } from './refunds-api'

/** The console's 退款: refund a payment in full or in part, the refunds, customers' requests. */
export function RefundsSection(): ReactNode {
  const { t } = useI18n()
  const [refunds, setRefunds] = useState<RefundView[]>([])
  const [requests, setRequests] = useState<RefundRequestView[]>([])
  const [error, setError] = useState<unknown>(null)
  const reload = useCallback(async () => {
    try {
      setRefunds((await refundsApi.list()).refunds)
      setRequests((await refundsApi.requests()).requests)
    } catch (caught) {
      setError(caught)
    }
  }, [])
  useEffect(() => {
    void reload()
  }, [reload])
  return (
    <section className="lq-card" data-testid="merchant-refunds">
      <h2 className="lq-card__title">{t('refunds.title')}</h2>
      <RefundForm onDone={() => void reload()} />
      <RequestList requests={requests} onDone={() => void reload()} />
      <h3>{t('refunds.list')}</h3>
      {error !== null && <ErrorAlert error={error} testId="merchant-refunds-error" />}
      {refunds.length === 0 ? (
        <p data-testid="merchant-refunds-empty">{t('refunds.empty')}</p>
      ) : (
        <table className="lq-table" data-testid="merchant-refund-list">
          <thead>
            <tr>
              <th>{t('refunds.col.id')}</th>
              <th>{t('refunds.col.payment')}</th>
              <th>{t('refunds.col.amount')}</th>
              <th>{t('refunds.col.status')}</th>
              <th>{t('refunds.col.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {refunds.map((refund) => (
              <tr key={refund.id} data-testid="merchant-refund-row" data-status={refund.status}>
                <td>{refund.id}</td>
                <td>{refund.paymentId}</td>
                <td>¥{formatFen(refund.amountFen)}</td>
                <td>{t(`refunds.status.${refund.status}` as MessageKey)}</td>
                <td>{refund.reason ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

/** 28 digits is our payment id; anything else the merchant's own order number. */
function paymentRef(text: string): { paymentId: string } | { outTradeNo: string } {
  return /^\d{28}$/.test(text) ? { paymentId: text } : { outTradeNo: text }
}

function RefundForm({ onDone }: { onDone: () => void }): ReactNode {
  const { t } = useI18n()
  const [payment, setPayment] = useState('')
  const [amount, setAmount] = useState('')
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const [done, setDone] = useState<RefundView | null>(null)
  // One refund number per filled-in form: a double click or a retry refunds once.
  const [outRefundNo, setOutRefundNo] = useState(() => `RF${newIdempotencyKey().slice(0, 30)}`)
  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault()
    const parsed = parseYuanToFen(amount)
    if (!parsed.ok) return
    setBusy(true)
    setError(null)
    try {
      const refund = await refundsApi.create({
        ...paymentRef(payment.trim()),
        outRefundNo: outRefundNo.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 64),
        amountFen: parsed.fen,
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      })
      setDone(refund)
      setOutRefundNo(`RF${newIdempotencyKey().slice(0, 30)}`)
      onDone()
    } catch (caught) {
      setError(caught)
    } finally {
      setBusy(false)
    }
  }
  return (
    <form onSubmit={(event) => void submit(event)} data-testid="merchant-refund-form">
      <h3>{t('refunds.new')}</h3>
      <TextField
        label={t('refunds.paymentId')}
        value={payment}
        onValue={setPayment}
        testId="refund-payment"
      />
      <TextField
        label={t('refunds.amount')}
        value={amount}
        onValue={setAmount}
        testId="refund-amount"
        inputMode="decimal"
      />
      <TextField
        label={t('refunds.reason')}
        value={reason}
        onValue={setReason}
        testId="refund-reason"
        maxLength={80}
      />
      <SubmitButton busy={busy} testId="refund-submit">
        {t('refunds.submit')}
      </SubmitButton>
      {error !== null && <ErrorAlert error={error} testId="refund-error" />}
      {done !== null && (
        <p data-testid="refund-done" data-status={done.status}>
          {t('refunds.done', {
            id: done.id,
            status: t(`refunds.status.${done.status}` as MessageKey),
          })}
        </p>
      )}
    </form>
  )
}

function RequestList({ requests, onDone }: { requests: RefundRequestView[]; onDone: () => void }) {
  const { t } = useI18n()
  const [error, setError] = useState<unknown>(null)
  const open = requests.filter(
    (request) => request.status === 'PENDING' || request.status === 'ESCALATED',
  )
  async function decide(request: RefundRequestView, decision: 'approve' | 'reject'): Promise<void> {
    const reason = decision === 'reject' ? window.prompt(t('refunds.rejectReason')) : undefined
    if (decision === 'reject' && !reason) return
    try {
      await refundsApi.decide(request.id, { decision, ...(reason ? { reason } : {}) })
      onDone()
    } catch (caught) {
      setError(caught)
    }
  }
  return (
    <div data-testid="merchant-refund-requests">
      <h3>{t('refunds.requests')}</h3>
      {error !== null && <ErrorAlert error={error} testId="refund-request-error" />}
      {open.length === 0 && <p>{t('refunds.requests.empty')}</p>}
      {open.map((request) => (
        <p key={request.id} data-testid="merchant-refund-request">
          {request.paymentId} · ¥{formatFen(request.amountFen)} · {request.reason} ·{' '}
          {t(`refunds.request.status.${request.status}` as MessageKey)}{' '}
          <button
            type="button"
            className="lq-small-button"
            onClick={() => void decide(request, 'approve')}
          >
            {t('refunds.approve')}
          </button>{' '}
          {request.status === 'PENDING' && (
            <button
              type="button"
              className="lq-small-button"
              onClick={() => void decide(request, 'reject')}
            >
              {t('refunds.reject')}
            </button>
          )}
        </p>
      ))}
    </div>
  )
}
