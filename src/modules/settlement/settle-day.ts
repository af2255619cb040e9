/**
 * T+1 settlement of one merchant's days. Rule (also in the README of this module's index):
 *
 * - A day's net is gross − refunds − fees of that Shanghai day (day-figures.ts).
 * - What is due is the carry from the day before plus the net. What leaves merchant_pending is
 *   that amount, but never less than 0 and never more than pending holds now (refunds of earlier
 *   payments made before the job ran may have used some of it): the difference is carried to
 *   the next day, positive or negative. A zero or negative day therefore pays nothing and
 *   lowers what the next day pays.
 * - Out of what leaves pending, the coupon discounts the merchant funded (its marketing
 *   account's debt) are paid back first, then the refunds the platform advanced after earlier
 *   payouts (refunds deducted: the merchant's refund line is paid back); the rest moves to
 *   merchant_settled and is paid out to the settlement card (payout.ts), never below 0.
 *
 * The figures are stored in the row before any money moves, so a re-run after a crash moves
 * exactly the stored amounts under the same ledger key (settle:<merchant>:<day>). Days settle in
 * order: a day that cannot settle now stops the merchant's later days until the next run.
 */
import { assert } from '../../shared/assert.ts'
import { isDomainError } from '../../shared/errors.ts'
import { shanghaiDate, shanghaiDayRangeMs, shanghaiDayStartMs } from '../../shared/shanghai-time.ts'
import type { Merchant } from '../merchants/index.ts'
import type { SettlementContext } from './context.ts'
import { dayFigures } from './day-figures.ts'
import { startPayout } from './payout.ts'
import {
  lastSettlementRow,
  loadSettlementRow,
  type SettlementRow,
  setStatus,
  settlementId,
} from './settlement-rows.ts'

export function nextDay(day: string): string {
  return shanghaiDate(shanghaiDayRangeMs(day).endMs)
}

/** The last Shanghai day that is over at `nowMs`. */
export function yesterday(nowMs: number): string {
  return shanghaiDate(shanghaiDayStartMs(nowMs) - 1)
}

/** Settles every finished day of the merchant not settled yet (at most catchUpDaysMax). */
export async function settleMerchantDays(
  ctx: SettlementContext,
  merchant: Merchant,
): Promise<number> {
  let last = await lastSettlementRow(ctx, merchant.id)
  if (last?.status === 'SETTLING') last = await finishSettling(ctx, last)
  const lastDay = yesterday(ctx.clock.nowMs())
  let day = last === undefined ? shanghaiDate(merchant.createdAtMs) : nextDay(last.day)
  let carriedInFen = last === undefined ? 0 : Number(last.carried_out_fen)
  let settled = 0
  while (day <= lastDay && settled < ctx.rules.catchUpDaysMax) {
    const row = await settleDay(ctx, merchant, day, carriedInFen)
    carriedInFen = Number(row.carried_out_fen)
    day = nextDay(day)
    settled += 1
  }
  return settled
}

async function settleDay(
  ctx: SettlementContext,
  merchant: Merchant,
  day: string,
  carriedInFen: number,
): Promise<SettlementRow> {
  const accounts = await ctx.merchants.accounts(merchant.id)
  const figures = await dayFigures(
    ctx,
    { pendingId: accounts.merchant_pending.id, feesId: accounts.merchant_fees.id },
    day,
  )
  const pending = await ctx.ledger.getBalance(accounts.merchant_pending.id)
  const marketing = await ctx.merchants.findMarketingAccount(merchant.id)
  const debtFen =
    marketing === undefined
      ? 0
      : Math.max(0, -(await ctx.ledger.getBalance(marketing.id)).postedFen)
  const dueFen = carriedInFen + figures.netFen
  const outFen = Math.max(0, Math.min(dueFen, pending.availableFen))
  const discountsRepaidFen = Math.min(outFen, debtFen)
  const refundsDeductedFen = Math.min(
    outFen - discountsRepaidFen,
    await refundAdvanceDebtFen(ctx, merchant.id),
  )
  const payoutFen = outFen - discountsRepaidFen - refundsDeductedFen
  const nowDate = new Date(ctx.clock.nowMs())
  const id = settlementId(merchant.id, day)
  await ctx.db
    .insertInto('settlements')
    .values({
      id,
      merchant_id: merchant.id,
      day,
      payments: figures.payments,
      gross_fen: figures.grossFen,
      refunds_fen: figures.refundsFen,
      fees_fen: figures.feesFen,
      net_fen: figures.netFen,
      carried_in_fen: carriedInFen,
      discounts_repaid_fen: discountsRepaidFen,
      refunds_deducted_fen: refundsDeductedFen,
      payout_fen: payoutFen,
      carried_out_fen: dueFen - outFen,
      status: outFen > 0 ? 'SETTLING' : 'CARRIED',
      settlement_transfer_id: null,
      payout_attempt: 0,
      payout_hold_transfer_id: null,
      bank_code: null,
      card_last4: null,
      bank_ref: null,
      failure_code: null,
      created_at: nowDate,
      updated_at: nowDate,
      paid_at: null,
    })
    .onConflict((conflict) => conflict.column('id').doNothing())
    .execute()
  // A concurrent run may have written it first: its stored figures are the ones that move.
  const row = await loadSettlementRow(ctx, id)
  assert(row !== undefined, 'the settlement row exists after insert')
  return row.status === 'SETTLING' ? finishSettling(ctx, row) : row
}

