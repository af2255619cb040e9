import { useState } from 'react'
import type { ReactNode } from 'react'
import { ErrorAlert } from '../../shared/ErrorAlert'
import { formatDateTime } from '../../shared/format'
import { useI18n } from '../../shared/i18n'
import { formatFen } from '../../shared/money'
import { Link } from '../../shared/router'
import { useApiData } from '../../shared/useApiData'
import { CHANNEL_KEY, PAYMENT_STATUS_KEY, PAYMENT_STATUSES } from './labels'
import { merchantPayApi } from './pay-api'
import type { MerchantPayment, PaymentStatus } from './pay-api'
import { Pager, StatusFilter, useKeysetPages } from './Pager'
import { PayStatusPill } from './StatusPill'
import { TakingsCard } from './TakingsCard'
import { dayRange, shanghaiDate } from './day-range'

export const PAYMENTS_PAGE_SIZE = 20

function PaymentsTable({ payments }: { payments: readonly MerchantPayment[] }): ReactNode {
  const { t, lang } = useI18n()
  if (payments.length === 0)
    return (
      <p className="lq-muted" data-testid="payments-empty">
        {t('mpay.payments.empty')}
      </p>
    )
  return (
    <table className="lq-table" data-testid="payments-table">
      <thead>
        <tr>
          <th>{t('mpay.payments.col.time')}</th>
          <th>{t('mpay.payments.col.channel')}</th>
          <th>{t('mpay.payments.col.payer')}</th>
          <th className="lq-table__money">{t('mpay.payments.col.amount')}</th>
          <th className="lq-table__money">{t('mpay.payments.col.fee')}</th>
          <th>{t('mpay.payments.col.status')}</th>
        </tr>
      </thead>
      <tbody>
        {payments.map((payment) => (
          <tr
            key={payment.id}
            data-testid="payment-row"
            data-payment-id={payment.id}
            data-status={payment.status}
          >
            <td className="lq-nowrap">
              <Link to={`/merchant/payments/${payment.id}`} testId="payment-link">
                {formatDateTime(payment.paidAtMs ?? payment.createdAtMs, lang)}
              </Link>
            </td>
            <td>{t(CHANNEL_KEY[payment.channel])}</td>
            <td>{payment.payer.maskedName}</td>
            <td className="lq-table__money" data-testid="payment-amount">
              {formatFen(payment.amountFen)}
            </td>
            <td className="lq-table__money">{formatFen(payment.feeFen)}</td>
            <td>
              <PayStatusPill payment={payment.status} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** 收款记录: today's takings (live), then the payments of a day by status, a page at a time. */
export function PaymentsPage(): ReactNode {
  const { t } = useI18n()
  const [status, setStatus] = useState<PaymentStatus | ''>('')
  const [day, setDay] = useState(() => shanghaiDate(Date.now()))
  const range = dayRange(day)
  const pages = useKeysetPages(`${status}|${day}`)
  const payments = useApiData(
    () =>
      merchantPayApi.payments({
        ...(range === null ? {} : range),
        ...(status === '' ? {} : { status }),
        ...(pages.cursor === undefined ? {} : { cursor: pages.cursor }),
        limit: PAYMENTS_PAGE_SIZE,
      }),
    `${status}|${day}|${pages.cursor ?? ''}`,
  )
  return (
    <section className="lq-admin-page" data-testid="merchant-payments">
      <h1>{t('mpay.payments.title')}</h1>
      <TakingsCard />
      <div className="lq-card">
        <div className="lq-filters">
          <label className="lq-field lq-filter">
            <span className="lq-field__label">{t('mpay.payments.day')}</span>
            <input
              type="date"
              className="lq-input"
              value={day}
              onChange={(event) => setDay(event.target.value)}
              data-testid="payments-day"
            />
          </label>
          <StatusFilter
            label={t('mpay.payments.col.status')}
            value={status}
            options={PAYMENT_STATUSES}
            text={(option) => t(PAYMENT_STATUS_KEY[option])}
            onValue={setStatus}
            testId="payments-status"
          />
          <button
            type="button"
            className="lq-small-button"
            onClick={payments.reload}
            data-testid="payments-refresh"
          >
            {t('mpay.refresh')}
          </button>
        </div>
        {payments.state.kind === 'loading' && <p className="lq-muted">{t('common.loading')}</p>}
        {payments.state.kind === 'error' && <ErrorAlert error={payments.state.error} />}
        {payments.state.kind === 'ready' && (
          <>
            <PaymentsTable payments={payments.state.data.payments} />
            <Pager
              page={pages.page}
              nextCursor={payments.state.data.nextCursor}
              onNext={pages.next}
              onPrevious={pages.previous}
              testId="payments-pager"
            />
          </>
        )}
      </div>
    </section>
  )
}
