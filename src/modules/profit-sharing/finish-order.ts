/**
 * Moving a claimed order's money (idempotent, so any caller may finish an interrupted order):
 * the receivers in chunks of at most 15 legs (`ps:order:<id>:<chunk>`, merchant_sharing_frozen →
 * each receiver's account), then what the order unfreezes (`ps:order:<id>:unfreeze`, frozen →
 * the merchant's own merchant_pending). A chunk the ledger refuses for good (a receiver's account
 * frozen or closed) ends CLOSED with ACCOUNT_ABNORMAL and its money is given back: to the unsplit
 * money, or to what the order unfreezes when it ends the sharing.
 */
import { isDomainError } from '../../shared/errors.ts'
import type { TransferLeg } from '../ledger/index.ts'
import { frozenAccount, pendingAccount, receiverAccount } from './accounts.ts'
import type { ProfitSharingContext } from './context.ts'
import { loadOrder, type OrderReceiverRow, type OrderRow, type SharingOrder } from './order-rows.ts'

const LEGS_PER_TRANSFER = 15

export async function finishOrder(
  ctx: ProfitSharingContext,
  order: OrderRow,
): Promise<SharingOrder> {
  const receivers = await ctx.db
    .selectFrom('profit_sharing_order_receivers')
    .selectAll()
    .where('order_id', '=', order.id)
    .orderBy('seq')
    .execute()
  for (let start = 0; start < receivers.length; start += LEGS_PER_TRANSFER) {
    const chunk = receivers.slice(start, start + LEGS_PER_TRANSFER)
    if (chunk.some((receiver) => receiver.result === 'PENDING')) {
      await payChunk(ctx, order, chunk, start / LEGS_PER_TRANSFER)
    }
  }
  if (order.unfreezes) await payUnfreeze(ctx, order.id)
  await ctx.db
    .updateTable('profit_sharing_orders')
    .set({ state: 'FINISHED', finished_at: new Date(ctx.clock.nowMs()) })
    .where('id', '=', order.id)
    .where('state', '=', 'PROCESSING')
    .execute()
  const after = await ctx.db
    .selectFrom('profit_sharing_orders')
    .selectAll()
    .where('id', '=', order.id)
    .executeTakeFirstOrThrow()
  return loadOrder(ctx, after)
}

async function payChunk(
  ctx: ProfitSharingContext,
  order: OrderRow,
  chunk: OrderReceiverRow[],
  index: number,
): Promise<void> {
  const frozen = await frozenAccount(ctx, order.merchant_id)
  const legs: TransferLeg[] = []
  for (const receiver of chunk) {
    const account = await receiverAccount(
      ctx,
      receiver.receiver_merchant_id !== null
        ? { merchantId: receiver.receiver_merchant_id }
        : { userId: receiver.receiver_user_id as string },
    )
    legs.push({
      debitAccountId: frozen.id,
      creditAccountId: account.id,
      amountFen: Number(receiver.amount_fen),
    })
  }
  const seqs = chunk.map((receiver) => receiver.seq)
  try {
    await ctx.ledger.createTransfer({
      kind: 'posted',
      idempotencyKey: `ps:order:${order.id}:${index}`,
      code: 'PROFIT_SHARING',
      legs,
      metadata: {
        profitSharing: 'share',
        order: order.id,
        outOrderNo: order.out_order_no,
        payment: order.payment_id,
        merchant: order.merchant_id,
        details: chunk.map((receiver) => receiver.detail_id).join(','),
      },
    })
  } catch (error) {
    if (!isDomainError(error)) throw error
    await closeChunk(ctx, order, seqs)
    return
  }
  await ctx.db
    .updateTable('profit_sharing_order_receivers')
    .set({ result: 'SUCCESS' })
    .where('order_id', '=', order.id)
    .where('seq', 'in', seqs)
    .where('result', '=', 'PENDING')
    .execute()
}

/** The chunk could not be paid: CLOSED, and its money given back (once: only PENDING rows). */
async function closeChunk(ctx: ProfitSharingContext, order: OrderRow, seqs: number[]) {
  await ctx.db.transaction().execute(async (trx) => {
    const closed = await trx
      .updateTable('profit_sharing_order_receivers')
      .set({ result: 'CLOSED', fail_reason: 'ACCOUNT_ABNORMAL' })
      .where('order_id', '=', order.id)
      .where('seq', 'in', seqs)
      .where('result', '=', 'PENDING')
      .returning('amount_fen')
      .execute()
    const backFen = closed.reduce((sum, row) => sum + Number(row.amount_fen), 0)
    if (backFen === 0) return
    const payment = trx
      .updateTable('profit_sharing_payments')
      .where('payment_id', '=', order.payment_id)
    await payment
      .set((eb) =>
        order.unfreezes
          ? { shared_fen: eb('shared_fen', '-', backFen) }
          : {
              shared_fen: eb('shared_fen', '-', backFen),
              unsplit_fen: eb('unsplit_fen', '+', backFen),
            },
      )
      .execute()
    if (order.unfreezes) {
      await trx
        .updateTable('profit_sharing_orders')
        .set((eb) => ({ unfreeze_fen: eb('unfreeze_fen', '+', backFen) }))
        .where('id', '=', order.id)
        .execute()
    }
  })
}

async function payUnfreeze(ctx: ProfitSharingContext, orderId: string): Promise<void> {
  // Read again: closed chunks may have added to it.
  const order = await ctx.db
    .selectFrom('profit_sharing_orders')
    .selectAll()
    .where('id', '=', orderId)
    .executeTakeFirstOrThrow()
  const amountFen = Number(order.unfreeze_fen)
  if (amountFen === 0) return
  const [frozen, pending] = await Promise.all([
    frozenAccount(ctx, order.merchant_id),
    pendingAccount(ctx, order.merchant_id),
  ])
  await ctx.ledger.createTransfer({
    kind: 'posted',
    idempotencyKey: `ps:order:${order.id}:unfreeze`,
    code: 'PROFIT_SHARING',
    legs: [{ debitAccountId: frozen.id, creditAccountId: pending.id, amountFen }],
    metadata: {
      profitSharing: 'unfreeze',
      order: order.id,
      outOrderNo: order.out_order_no,
      payment: order.payment_id,
      merchant: order.merchant_id,
    },
  })
}
