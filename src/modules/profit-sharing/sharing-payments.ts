/**
 * Payments placed for sharing. An order placed with settle_info.profit_sharing = true is
 * registered (AWAITING); once its payment is seen paid, its net — amount − fee − refunded, at
 * most what merchant_pending holds — moves to merchant_sharing_frozen under the key
 * `ps:freeze:<payment>` and the row becomes FROZEN with that much unsplit. "Seen" is: any
 * profit-sharing call on the payment, or settlement's hook before it settles the merchant
 * (holdBeforeSettling), so a payment placed for sharing is never paid out before it is frozen.
 */
import type { Selectable } from 'kysely'
import { assert } from '../../shared/assert.ts'
import { DomainError, isDomainError } from '../../shared/errors.ts'
import type { Payment } from '../payments/index.ts'
import { frozenAccount, pendingAccount } from './accounts.ts'
import type { ProfitSharingContext } from './context.ts'
import type { ProfitSharingTables } from './profit-sharing-tables.ts'

export type SharingPaymentRow = Selectable<ProfitSharingTables['profit_sharing_payments']>

/** Idempotent: the order's out_trade_no is marked for sharing (before anyone can pay it). */
export async function registerForSharing(
  ctx: ProfitSharingContext,
  merchantId: string,
  outTradeNo: string,
): Promise<void> {
  await ctx.db
    .insertInto('profit_sharing_payments')
    .values({
      merchant_id: merchantId,
      out_trade_no: outTradeNo,
      state: 'AWAITING',
      created_at: new Date(ctx.clock.nowMs()),
    })
    .onConflict((conflict) => conflict.columns(['merchant_id', 'out_trade_no']).doNothing())
    .execute()
}

async function loadRow(
  ctx: ProfitSharingContext,
  merchantId: string,
  outTradeNo: string,
): Promise<SharingPaymentRow | undefined> {
  return ctx.db
    .selectFrom('profit_sharing_payments')
    .selectAll()
    .where('merchant_id', '=', merchantId)
    .where('out_trade_no', '=', outTradeNo)
    .executeTakeFirst()
}

/**
 * The merchant's payment as placed for sharing, frozen now if it was not yet. NOT_FOUND for
 * another merchant's or an unknown payment; PROFIT_SHARING_NOT_ENABLED when it was not placed
 * for sharing (or is not paid).
 */
export async function sharingPayment(
  ctx: ProfitSharingContext,
  merchantId: string,
  paymentId: string,
): Promise<SharingPaymentRow> {
  const payment = await ctx.payments.getMerchantPayment(merchantId, paymentId)
  const row =
    payment.outTradeNo === null ? undefined : await loadRow(ctx, merchantId, payment.outTradeNo)
  if (row === undefined || payment.status !== 'SUCCESS') {
    throw new DomainError('PROFIT_SHARING_NOT_ENABLED', { transactionId: paymentId })
  }
  return row.state === 'AWAITING' ? freeze(ctx, row, payment) : row
}

/** What is left to share of a payment: 0 for one not placed for sharing. */
export async function unsplitFen(
  ctx: ProfitSharingContext,
  merchantId: string,
  paymentId: string,
): Promise<number> {
  try {
    return Number((await sharingPayment(ctx, merchantId, paymentId)).unsplit_fen)
  } catch (error) {
    if (isDomainError(error) && error.code === 'PROFIT_SHARING_NOT_ENABLED') return 0
    throw error
  }
}

/**
 * The freeze transfer, once: the net, the same amount whoever races to make it (the ledger keeps
 * one per key). Only when pending holds less (refunds took it) is the freeze what is left.
 */
