import { useState } from 'react'
import type { ReactNode } from 'react'
import { ErrorAlert } from '../../shared/ErrorAlert'
import { formatDateTime } from '../../shared/format'
import { useI18n } from '../../shared/i18n'
import type { MessageKey } from '../../shared/i18n'
import { formatFen } from '../../shared/money'
import { Link } from '../../shared/router'
import { usePolled } from '../../shared/usePolled'
import { merchantPayApi } from './pay-api'
import type { Order } from './pay-api'
import { PayStatusPill } from './StatusPill'

export const ORDER_POLL_MS = 2_000
const OPEN = new Set(['NOTPAY', 'USERPAYING'])

function CloseButton({ order, onClosed }: { order: Order; onClosed: (order: Order) => void }) {
  const { t } = useI18n()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  async function close(): Promise<void> {
    if (!window.confirm(t('mpay.order.closeConfirm'))) return
    setBusy(true)
    setError(null)
    try {
      onClosed(await merchantPayApi.closeOrder(order.id))
    } catch (caught) {
      setError(caught)
    } finally {
      setBusy(false)
    }
  }
  return (
    <>
      <button
        type="button"
        className="lq-button"
        disabled={busy}
        onClick={() => void close()}
        data-testid="order-close"
      >
        {t('mpay.order.close')}
      </button>
      <ErrorAlert error={error} testId="order-close-error" />
    </>
  )
}

function OrderFacts({ order }: { order: Order }): ReactNode {
  const { t, lang } = useI18n()
  const rows: [MessageKey, ReactNode, string][] = [
    ['mpay.orders.col.number', order.outTradeNo, 'order-number'],
    ['mpay.orders.col.description', order.description, 'order-description-value'],
    ['mpay.orders.col.amount', formatFen(order.amountFen), 'order-amount'],
    [
      'mpay.orders.col.status',
      <PayStatusPill key="status" order={order.status} testId="order-status" />,
      'order-status-row',
    ],
    ['mpay.orders.col.created', formatDateTime(order.createdAtMs, lang), 'order-created'],
    ['mpay.order.expires', formatDateTime(order.expiresAtMs, lang), 'order-expires'],
  ]
  if (order.closedAtMs !== null)
    rows.push(['mpay.order.closedAt', formatDateTime(order.closedAtMs, lang), 'order-closed-at'])
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

function OrderView({ order, onClosed }: { order: Order; onClosed: (order: Order) => void }) {
  const { t } = useI18n()
  const open = OPEN.has(order.status)
  return (
    <div className="lq-console__grid">
      <div className="lq-card lq-qr-poster" data-testid="order-qr-card" data-status={order.status}>
        {open ? (
          <>
            <img
              className="lq-qr-poster__image"
              src={merchantPayApi.orderImageUrl(order.id)}
              alt={t('mpay.order.qrAlt')}
              data-testid="order-qr"
            />
            <p className="lq-qr-poster__hint">
              {t('mpay.order.scanHint', { amount: formatFen(order.amountFen) })}
            </p>
            <p className="lq-qr-poster__url" data-testid="order-pay-url">
              {order.payUrl}
            </p>
          </>
        ) : (
          <p className="lq-qr-poster__done" data-testid="order-qr-gone">
            {t(order.status === 'PAID' ? 'mpay.order.paidDone' : 'mpay.order.noLongerPayable')}
          </p>
        )}
      </div>
      <div className="lq-card">
        <OrderFacts order={order} />
        {order.paymentId !== null && (
          <Link to={`/merchant/payments/${order.paymentId}`} testId="order-payment-link">
            {t('mpay.payment.detail')}
          </Link>
        )}
        {open && <CloseButton order={order} onClosed={onClosed} />}
      </div>
    </div>
  )
}

/** One order: its QR while it can be paid, its status live until paid, closed or expired. */
export function OrderDetailPage({ orderId }: { orderId: string }): ReactNode {
  const { t } = useI18n()
  const order = usePolled(
    () => merchantPayApi.order(orderId),
    orderId,
    ORDER_POLL_MS,
    (data) => OPEN.has(data.status),
  )
  return (
    <section className="lq-admin-page" data-testid="merchant-order">
      <p>
        <Link to="/merchant/orders" testId="order-back">
          ‹ {t('mpay.orders.title')}
        </Link>
      </p>
      <h1>{t('mpay.order.title')}</h1>
      {order.data === null && order.error === null && (
        <p className="lq-muted">{t('common.loading')}</p>
      )}
      {order.data === null && <ErrorAlert error={order.error} />}
      {order.data !== null && <OrderView order={order.data} onClosed={order.replace} />}
    </section>
  )
}
