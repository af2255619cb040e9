/**
 * A merchant's day, read from the ledger's own records: every posted movement (posted transfers
 * and posts of holds, whatever their code) on the merchant's pending account between the
 * Shanghai midnights of the day. Each leg is classified by the accounts it joins, so a card
 * payment's post (code POST) counts like a balance payment:
 *
 * - into pending from the fee account: a fee given back with a refund (lowers fees);
 * - into pending from anywhere else: gross (the payer's money, a coupon's funder's discount);
 * - out of pending to the fee account: a fee;
 * - out of pending to anywhere else: a refund.
 *
 * Settlement's own transfers (code SETTLEMENT) are not part of any day's takings.
 */
import { shanghaiDayRangeMs } from '../../shared/shanghai-time.ts'
import type { Transfer } from '../ledger/index.ts'
import type { SettlementContext } from './context.ts'

export interface DayFigures {
  /** Transfers that brought money in (payments). */
  payments: number
  grossFen: number
  refundsFen: number
  /** Fees charged minus fees given back: negative on a day of refunds only. */
  feesFen: number
  /** gross − refunds − fees. */
  netFen: number
}

const PAGE_SIZE = 2_000

export function classifyTransfers(
  transfers: readonly Transfer[],
  accounts: { pendingId: number; feesId: number },
): DayFigures {
  let payments = 0
  let grossFen = 0
  let refundsFen = 0
  let feesFen = 0
  for (const transfer of transfers) {
    if (transfer.code === 'SETTLEMENT') continue
    let brought = false
    for (const leg of transfer.legs) {
      if (leg.creditAccountId === accounts.pendingId) {
        if (leg.debitAccountId === accounts.feesId) feesFen -= leg.amountFen
        else {
          grossFen += leg.amountFen
          brought = true
        }
      } else if (leg.debitAccountId === accounts.pendingId) {
        if (leg.creditAccountId === accounts.feesId) feesFen += leg.amountFen
        else refundsFen += leg.amountFen
      }
    }
    if (brought) payments += 1
  }
  return { payments, grossFen, refundsFen, feesFen, netFen: grossFen - refundsFen - feesFen }
}

export async function dayFigures(
  ctx: SettlementContext,
  accounts: { pendingId: number; feesId: number },
  day: string,
): Promise<DayFigures> {
  const { startMs, endMs } = shanghaiDayRangeMs(day)
  let total: DayFigures = { payments: 0, grossFen: 0, refundsFen: 0, feesFen: 0, netFen: 0 }
  let afterId = 0
  for (;;) {
    const page = await ctx.ledger.listPostedTransfers({
      accountIds: [accounts.pendingId],
      fromMs: startMs,
      toMs: endMs,
      afterId,
      limit: PAGE_SIZE,
    })
    // Page by page: a busy day is never held in memory at once.
    const figures = classifyTransfers(page, accounts)
    total = {
      payments: total.payments + figures.payments,
      grossFen: total.grossFen + figures.grossFen,
      refundsFen: total.refundsFen + figures.refundsFen,
      feesFen: total.feesFen + figures.feesFen,
      netFen: total.netFen + figures.netFen,
    }
    if (page.length < PAGE_SIZE) break
    afterId = (page.at(-1) as Transfer).id
  }
  return total
}
