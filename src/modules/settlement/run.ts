/**
 * The settlement job's run: every merchant, a page at a time, settles its finished days
 * (settle-day.ts). A merchant that cannot settle now (a day's transfer refused, the database
 * busy) is told to onError and tried again on the next run; the others go on.
 */
import type { SettlementContext } from './context.ts'
import { settleMerchantDays } from './settle-day.ts'

const MERCHANT_PAGE = 200

export async function runSettlement(ctx: SettlementContext): Promise<{ daysSettled: number }> {
  let daysSettled = 0
  let afterId: string | undefined
  for (;;) {
    const page = await ctx.merchants.listPage({
      ...(afterId === undefined ? {} : { afterId }),
      limit: MERCHANT_PAGE,
    })
    for (const merchant of page) {
      try {
        await ctx.beforeSettling?.(merchant.id)
        daysSettled += await settleMerchantDays(ctx, merchant)
      } catch (error) {
        ctx.onError?.(merchant.id, error)
      }
    }
    if (page.length < MERCHANT_PAGE) break
    afterId = page.at(-1)?.id
  }
  return { daysSettled }
}
