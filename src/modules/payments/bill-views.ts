/**
 * What a merchant's trade bill reads of payments: the ones paid in a time window, oldest first,
 * a keyset page at a time (a busy day has more than fits in one answer). Only SUCCESS rows: a
 * refund never changes a payment's status, it is a line of its own in the bill.
 */
import { assertSafeInteger } from '../../shared/assert.ts'
import type { PaymentsContext } from './context.ts'
import { toPayment } from './payment-rows.ts'
import type { Payment } from './payment-types.ts'

export const BILL_PAGE_SIZE_MAX = 1_000

export interface PaidPaymentsQuery {
  fromMs: number
  toMs: number
  /** The last payment of the previous page: its paid time and id. */
  after?: { paidAtMs: number; paymentId: string } | undefined
  limit?: number | undefined
}

export async function listPaidPayments(
  ctx: PaymentsContext,
  merchantId: string,
  query: PaidPaymentsQuery,
): Promise<Payment[]> {
  assertSafeInteger(query.fromMs, 'fromMs')
  assertSafeInteger(query.toMs, 'toMs')
  const limit = Math.min(Math.max(query.limit ?? BILL_PAGE_SIZE_MAX, 1), BILL_PAGE_SIZE_MAX)
  let select = ctx.db
    .selectFrom('payments')
    .selectAll()
    .where('merchant_id', '=', merchantId)
    .where('status', '=', 'SUCCESS')
    .where('paid_at', '>=', new Date(query.fromMs))
    .where('paid_at', '<', new Date(query.toMs))
  const after = query.after
  if (after !== undefined) {
    const at = new Date(after.paidAtMs)
    select = select.where((eb) =>
      eb.or([
        eb('paid_at', '>', at),
        eb.and([eb('paid_at', '=', at), eb('id', '>', after.paymentId)]),
      ]),
    )
  }
  const rows = await select.orderBy('paid_at').orderBy('id').limit(limit).execute()
  return rows.map(toPayment)
}
