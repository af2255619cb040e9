import { useCallback, useEffect, useState } from 'react'
import type { FormEvent, ReactNode } from 'react'
import { ErrorAlert } from '../shared/ErrorAlert'
import { SubmitButton, TextField } from '../shared/forms'
import { useI18n } from '../shared/i18n'
import type { MessageKey } from '../shared/i18n'
import { newIdempotencyKey } from '../shared/idempotency'
import { fenToYuanInput, formatFen, parseYuanToFen } from '../shared/money'
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
                <td>{formatFen(refund.amountFen)}</td>
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

type RefundDraft = Omit<Parameters<typeof refundsApi.create>[0], 'outRefundNo'>

/** Sends refunds under one refund number per filled-in form: a double click refunds once. */
function useRefundSender(onDone: (refund: RefundView) => void) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const [done, setDone] = useState<RefundView | null>(null)
  const [outRefundNo, setOutRefundNo] = useState(() => `RF${newIdempotencyKey().slice(0, 30)}`)
  async function send(draft: RefundDraft): Promise<void> {
    setBusy(true)
    setError(null)
    try {
      const refund = await refundsApi.create({
        ...draft,
        outRefundNo: outRefundNo.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 64),
      } as Parameters<typeof refundsApi.create>[0])
      setDone(refund)
      setOutRefundNo(`RF${newIdempotencyKey().slice(0, 30)}`)
      onDone(refund)
    } catch (caught) {
      setError(caught)
    } finally {
      setBusy(false)
    }
  }
  return { busy, error, done, send }
}

/**
 * 发起退款. On a payment's page `paymentId` is that payment (no id to copy) and the amount
 * starts at what is left to refund.
 */
export function RefundForm(props: {
  onDone: (refund: RefundView) => void
  paymentId?: string
  leftFen?: number
}): ReactNode {
  const { t } = useI18n()
  const { onDone } = props
  const [payment, setPayment] = useState(props.paymentId ?? '')
  const [amount, setAmount] = useState(
    props.leftFen === undefined ? '' : fenToYuanInput(props.leftFen),
  )
  const [reason, setReason] = useState('')
  const { busy, error, done, send } = useRefundSender(onDone)
  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault()
    const parsed = parseYuanToFen(amount)
    if (!parsed.ok) return
    await send({
      ...paymentRef(payment.trim()),
      amountFen: parsed.fen,
      ...(reason.trim() ? { reason: reason.trim() } : {}),
    })
  }
  return (
    <form onSubmit={(event) => void submit(event)} data-testid="merchant-refund-form">
      <h3>{t('refunds.new')}</h3>
      {props.paymentId === undefined && (
        <TextField
          label={t('refunds.paymentId')}
          value={payment}
          onValue={setPayment}
          testId="refund-payment"
        />
      )}
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
        <p
          key={request.id}
          data-testid="merchant-refund-request"
          data-payment-id={request.paymentId}
          data-status={request.status}
        >
          {request.paymentId} · {formatFen(request.amountFen)} · {request.reason} ·{' '}
          {t(`refunds.request.status.${request.status}` as MessageKey)}{' '}
          <button
            type="button"
            className="lq-small-button"
            data-testid="refund-request-approve"
            onClick={() => void decide(request, 'approve')}
          >
            {t('refunds.approve')}
          </button>{' '}
          {request.status === 'PENDING' && (
            <button
              type="button"
              className="lq-small-button"
              data-testid="refund-request-reject"
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
