/**
 * The payments port before the payment core is wired: no payment exists, so nothing can be
 * refunded or asked about (NOT_FOUND). Replaced in src/app.ts by the payments service.
 */
import { DomainError } from '../../shared/errors.ts'
import type { RefundPaymentsPort } from './context.ts'

export const NO_PAYMENTS: RefundPaymentsPort = {
  getRefundablePayment: async () => {
    throw new DomainError('NOT_FOUND', { resource: 'payment' })
  },
  getPayment: async () => {
    throw new DomainError('NOT_FOUND', { resource: 'payment' })
  },
  noteRefunded: async () => undefined,
}
