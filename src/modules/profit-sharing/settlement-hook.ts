/**
 * What settlement calls before it settles a merchant (its `beforeSettling` hook): payments placed
 * for sharing that were paid are frozen first, so their money is never paid out with the day's
 * takings; orders and returns a crash interrupted are finished; payments frozen longer than
 * autoUnfreezeAfterMs are unfrozen back to the merchant (out_order_no `AUTO<transaction_id>`),
 * as WeChat does after 30 days.
 */
import type { ProfitSharingContext } from './context.ts'
import { finishOrder } from './finish-order.ts'
import { unfreezeOrder } from './orders.ts'
import { finishInterruptedReturns } from './returns.ts'
import { freezePaid, overdueFrozen } from './sharing-payments.ts'

export const AUTO_UNFREEZE_DESCRIPTION =
  '超过分账期限，自动解冻 / unfrozen when the sharing period ended'

export async function holdBeforeSettling(
  ctx: ProfitSharingContext,
  merchantId: string,
): Promise<void> {
  await freezePaid(ctx, merchantId)
  const interrupted = await ctx.db
    .selectFrom('profit_sharing_orders')
    .selectAll()
    .where('merchant_id', '=', merchantId)
    .where('state', '=', 'PROCESSING')
    .execute()
  for (const order of interrupted) await finishOrder(ctx, order)
  await finishInterruptedReturns(ctx, merchantId)
  for (const paymentId of await overdueFrozen(ctx, merchantId)) {
    await unfreezeOrder(ctx, merchantId, {
      paymentId,
      outOrderNo: `AUTO${paymentId}`,
      description: AUTO_UNFREEZE_DESCRIPTION,
    })
  }
}
