import type { ReactNode } from 'react'
import { ApiError } from '../../shared/api'
import { ErrorAlert } from '../../shared/ErrorAlert'
import { useI18n } from '../../shared/i18n'
import type { MessageKey } from '../../shared/i18n'
import { formatFen } from '../../shared/money'
import { Link } from '../../shared/router'
import { usePolled } from '../../shared/usePolled'
import { merchantPayApi } from './pay-api'
import type { MerchantPayment } from './pay-api'
import { PayStatusPill } from './StatusPill'

export const CASHIER_POLL_MS = 1_500

const WAITING = new Set(['USERPAYING', 'PROCESSING'])
const HEADLINE: Record<MerchantPayment['status'], MessageKey> = {
  SUCCESS: 'mpay.cashier.paid',
  USERPAYING: 'mpay.cashier.userPaying',
  PROCESSING: 'mpay.cashier.processing',
  FAILED: 'mpay.cashier.failed',
  CLOSED: 'mpay.cashier.closed',
}

/** The collection as it happens: 等待顾客输入密码 → 收款成功 (or why not), live. */
export function CollectedPayment({
  loaded,
  onNext,
}: {
  loaded: MerchantPayment
  onNext: () => void
}): ReactNode {
  const { t } = useI18n()
  const polled = usePolled(
    () => merchantPayApi.payment(loaded.id),
    loaded.id,
    CASHIER_POLL_MS,
    (payment) => WAITING.has(payment.status),
  )
  const payment = polled.data ?? loaded
  const failure =
    payment.failure === null
      ? null
      : new ApiError(0, payment.failure.code, payment.failure.message, payment.failure.details)
  return (
    <div
      className={`lq-card lq-cashier__result lq-cashier__result--${payment.status.toLowerCase()}`}
      data-testid="cashier-result"
      data-status={payment.status}
      data-payment-id={payment.id}
      aria-live="polite"
    >
      <h2 data-testid="cashier-result-title">{t(HEADLINE[payment.status])}</h2>
      <p className="lq-cashier__amount" data-testid="cashier-result-amount">
        {formatFen(payment.amountFen)}
      </p>
      <p>
        <PayStatusPill payment={payment.status} testId="cashier-result-status" />{' '}
        <span data-testid="cashier-result-payer">
          {t('mpay.payer', { name: payment.payer.maskedName })}
        </span>
      </p>
      {failure !== null && <ErrorAlert error={failure} testId="cashier-result-failure" />}
      <div className="lq-cashier__actions">
        <button
          type="button"
          className="lq-button lq-button--primary"
          onClick={onNext}
          data-testid="cashier-next"
        >
          {t('mpay.cashier.next')}
        </button>
        <Link to={`/merchant/payments/${payment.id}`} testId="cashier-result-detail">
          {t('mpay.payment.detail')}
        </Link>
      </div>
    </div>
  )
}
