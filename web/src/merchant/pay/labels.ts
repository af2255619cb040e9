import type { MessageKey } from '../../shared/i18n'
import type { OrderStatus, PaymentStatus } from './pay-api'

export const ORDER_STATUSES: readonly OrderStatus[] = [
  'NOTPAY',
  'USERPAYING',
  'PAID',
  'CLOSED',
  'EXPIRED',
]
export const PAYMENT_STATUSES: readonly PaymentStatus[] = [
  'SUCCESS',
  'USERPAYING',
  'PROCESSING',
  'FAILED',
  'CLOSED',
]

export const ORDER_STATUS_KEY: Record<OrderStatus, MessageKey> = {
  NOTPAY: 'mpay.order.status.NOTPAY',
  USERPAYING: 'mpay.order.status.USERPAYING',
  PAID: 'mpay.order.status.PAID',
  CLOSED: 'mpay.order.status.CLOSED',
  EXPIRED: 'mpay.order.status.EXPIRED',
}

export const PAYMENT_STATUS_KEY: Record<PaymentStatus, MessageKey> = {
  SUCCESS: 'mpay.payment.status.SUCCESS',
  USERPAYING: 'mpay.payment.status.USERPAYING',
  PROCESSING: 'mpay.payment.status.PROCESSING',
  FAILED: 'mpay.payment.status.FAILED',
  CLOSED: 'mpay.payment.status.CLOSED',
}

export const CHANNEL_KEY: Record<'ORDER' | 'STATIC' | 'CODE', MessageKey> = {
  ORDER: 'mpay.channel.ORDER',
  STATIC: 'mpay.channel.STATIC',
  CODE: 'mpay.channel.CODE',
}

/** Pill colours: waiting amber, done green, failed/closed grey-red. */
export function statusTone(
  status: OrderStatus | PaymentStatus,
): 'pending' | 'approved' | 'rejected' {
  if (status === 'PAID' || status === 'SUCCESS') return 'approved'
  if (status === 'NOTPAY' || status === 'USERPAYING' || status === 'PROCESSING') return 'pending'
  return 'rejected'
}
