import { useState } from 'react'
import type { ReactNode } from 'react'
import { ErrorAlert } from '../../shared/ErrorAlert'
import { formatDateTime } from '../../shared/format'
import { useI18n } from '../../shared/i18n'
import { formatFen } from '../../shared/money'
import { Link } from '../../shared/router'
import { useApiData } from '../../shared/useApiData'
import { ORDER_STATUS_KEY, ORDER_STATUSES } from './labels'
import { OrderCreateForm } from './OrderCreateForm'
import { merchantPayApi } from './pay-api'
import type { Order, OrderStatus } from './pay-api'
import { Pager, StatusFilter, useKeysetPages } from './Pager'
import { PayStatusPill } from './StatusPill'

export const ORDERS_PAGE_SIZE = 20

function OrdersTable({ orders }: { orders: readonly Order[] }): ReactNode {
  const { t, lang } = useI18n()
  if (orders.length === 0)
    return (
      <p className="lq-muted" data-testid="orders-empty">
        {t('mpay.orders.empty')}
      </p>
    )
  return (
    <table className="lq-table" data-testid="orders-table">
      <thead>
        <tr>
          <th>{t('mpay.orders.col.number')}</th>
          <th>{t('mpay.orders.col.description')}</th>
          <th className="lq-table__money">{t('mpay.orders.col.amount')}</th>
          <th>{t('mpay.orders.col.status')}</th>
          <th>{t('mpay.orders.col.created')}</th>
        </tr>
      </thead>
      <tbody>
        {orders.map((order) => (
          <tr
            key={order.id}
            data-testid="order-row"
            data-order-id={order.id}
            data-status={order.status}
          >
            <td>
              <Link to={`/merchant/orders/${order.id}`} testId="order-link">
                {order.outTradeNo}
              </Link>
            </td>
            <td>{order.description}</td>
            <td className="lq-table__money">{formatFen(order.amountFen)}</td>
            <td>
              <PayStatusPill order={order.status} />
            </td>
            <td className="lq-nowrap">{formatDateTime(order.createdAtMs, lang)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** 订单: create an order (动态码) and the orders so far, by status, a page at a time. */
export function OrdersPage(): ReactNode {
  const { t } = useI18n()
  const [status, setStatus] = useState<OrderStatus | ''>('')
  const pages = useKeysetPages(status)
  const orders = useApiData(
    () =>
      merchantPayApi.orders({
        ...(status === '' ? {} : { status }),
        ...(pages.cursor === undefined ? {} : { cursor: pages.cursor }),
        limit: ORDERS_PAGE_SIZE,
      }),
    `${status}|${pages.cursor ?? ''}`,
  )
  return (
    <section className="lq-admin-page" data-testid="merchant-orders">
      <h1>{t('mpay.orders.title')}</h1>
      <OrderCreateForm />
      <div className="lq-card">
        <div className="lq-filters">
          <StatusFilter
            label={t('mpay.orders.col.status')}
            value={status}
            options={ORDER_STATUSES}
            text={(option) => t(ORDER_STATUS_KEY[option])}
            onValue={setStatus}
            testId="orders-status"
          />
          <button
            type="button"
            className="lq-small-button"
            onClick={orders.reload}
            data-testid="orders-refresh"
          >
            {t('mpay.refresh')}
          </button>
        </div>
        {orders.state.kind === 'loading' && <p className="lq-muted">{t('common.loading')}</p>}
        {orders.state.kind === 'error' && <ErrorAlert error={orders.state.error} />}
        {orders.state.kind === 'ready' && (
          <>
            <OrdersTable orders={orders.state.data.orders} />
            <Pager
              page={pages.page}
              nextCursor={orders.state.data.nextCursor}
              onNext={pages.next}
              onPrevious={pages.previous}
              testId="orders-pager"
            />
          </>
        )}
      </div>
    </section>
  )
}
