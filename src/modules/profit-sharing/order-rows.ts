/** Sharing orders as stored and as callers see them. */
import type { Selectable } from 'kysely'
import { DomainError } from '../../shared/errors.ts'
import type { ProfitSharingContext } from './context.ts'
import type { ProfitSharingTables } from './profit-sharing-tables.ts'
import type { ReceiverType } from './receivers.ts'

export type OrderRow = Selectable<ProfitSharingTables['profit_sharing_orders']>
export type OrderReceiverRow = Selectable<ProfitSharingTables['profit_sharing_order_receivers']>

export type SharingOrderKind = 'SHARE' | 'UNFREEZE'
export type SharingOrderState = 'PROCESSING' | 'FINISHED'
export type ReceiverResult = 'PENDING' | 'SUCCESS' | 'CLOSED'

export interface SharingOrderReceiver {
  seq: number
  detailId: string
  type: ReceiverType
  account: string
  amountFen: number
  description: string
  result: ReceiverResult
  failReason: string | null
  returnedFen: number
}

export interface SharingOrder {
  /** order_id: 28 digits. */
  id: string
  merchantId: string
  outOrderNo: string
  /** The payment (transaction_id). */
  paymentId: string
  kind: SharingOrderKind
  state: SharingOrderState
  receivers: SharingOrderReceiver[]
  /** Ends the sharing: what is left goes back to the merchant. */
  unfreezes: boolean
  /** What went (or goes) back to the merchant with this order. */
  unfreezeFen: number
  unfreezeDescription: string | null
  createdAtMs: number
  finishedAtMs: number | null
}

export function toSharingOrder(row: OrderRow, receivers: OrderReceiverRow[]): SharingOrder {
  return {
    id: row.id,
    merchantId: row.merchant_id,
    outOrderNo: row.out_order_no,
    paymentId: row.payment_id,
    kind: row.kind as SharingOrderKind,
    state: row.state as SharingOrderState,
    receivers: receivers
      .sort((a, b) => a.seq - b.seq)
      .map((receiver) => ({
        seq: receiver.seq,
        detailId: receiver.detail_id,
        type: receiver.type as ReceiverType,
        account: receiver.account,
        amountFen: Number(receiver.amount_fen),
        description: receiver.description,
        result: receiver.result as ReceiverResult,
        failReason: receiver.fail_reason,
        returnedFen: Number(receiver.returned_fen),
      })),
    unfreezes: row.unfreezes,
    unfreezeFen: Number(row.unfreeze_fen),
    unfreezeDescription: row.unfreeze_description,
    createdAtMs: new Date(row.created_at).getTime(),
    finishedAtMs: row.finished_at === null ? null : new Date(row.finished_at).getTime(),
  }
}

export async function findOrderRow(
  ctx: ProfitSharingContext,
  merchantId: string,
  ref: { outOrderNo: string } | { orderId: string },
): Promise<OrderRow | undefined> {
  let select = ctx.db
    .selectFrom('profit_sharing_orders')
    .selectAll()
    .where('merchant_id', '=', merchantId)
  select =
    'outOrderNo' in ref
      ? select.where('out_order_no', '=', ref.outOrderNo)
      : select.where('id', '=', ref.orderId)
  return select.executeTakeFirst()
}

export async function loadOrder(ctx: ProfitSharingContext, row: OrderRow): Promise<SharingOrder> {
  const receivers = await ctx.db
    .selectFrom('profit_sharing_order_receivers')
    .selectAll()
    .where('order_id', '=', row.id)
    .execute()
  return toSharingOrder(row, receivers)
}

/** The merchant's order (for a payment, when given), or NOT_FOUND. */
export async function getSharingOrder(
  ctx: ProfitSharingContext,
  merchantId: string,
  ref: { outOrderNo: string } | { orderId: string },
  paymentId?: string,
): Promise<SharingOrder> {
  const row = await findOrderRow(ctx, merchantId, ref)
  if (row === undefined || (paymentId !== undefined && row.payment_id !== paymentId)) {
    throw new DomainError('NOT_FOUND', { resource: 'profit sharing order' })
  }
  return loadOrder(ctx, row)
}
