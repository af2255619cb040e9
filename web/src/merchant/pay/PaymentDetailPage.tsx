import type { ReactNode } from 'react'
import { ApiError } from '../../shared/api'
import { bankNameText } from '../../shared/bank-name'
import { ErrorAlert } from '../../shared/ErrorAlert'
import { formatDateTime } from '../../shared/format'
import { useI18n } from '../../shared/i18n'
import type { I18n, MessageKey } from '../../shared/i18n'
import { formatFen } from '../../shared/money'
import { Link } from '../../shared/router'
import { usePolled } from '../../shared/usePolled'
import { RefundForm } from '../RefundsSection'
import { CHANNEL_KEY } from './labels'
import { merchantPayApi } from './pay-api'
import type { MerchantPayment } from './pay-api'
import { PayStatusPill } from './StatusPill'

const WAITING = new Set(['USERPAYING', 'PROCESSING'])
export const PAYMENT_POLL_MS = 2_000

function methodText(payment: MerchantPayment, t: I18n['t']): string {
  if (payment.method === null) return '—'
  if (payment.method.kind === 'balance') return t('mpay.method.balance')
  const bank = payment.method.bankCode
  return bank === null ? t('mpay.method.card') : bankNameText(t, bank)
}

function PaymentFacts({ payment }: { payment: MerchantPayment }): ReactNode {
  const { t, lang } = useI18n()
  const rows: [MessageKey, ReactNode, string][] = [
    ['mpay.payment.id', payment.id, 'payment-id'],
    [
      'mpay.payments.col.status',
      <PayStatusPill key="s" payment={payment.status} testId="payment-status" />,
      'payment-status-row',
    ],
    ['mpay.payments.col.amount', formatFen(payment.amountFen), 'payment-amount-value'],
    ['mpay.payments.col.fee', formatFen(payment.feeFen), 'payment-fee'],
    ['mpay.payment.net', formatFen(payment.amountFen - payment.feeFen), 'payment-net'],
    ['mpay.payments.col.channel', t(CHANNEL_KEY[payment.channel]), 'payment-channel'],
    ['mpay.payment.method', methodText(payment, t), 'payment-method'],
    ['mpay.payments.col.payer', payment.payer.maskedName, 'payment-payer'],
    ['mpay.orders.col.description', payment.description, 'payment-description'],
    ['mpay.payment.outTradeNo', payment.outTradeNo ?? '—', 'payment-out-trade-no'],
    ['mpay.payments.col.time', formatDateTime(payment.createdAtMs, lang), 'payment-created'],
  ]
  if (payment.note !== null) rows.push(['mpay.payment.note', payment.note, 'payment-note'])
  if (payment.paidAtMs !== null)
    rows.push(['mpay.payment.paidAt', formatDateTime(payment.paidAtMs, lang), 'payment-paid-at'])
  if (payment.refundedFen > 0)
    rows.push(['mpay.payment.refunded', formatFen(payment.refundedFen), 'payment-refunded'])
  return (
    <dl className="lq-facts">
      {rows.map(([key, value, testId]) => (
        <div key={key} data-testid={testId}>
          <dt>{t(key)}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  )
}

/** One payment as the shop sees it: amounts, fee, method, payer, order; live while it waits. */
export function PaymentDetailPage({ paymentId }: { paymentId: string }): ReactNode {
  const { t } = useI18n()
  const polled = usePolled(
    () => merchantPayApi.payment(paymentId),
    paymentId,
    PAYMENT_POLL_MS,
    (data) => WAITING.has(data.status),
  )
  const payment = polled.data
  const failure = payment?.failure
  return (
    <section className="lq-admin-page" data-testid="merchant-payment" data-status={payment?.status}>
      <p>
        <Link to="/merchant/payments" testId="payment-back">
          ‹ {t('mpay.payments.title')}
        </Link>
      </p>
      <h1>{t('mpay.payment.title')}</h1>
      {payment === null && polled.error === null && (
        <p className="lq-muted">{t('common.loading')}</p>
      )}
      {payment === null && <ErrorAlert error={polled.error} />}
      {payment !== null && (
        <div className="lq-card">
          <PaymentFacts payment={payment} />
          {failure !== undefined && failure !== null && (
            <ErrorAlert
              error={new ApiError(0, failure.code, failure.message, failure.details)}
              testId="payment-failure"
            />
          )}
          {payment.orderId !== null && (
            <Link to={`/merchant/orders/${payment.orderId}`} testId="payment-order-link">
              {t('mpay.order.title')}
            </Link>
          )}
        </div>
      )}
      {payment !== null && payment.paidAtMs !== null && payment.amountFen > payment.refundedFen && (
        <div className="lq-card" data-testid="payment-refund">
          <RefundForm
            paymentId={payment.id}
            leftFen={payment.amountFen - payment.refundedFen}
            // The payment again, so 已退款 and what is left show the refund at once.
            onDone={() => void merchantPayApi.payment(paymentId).then(polled.replace)}
          />
        </div>
      )}
    </section>
  )
}