/**
 * What the merchant owes for refunds the platform advanced on its refund line (the refunds
 * module draws on merchant_refund_credit, granted from merchant_refund_advance): −(advance +
 * credit), 0 for a merchant that never needed the line.
 */
async function refundAdvanceDebtFen(ctx: SettlementContext, merchantId: string): Promise<number> {
  const line = await ctx.merchants.findRefundAdvanceAccounts(merchantId)
  if (line === undefined) return 0
  const advance = await ctx.ledger.getBalance(line.advance.id)
  const credit = await ctx.ledger.getBalance(line.credit.id)
  return Math.max(0, -(advance.postedFen + credit.postedFen))
}

/** The leg paying the stored refunds deducted back into the merchant's refund line. */
async function refundLineRepayment(ctx: SettlementContext, row: SettlementRow, pendingId: number) {
  const deductedFen = Number(row.refunds_deducted_fen)
  if (deductedFen <= 0) return []
  const line = await ctx.merchants.refundAdvanceAccounts(row.merchant_id)
  return [{ debitAccountId: pendingId, creditAccountId: line.credit.id, amountFen: deductedFen }]
}

/** Moves the stored amounts out of pending (idempotent), then starts the payout. */
async function finishSettling(ctx: SettlementContext, row: SettlementRow): Promise<SettlementRow> {
  const accounts = await ctx.merchants.accounts(row.merchant_id)
  const legs = []
  const discountsRepaidFen = Number(row.discounts_repaid_fen)
  const payoutFen = Number(row.payout_fen)
  if (discountsRepaidFen > 0) {
    const marketing = await ctx.merchants.marketingAccount(row.merchant_id)
    legs.push({
      debitAccountId: accounts.merchant_pending.id,
      creditAccountId: marketing.id,
      amountFen: discountsRepaidFen,
    })
  }
  legs.push(...(await refundLineRepayment(ctx, row, accounts.merchant_pending.id)))
  if (payoutFen > 0) {
    legs.push({
      debitAccountId: accounts.merchant_pending.id,
      creditAccountId: accounts.merchant_settled.id,
      amountFen: payoutFen,
    })
  }
  let transferId: number
  try {
    const created = await ctx.ledger.createTransfer({
      kind: 'posted',
      idempotencyKey: row.id,
      code: 'SETTLEMENT',
      legs,
      metadata: { settlement: row.id, merchantId: row.merchant_id, day: row.day },
    })
    transferId = created.transferId
  } catch (error) {
    // Pending holds less than when the figures were taken: forget the row, settle the day
    // again on the next run with fresh figures (nothing moved under its key).
    if (isDomainError(error) && error.code === 'NOT_ENOUGH') {
      await ctx.db
        .deleteFrom('settlements')
        .where('id', '=', row.id)
        .where('status', '=', 'SETTLING')
        .execute()
    }
    throw error
  }
  await setStatus(ctx, row.id, ['SETTLING'], {
    status: payoutFen > 0 ? 'PAYING' : 'CARRIED',
    settlement_transfer_id: transferId,
  })
  const after = await loadSettlementRow(ctx, row.id)
  assert(after !== undefined, 'settlement row')
  if (after.status === 'PAYING' && after.payout_attempt === 0) {
    return startPayout(ctx, after)
  }
  return after
}
