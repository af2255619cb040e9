/**
 * Sharing orders (POST /v3/profitsharing/orders) and unfreezing (…/orders/unfreeze), idempotent
 * by out_order_no: the same request again answers the same order, other content under the
 * number is PROFIT_SHARING_NO_USED. The amounts are claimed from the payment's unsplit money by
 * one locked update, in the same transaction that writes the order (PROCESSING); the money then
 * moves (finish-order.ts) and a crash in between is finished by the next call or by settlement's
 * hook. Rules: receivers added first, the shares never more than the unsplit money (NOT_ENOUGH)
 * nor than maxShareRatioBp of the payment (PROFIT_SHARING_RATIO_EXCEEDED), at most
 * ordersPerPaymentMax orders, nothing after the payment is unfrozen.
 */
import type { Transaction } from 'kysely'
import { DomainError } from '../../shared/errors.ts'
import { SQLSTATE } from '../../shared/sqlstate.ts'
import type { ProfitSharingContext } from './context.ts'
import { finishOrder } from './finish-order.ts'
import { contentHash, newDetailId, newSharingOrderId } from './ids.ts'
import { findOrderRow, loadOrder, type SharingOrder } from './order-rows.ts'
import type { ProfitSharingTables } from './profit-sharing-tables.ts'
import { activeReceiver, type Receiver } from './receivers.ts'
import { type SharingPaymentRow, sharingPayment } from './sharing-payments.ts'

export interface ShareInput {
  paymentId: string
  outOrderNo: string
  receivers: {
    type: string
    account: string
    /** Plain text, when the caller sent one: it must match the receiver's. */
    name?: string | undefined
    amountFen: number
    description: string
  }[]
  unfreezeUnsplit: boolean
}

export interface UnfreezeInput {
  paymentId: string
  outOrderNo: string
  description: string
}

interface Planned {
  kind: 'SHARE' | 'UNFREEZE'
  hash: string
  paymentId: string
  outOrderNo: string
  receivers: { receiver: Receiver; amountFen: number; description: string }[]
  unfreezes: boolean
  unfreezeDescription: string | null
}

export async function shareOrder(
  ctx: ProfitSharingContext,
  merchantId: string,
  input: ShareInput,
): Promise<SharingOrder> {
  const hash = contentHash(['SHARE', input.paymentId, input.receivers, input.unfreezeUnsplit])
  const existing = await existingOrder(ctx, merchantId, input.outOrderNo, hash)
  if (existing !== undefined) return existing
  if (input.receivers.length > ctx.rules.receiversPerOrderMax) {
    throw new DomainError('LIMIT_EXCEEDED', { receiversMax: ctx.rules.receiversPerOrderMax })
  }
  const receivers = []
  for (const [index, wanted] of input.receivers.entries()) {
    const receiver = await activeReceiver(ctx, merchantId, wanted.type, wanted.account)
    if (wanted.name !== undefined && receiver.name !== null && wanted.name !== receiver.name) {
      throw new DomainError('PROFIT_SHARING_NAME_MISMATCH', { field: `receivers[${index}].name` })
    }
    receivers.push({ receiver, amountFen: wanted.amountFen, description: wanted.description })
  }
  return placeOrder(ctx, merchantId, {
    kind: 'SHARE',
    hash,
    paymentId: input.paymentId,
    outOrderNo: input.outOrderNo,
    receivers,
    unfreezes: input.unfreezeUnsplit,
    unfreezeDescription: null,
  })
}

export async function unfreezeOrder(
  ctx: ProfitSharingContext,
  merchantId: string,
  input: UnfreezeInput,
): Promise<SharingOrder> {
  const hash = contentHash(['UNFREEZE', input.paymentId, input.description])
  const existing = await existingOrder(ctx, merchantId, input.outOrderNo, hash)
  if (existing !== undefined) return existing
  return placeOrder(ctx, merchantId, {
    kind: 'UNFREEZE',
    hash,
    paymentId: input.paymentId,
    outOrderNo: input.outOrderNo,
    receivers: [],
    unfreezes: true,
    unfreezeDescription: input.description,
  })
}

/** The order already placed under the number (finished first if it was interrupted). */
async function existingOrder(
  ctx: ProfitSharingContext,
  merchantId: string,
  outOrderNo: string,
  hash: string,
): Promise<SharingOrder | undefined> {
  const row = await findOrderRow(ctx, merchantId, { outOrderNo })
  if (row === undefined) return undefined
  if (row.request_hash !== hash) throw new DomainError('PROFIT_SHARING_NO_USED', { outOrderNo })
  return row.state === 'PROCESSING' ? finishOrder(ctx, row) : loadOrder(ctx, row)
}

