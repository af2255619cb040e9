import { ApiError } from '../../shared/api'
import type { Payment } from './pay-api'

/**
 * How a pay attempt ended: the payment (SUCCESS, PROCESSING at the bank, or FAILED with its
 * reason), or a refusal the payment password cannot change (not enough money, a limit, the order
 * already paid…), shown with what to do instead of the PIN boxes.
 */
export type PayOutcome =
  { kind: 'payment'; payment: Payment } | { kind: 'refused'; error: ApiError }

/** Refusals of the payment itself; everything else (a wrong PIN, the network) is tried again. */
export const PAY_REFUSALS: ReadonlySet<string> = new Set([
  'NOT_ENOUGH',
  'LIMIT_EXCEEDED',
  'ORDER_PAID',
  'ORDER_CLOSED',
  'ORDER_EXPIRED',
  'MERCHANT_SUSPENDED',
  'MERCHANT_NOT_FOUND',
  'BANK_LIMIT_EXCEEDED',
  'BANK_UNAVAILABLE',
  'BANK_DECLINED',
  'BANK_INSUFFICIENT_FUNDS',
  'CARD_TYPE_NOT_ALLOWED',
  'ACCOUNT_FROZEN',
  'ACCOUNT_RESTRICTED',
  'PIN_LOCKED',
  'PAYMENT_DISABLED',
  'KYC_REQUIRED',
  'PAYMENT_PASSWORD_NOT_SET',
  'NOT_FOUND',
])

/** Runs a pay request; a refusal resolves as `refused`, anything else still throws. */
export async function payOutcome(request: Promise<Payment>): Promise<PayOutcome> {
  try {
    return { kind: 'payment', payment: await request }
  } catch (error) {
    if (error instanceof ApiError && PAY_REFUSALS.has(error.code)) {
      return { kind: 'refused', error }
    }
    throw error
  }
}

/** A FAILED payment's reason as an error, so it is shown like a refusal. */
export function paymentFailure(payment: Payment): ApiError | null {
  const failure = payment.failure
  if (failure === null || payment.status !== 'FAILED') return null
  return new ApiError(0, failure.code, failure.message, failure.details)
}
