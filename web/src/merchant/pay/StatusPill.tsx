import type { ReactNode } from 'react'
import { useI18n } from '../../shared/i18n'
import { ORDER_STATUS_KEY, PAYMENT_STATUS_KEY, statusTone } from './labels'
import type { OrderStatus, PaymentStatus } from './pay-api'

/** An order's or a payment's status word; `data-status` carries the raw value for tests. */
export function PayStatusPill(
  props: { order: OrderStatus; testId?: string } | { payment: PaymentStatus; testId?: string },
): ReactNode {
  const { t } = useI18n()
  const status = 'order' in props ? props.order : props.payment
  const key = 'order' in props ? ORDER_STATUS_KEY[props.order] : PAYMENT_STATUS_KEY[props.payment]
  return (
    <span
      className={`lq-pill lq-pill--${statusTone(status)}`}
      data-testid={props.testId}
      data-status={status}
    >
      {t(key)}
    </span>
  )
}
