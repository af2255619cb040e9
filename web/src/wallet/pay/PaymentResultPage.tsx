import { useEffect, useState } from 'react'
import type { ReactNode } from 'react'
import { ErrorAlert } from '../../shared/ErrorAlert'
import { formatDateTime } from '../../shared/format'
import { useI18n } from '../../shared/i18n'
import type { MessageKey } from '../../shared/i18n'
import { formatFen } from '../../shared/money'
import { Link } from '../../shared/router'
import { useApiData } from '../../shared/useApiData'
import { PageShell } from '../components/PageShell'
import { bankNameText } from '../../shared/bank-name'
import { payApi } from './pay-api'
import type { Payment, PaymentStatus } from './pay-api'
import { paymentFailure } from './pay-outcome'

/** Where a payment's 账单 record is listed. */
export const RECORDS_PATH = '/records'
const POLL_INTERVAL_MS = 2_000
const POLL_ROUNDS_MAX = 30

const TITLE: Record<PaymentStatus, MessageKey> = {
  SUCCESS: 'pay.result.SUCCESS',
  PROCESSING: 'pay.result.PROCESSING',
  USERPAYING: 'pay.result.USERPAYING',
  FAILED: 'pay.result.FAILED',
  CLOSED: 'pay.result.CLOSED',
}
const ICON: Record<PaymentStatus, string> = {
  SUCCESS: '✓',
  PROCESSING: '…',
  USERPAYING: '…',
  FAILED: '!',
  CLOSED: '×',
}

/** Follows a payment still waiting (bank or customer) every 2 s for a minute. */
function usePaymentPoll(loaded: Payment): Payment {
  const [payment, setPayment] = useState(loaded)
  const waiting = payment.status === 'PROCESSING' || payment.status === 'USERPAYING'
  useEffect(() => {
    if (!waiting) return
    let live = true
    let rounds = 0
    let timer = 0
    const tick = async () => {
      rounds++
      try {
        const next = await payApi.payment(loaded.id)
        if (!live) return
        setPayment(next)
        if (next.status !== 'PROCESSING' && next.status !== 'USERPAYING') return
      } catch {
        // Tried again on the next tick.
      }
      if (live && rounds < POLL_ROUNDS_MAX)
        timer = window.setTimeout(() => void tick(), POLL_INTERVAL_MS)
    }
    timer = window.setTimeout(() => void tick(), POLL_INTERVAL_MS)
    return () => {
      live = false
      window.clearTimeout(timer)
    }
  }, [waiting, loaded.id])
  return payment
}

function methodText(payment: Payment, t: ReturnType<typeof useI18n>['t']): string {
  const method = payment.method
  if (method === null) return '—'
  if (method.kind === 'balance') return t('pay.method.balance')
  return `${bankNameText(t, method.bankCode)} (${method.last4})`
}

function PaymentResult({ loaded }: { loaded: Payment }): ReactNode {
  const { t, lang } = useI18n()
  const payment = usePaymentPoll(loaded)
  const failure = paymentFailure(payment)
  const rows: [MessageKey, string, string][] = [
    ['pay.result.merchant', payment.merchant.name, 'pay-result-merchant'],
    ['pay.result.method', methodText(payment, t), 'pay-result-method'],
    [
      'pay.result.time',
      formatDateTime(payment.paidAtMs ?? payment.createdAtMs, lang),
      'pay-result-time',
    ],
    ['pay.result.id', payment.id, 'pay-result-id'],
  ]
  if (payment.description !== '')
    rows.splice(1, 0, ['pay.result.description', payment.description, 'pay-result-description'])
  if (payment.note !== null) rows.splice(1, 0, ['pay.result.note', payment.note, 'pay-result-note'])
  if (payment.coupon !== null && payment.discountFen > 0) {
    rows.splice(
      1,
      0,
      ['pay.result.original', formatFen(payment.amountFen), 'pay-result-original'],
      [
        'pay.result.coupon',
        `−${formatFen(payment.discountFen)} (${payment.coupon.name})`,
        'pay-result-coupon',
      ],
    )
  }
  return (
    <section
      className={`lq-card lq-done lq-result lq-result--${payment.status === 'SUCCESS' ? 'succeeded' : payment.status.toLowerCase()}`}
      data-testid="pay-result"
      data-status={payment.status}
      aria-live="polite"
    >
      <span className="lq-done__icon" aria-hidden="true">
        {ICON[payment.status]}
      </span>
      <h2 data-testid="pay-result-title">{t(TITLE[payment.status])}</h2>
      <p className="lq-result__amount" data-testid="pay-result-amount">
        {formatFen(payment.payableFen)}
      </p>
      {failure !== null && <ErrorAlert error={failure} testId="pay-result-failure" />}
      <dl className="lq-result__facts">
        {rows.map(([key, value, testId]) => (
          <div key={key}>
            <dt>{t(key)}</dt>
            <dd data-testid={testId}>{value}</dd>
          </div>
        ))}
      </dl>
      <Link to="/" className="lq-button lq-button--primary" testId="pay-result-done">
        {t('result.done')}
      </Link>
      <Link to={RECORDS_PATH} className="lq-link-button" testId="pay-result-record">
        {t('pay.result.record')}
      </Link>
    </section>
  )
}

/** /pay/payments/<id>: 支付成功 (or where it stands), the amount, the merchant, the record. */
export function PaymentResultPage({ paymentId }: { paymentId: string }): ReactNode {
  const { t } = useI18n()
  const payment = useApiData(() => payApi.payment(paymentId), paymentId)
  return (
    <PageShell titleKey="pay.result.pageTitle" testId="pay-result-page">
      {payment.state.kind === 'loading' && (
        <p className="lq-card lq-muted">{t('common.loading')}</p>
      )}
      {payment.state.kind === 'error' && (
        <section className="lq-card">
          <ErrorAlert error={payment.state.error} />
        </section>
      )}
      {payment.state.kind === 'ready' && <PaymentResult loaded={payment.state.data} />}
    </PageShell>
  )
}
