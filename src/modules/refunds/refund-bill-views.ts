/**
 * What a merchant's trade bill reads of refunds: the ones that succeeded in a time window (by
 * when they finished: that is when the money went back), oldest first, a keyset page at a time.
 */
import { assertSafeInteger } from '../../shared/assert.ts'
import type { RefundsContext } from './context.ts'
import { type Refund, toRefund } from './refund-rows.ts'

export const REFUND_BILL_PAGE_SIZE_MAX = 1_000

export interface SucceededRefundsQuery {
  fromMs: number
  toMs: number
  /** The last refund of the previous page: its finish time and id. */
  after?: { finishedAtMs: number; refundId: string } | undefined
  limit?: number | undefined
}

export async function listSucceededRefunds(
  ctx: RefundsContext,
  merchantId: string,
  query: SucceededRefundsQuery,
): Promise<Refund[]> {
  assertSafeInteger(query.fromMs, 'fromMs')
  assertSafeInteger(query.toMs, 'toMs')
  const limit = Math.min(
    Math.max(query.limit ?? REFUND_BILL_PAGE_SIZE_MAX, 1),
    REFUND_BILL_PAGE_SIZE_MAX,
  )
  let select = ctx.db
    .selectFrom('refunds')
    .selectAll()
    .where('merchant_id', '=', merchantId)
    .where('status', '=', 'SUCCESS')
    .where('finished_at', '>=', new Date(query.fromMs))
    .where('finished_at', '<', new Date(query.toMs))
  const after = query.after
  if (after !== undefined) {
    const at = new Date(after.finishedAtMs)
    select = select.where((eb) =>
      eb.or([
        eb('finished_at', '>', at),
        eb.and([eb('finished_at', '=', at), eb('id', '>', after.refundId)]),
      ]),
    )
  }
  const rows = await select.orderBy('finished_at').orderBy('id').limit(limit).execute()
  return rows.map(toRefund)
}