async function freezeTransfer(
  ctx: ProfitSharingContext,
  merchantId: string,
  payment: Payment,
  key: string,
): Promise<void> {
  const [pending, frozen] = await Promise.all([
    pendingAccount(ctx, merchantId),
    frozenAccount(ctx, merchantId),
  ])
  const move = (amountFen: number) =>
    ctx.ledger.createTransfer({
      kind: 'posted',
      idempotencyKey: key,
      code: 'PROFIT_SHARING',
      legs: [{ debitAccountId: pending.id, creditAccountId: frozen.id, amountFen }],
      metadata: { profitSharing: 'freeze', payment: payment.id, merchant: merchantId },
    })
  const netFen = payment.amountFen - payment.feeFen - payment.refundedFen
  try {
    if (netFen > 0) await move(netFen)
  } catch (error) {
    if (!isDomainError(error)) throw error
    // IDEMPOTENCY_CONFLICT: a racer froze another amount; its transfer is the freeze.
    if (error.code !== 'NOT_ENOUGH') return
    const holdsFen = (await ctx.ledger.getBalance(pending.id)).availableFen
    if (holdsFen > 0) await move(Math.min(netFen, holdsFen)).catch(() => undefined)
  }
}

async function freeze(
  ctx: ProfitSharingContext,
  row: SharingPaymentRow,
  payment: Payment,
): Promise<SharingPaymentRow> {
  const key = `ps:freeze:${payment.id}`
  let transfer = await ctx.ledger.findTransferByKey(key)
  if (transfer === undefined) {
    await freezeTransfer(ctx, row.merchant_id, payment, key)
    transfer = await ctx.ledger.findTransferByKey(key)
  }
  const frozenFen = transfer?.legs.reduce((sum, leg) => sum + leg.amountFen, 0) ?? 0
  const nowDate = new Date(ctx.clock.nowMs())
  await ctx.db
    .updateTable('profit_sharing_payments')
    .set({
      state: 'FROZEN',
      payment_id: payment.id,
      amount_fen: payment.amountFen,
      frozen_fen: frozenFen,
      unsplit_fen: frozenFen,
      freeze_transfer_id: transfer?.id ?? null,
      frozen_at: nowDate,
    })
    .where('merchant_id', '=', row.merchant_id)
    .where('out_trade_no', '=', row.out_trade_no)
    .where('state', '=', 'AWAITING')
    .execute()
  const after = await loadRow(ctx, row.merchant_id, row.out_trade_no)
  assert(after !== undefined, 'the sharing payment exists')
  return after
}

/** AWAITING rows of the merchant whose order was paid: frozen; closed or expired: CLOSED. */
export async function freezePaid(ctx: ProfitSharingContext, merchantId: string): Promise<number> {
  const awaiting = await ctx.db
    .selectFrom('profit_sharing_payments')
    .selectAll()
    .where('merchant_id', '=', merchantId)
    .where('state', '=', 'AWAITING')
    .execute()
  let frozen = 0
  for (const row of awaiting) {
    const order = await ctx.payments.getOrder(merchantId, { outTradeNo: row.out_trade_no })
    if (order.status === 'PAID' && order.paymentId !== null) {
      const payment = await ctx.payments.getMerchantPayment(merchantId, order.paymentId)
      if (payment.status === 'SUCCESS') {
        await freeze(ctx, row, payment)
        frozen += 1
      }
    } else if (order.status === 'CLOSED' || order.status === 'EXPIRED') {
      await ctx.db
        .updateTable('profit_sharing_payments')
        .set({ state: 'CLOSED' })
        .where('merchant_id', '=', merchantId)
        .where('out_trade_no', '=', row.out_trade_no)
        .where('state', '=', 'AWAITING')
        .execute()
    }
  }
  return frozen
}

/** FROZEN payments frozen longer than the rule allows (WeChat unfreezes them after 30 days). */
export async function overdueFrozen(
  ctx: ProfitSharingContext,
  merchantId: string,
): Promise<string[]> {
  const rows = await ctx.db
    .selectFrom('profit_sharing_payments')
    .select('payment_id')
    .where('merchant_id', '=', merchantId)
    .where('state', '=', 'FROZEN')
    .where('frozen_at', '<', new Date(ctx.clock.nowMs() - ctx.rules.autoUnfreezeAfterMs))
    .execute()
  return rows.map((row) => row.payment_id).filter((id): id is string => id !== null)
}