function checkClaim(ctx: ProfitSharingContext, row: SharingPaymentRow, sharesFen: number) {
  if (row.state !== 'FROZEN') throw new DomainError('PROFIT_SHARING_FINISHED')
  if (row.orders >= ctx.rules.ordersPerPaymentMax) {
    throw new DomainError('LIMIT_EXCEEDED', { ordersMax: ctx.rules.ordersPerPaymentMax })
  }
  const unsplitFen = Number(row.unsplit_fen)
  if (sharesFen > unsplitFen) {
    throw new DomainError('NOT_ENOUGH', { amountFen: sharesFen, unsplitFen })
  }
  const mostFen = Math.floor((Number(row.amount_fen) * ctx.rules.maxShareRatioBp) / 10_000)
  if (Number(row.shared_fen) + sharesFen > mostFen) {
    throw new DomainError('PROFIT_SHARING_RATIO_EXCEEDED', {
      maxRatioBp: ctx.rules.maxShareRatioBp,
      shareableFen: Math.max(0, mostFen - Number(row.shared_fen)),
    })
  }
}

class NumberTaken extends Error {}

/** A twin request that held the payment's lock first placed the number: its order answers. */
async function refuseTwin(trx: Transaction<ProfitSharingTables>, merchantId: string, no: string) {
  const twin = await trx
    .selectFrom('profit_sharing_orders')
    .select('id')
    .where('merchant_id', '=', merchantId)
    .where('out_order_no', '=', no)
    .executeTakeFirst()
  if (twin !== undefined) throw new NumberTaken()
}

async function placeOrder(
  ctx: ProfitSharingContext,
  merchantId: string,
  plan: Planned,
): Promise<SharingOrder> {
  const payment = await sharingPayment(ctx, merchantId, plan.paymentId)
  const orderId = newSharingOrderId(ctx.clock.nowMs())
  try {
    await ctx.db
      .transaction()
      .execute((trx) => writeOrder(ctx, trx, { merchantId, payment, plan, orderId }))
  } catch (error) {
    // A concurrent request with the same number won: answer with its order.
    if (
      error instanceof NumberTaken ||
      (error as { code?: string }).code === SQLSTATE.uniqueViolation
    ) {
      const won = await existingOrder(ctx, merchantId, plan.outOrderNo, plan.hash)
      if (won !== undefined) return won
    }
    throw error
  }
  const row = await findOrderRow(ctx, merchantId, { orderId })
  if (row === undefined) throw new Error(`sharing order ${orderId} vanished`)
  return finishOrder(ctx, row)
}

/** In one transaction: the claim on the payment's unsplit money, the order and its receivers. */
async function writeOrder(
  ctx: ProfitSharingContext,
  trx: Transaction<ProfitSharingTables>,
  order: { merchantId: string; payment: SharingPaymentRow; plan: Planned; orderId: string },
): Promise<void> {
  const { merchantId, plan, orderId } = order
  const nowMs = ctx.clock.nowMs()
  const sharesFen = plan.receivers.reduce((sum, share) => sum + share.amountFen, 0)
  const row = await trx
    .selectFrom('profit_sharing_payments')
    .selectAll()
    .where('merchant_id', '=', merchantId)
    .where('out_trade_no', '=', order.payment.out_trade_no)
    .forUpdate()
    .executeTakeFirstOrThrow()
  await refuseTwin(trx, merchantId, plan.outOrderNo)
  checkClaim(ctx, row, sharesFen)
  const unsplitFen = Number(row.unsplit_fen) - sharesFen
  await trx
    .updateTable('profit_sharing_payments')
    .set({
      unsplit_fen: plan.unfreezes ? 0 : unsplitFen,
      shared_fen: Number(row.shared_fen) + sharesFen,
      orders: row.orders + 1,
      ...(plan.unfreezes ? { state: 'UNFROZEN', unfrozen_at: new Date(nowMs) } : {}),
    })
    .where('merchant_id', '=', merchantId)
    .where('out_trade_no', '=', row.out_trade_no)
    .execute()
  await trx
    .insertInto('profit_sharing_orders')
    .values({
      id: orderId,
      merchant_id: merchantId,
      out_order_no: plan.outOrderNo,
      payment_id: plan.paymentId,
      kind: plan.kind,
      request_hash: plan.hash,
      state: 'PROCESSING',
      unfreezes: plan.unfreezes,
      unfreeze_fen: plan.unfreezes ? unsplitFen : 0,
      unfreeze_description: plan.unfreezeDescription,
      created_at: new Date(nowMs),
    })
    .execute()
  if (plan.receivers.length === 0) return
  await trx
    .insertInto('profit_sharing_order_receivers')
    .values(
      plan.receivers.map((share, seq) => ({
        order_id: orderId,
        seq,
        detail_id: newDetailId(nowMs),
        type: share.receiver.type,
        account: share.receiver.account,
        receiver_merchant_id: share.receiver.receiverMerchantId,
        receiver_user_id: share.receiver.receiverUserId,
        amount_fen: share.amountFen,
        description: share.description,
        result: 'PENDING',
      })),
    )
    .execute()
}
