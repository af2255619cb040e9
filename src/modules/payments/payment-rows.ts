/**
 * Payment rows: the view others read, and the one place a payment changes status. Every change
 * is a conditional update (from the statuses it may leave) in a transaction that also gives
 * back the limits a failed payment claimed, frees or completes its order and upserts the
 * customer's record, so a crash leaves all of them or none, and a repeat changes nothing.
 */
import type { Selectable } from 'kysely'
import { SUPPORTED_BANKS } from '../../shared/bank-card.ts'
import { DomainError, ERROR_MESSAGES, type ErrorCode, isErrorCode } from '../../shared/errors.ts'
import { couponShareFen } from '../coupons/index.ts'
import type { RecordEntry } from '../records/index.ts'
import type { PaymentsContext, PaymentsDb } from './context.ts'
import { releaseCoupon } from './coupon.ts'
import { finishOrder } from './orders.ts'
import type { Payment, PaymentMethod, PaymentStatus, RefundStatus } from './payment-types.ts'
import type { PaymentsTables } from './payments-tables.ts'

export type PaymentRow = Selectable<PaymentsTables['payments']>

/** '招商银行 (1234)': how the record list names a card. */
export function cardLabel(bankCode: string, last4: string): string {
  const bank = SUPPORTED_BANKS.find((candidate) => candidate.bankCode === bankCode)
  return `${bank?.bankNameZh ?? bankCode} (${last4})`
}

const ms = (date: Date | null): number | null => (date === null ? null : new Date(date).getTime())

export function methodOf(row: PaymentRow): PaymentMethod | null {
  if (row.method_kind === 'balance') return { kind: 'balance' }
  if (row.method_kind === 'card' && row.card_id !== null) {
    return {
      kind: 'card',
      cardId: row.card_id,
      bankCode: row.bank_code ?? '',
      last4: row.card_last4 ?? '',
    }
  }
  return null
}

export function toPayment(row: PaymentRow): Payment {
  const failureCode = row.failure_code
  return {
    id: row.id,
    merchantId: row.merchant_id,
    merchantName: row.merchant_name,
    merchantCategory: row.merchant_category,
    userId: row.user_id,
    payerMaskedName: row.payer_masked_name,
    channel: row.channel as Payment['channel'],
    status: row.status as PaymentStatus,
    orderId: row.order_id,
    outTradeNo: row.out_trade_no,
    amountFen: Number(row.amount_fen),
    discountFen: Number(row.discount_fen),
    payableFen: Number(row.amount_fen) - Number(row.discount_fen),
    coupon:
      row.coupon_campaign_id === null
        ? null
        : { campaignId: row.coupon_campaign_id, name: row.coupon_name ?? '' },
    feeFen: Number(row.fee_fen),
    description: row.description,
    note: row.note,
    method: methodOf(row),
    failure:
      failureCode === null
        ? null
        : {
            code: (isErrorCode(failureCode) ? failureCode : 'SYSTEM_ERROR') as ErrorCode,
            details: row.failure_details ?? {},
          },
    refundStatus: row.refund_status as RefundStatus,
    refundedFen: Number(row.refunded_fen),
    createdAtMs: new Date(row.created_at).getTime(),
    paidAtMs: ms(row.paid_at),
    confirmByMs: row.status === 'USERPAYING' ? ms(row.confirm_by) : null,
  }
}

export async function loadPayment(
  ctx: PaymentsContext,
  paymentId: string,
  executor: PaymentsDb = ctx.db,
): Promise<PaymentRow> {
  const row = await executor
    .selectFrom('payments')
    .selectAll()
    .where('id', '=', paymentId)
    .executeTakeFirst()
  if (row === undefined) throw new DomainError('NOT_FOUND', { resource: 'payment' })
  return row
}

const CHANNEL_TEXT = {
  ORDER: { zh: '扫码支付（商户订单）', en: 'Order QR' },
  STATIC: { zh: '扫码支付（收款码）', en: 'Static QR' },
  CODE: { zh: '付款码支付', en: 'Payment code' },
} as const

/** The keys the record page shows (src/modules/records: orderNumber, note, lines…). */
function recordDetail(row: PaymentRow): Record<string, unknown> {
  const failure = row.failure_code
  const lines: { label: { zh: string; en: string }; value: string | { zh: string; en: string } }[] =
    [
      { label: { zh: '商品', en: 'Item' }, value: row.description },
      {
        label: { zh: '支付场景', en: 'Paid by' },
        value: CHANNEL_TEXT[row.channel as keyof typeof CHANNEL_TEXT],
      },
    ]
  const coupon = couponDetail(row)
  lines.push(...coupon.lines)
  if (coupon.refundedToPayerFen > 0) {
    lines.push({
      label: { zh: '已退款', en: 'Refunded' },
      value: yuan(coupon.refundedToPayerFen),
    })
  }
  return {
    orderNumber: row.id,
    ...(row.out_trade_no === null ? {} : { merchantOrderNumber: row.out_trade_no }),
    ...(row.note === null ? {} : { note: row.note }),
    amountFen: Number(row.amount_fen) - Number(row.discount_fen),
    ...coupon.fields,
    refundedFen: coupon.refundedToPayerFen,
    ...(failure !== null && isErrorCode(failure)
      ? { failureCode: failure, failureMessage: ERROR_MESSAGES[failure] }
      : {}),
    ...(row.paid_at === null ? {} : { completedAtMs: new Date(row.paid_at).getTime() }),
    lines,
  }
}

const yuan = (fen: number) => (fen / 100).toFixed(2)

/**
 * A couponed payment's record: what the payer paid (the record's amount), the order's amount and
 * "优惠 −¥x.xx (campaign)"; refunds show the payer's part of them (coupons' refund-split rule).
 */
function couponDetail(row: PaymentRow) {
  const amountFen = Number(row.amount_fen)
  const discountFen = Number(row.discount_fen)
  const refundedFen = Number(row.refunded_fen)
  const refundedToPayerFen = refundedFen - couponShareFen(discountFen, amountFen, refundedFen)
  if (discountFen === 0 || row.coupon_name === null) {
    return { lines: [], fields: {}, refundedToPayerFen }
  }
  return {
    refundedToPayerFen,
    fields: { originalAmountFen: amountFen, discountFen, couponName: row.coupon_name },
    lines: [
      { label: { zh: '订单金额', en: 'Order amount' }, value: yuan(amountFen) },
      {
        label: { zh: '优惠', en: 'Discount' },
        value: `−¥${yuan(discountFen)} (${row.coupon_name})`,
      },
    ],
  }
}

/** The record's status word: the payment's, or how much of it came back. */
export function recordStatus(row: PaymentRow): string {
  if (row.status !== 'SUCCESS') return row.status
  if (row.refund_status === 'FULL') return 'REFUNDED'
  if (row.refund_status === 'PARTIAL') return 'PARTIALLY_REFUNDED'
  return 'SUCCESS'
}

/** No query: it runs inside the caller's transaction (one connection on PGlite). */
export function recordEntry(row: PaymentRow): RecordEntry {
  const method = methodOf(row)
  const entry: RecordEntry = {
    userId: row.user_id,
    sourceKind: 'PAYMENT',
    sourceId: row.id,
    direction: 'out',
    // What left the payer: the amount less a coupon's discount.
    amountFen: Number(row.amount_fen) - Number(row.discount_fen),
    status: recordStatus(row),
    title: row.merchant_name,
    counterparty: { kind: 'merchant', id: row.merchant_id, name: row.merchant_name },
    method:
      method === null
        ? { kind: 'none' }
        : method.kind === 'balance'
          ? { kind: 'balance' }
          : {
              kind: 'card',
              cardId: method.cardId,
              label: cardLabel(method.bankCode, method.last4),
            },
    category: row.merchant_category,
    detail: recordDetail(row),
    occurredAtMs: new Date(row.created_at).getTime(),
  }
  if (row.balance_account_id !== null && row.transfer_id !== null) {
    entry.balance = {
      accountId: Number(row.balance_account_id),
      transferId: Number(row.transfer_id),
    }
  }
  return entry
}

export interface Transition {
  from: readonly PaymentStatus[]
  to: PaymentStatus
  set?: Partial<Omit<PaymentRow, 'id' | 'status'>>
  failure?: { code: string; details: Record<string, unknown> } | undefined
}

/**
 * Moves the payment `from` → `to` once (false when it was not in `from`), with everything that
 * goes with it in the same transaction: claims and the coupon back and the order freed on FAILED/CLOSED, the
 * order PAID on SUCCESS, and the customer's record.
 */
export async function transition(
  ctx: PaymentsContext,
  paymentId: string,
  change: Transition,
  executor?: PaymentsDb,
): Promise<{ row: PaymentRow; changed: boolean }> {
  const work = async (trx: PaymentsDb) => {
    const nowMs = ctx.clock.nowMs()
    const updated = await trx
      .updateTable('payments')
      .set({
        ...change.set,
        status: change.to,
        updated_at: new Date(nowMs),
        ...(change.to === 'SUCCESS' ? { paid_at: new Date(nowMs) } : {}),
        ...(change.failure
          ? { failure_code: change.failure.code, failure_details: change.failure.details }
          : {}),
      })
      .where('id', '=', paymentId)
      .where('status', 'in', [...change.from])
      .returningAll()
      .executeTakeFirst()
    if (updated === undefined)
      return { row: await loadPayment(ctx, paymentId, trx), changed: false }
    const ended = change.to === 'FAILED' || change.to === 'CLOSED'
    if (ended) {
      await ctx.quota.release(updated.claim_ids, trx as never)
      await releaseCoupon(ctx, updated, trx)
    }
    if (updated.order_id !== null && (ended || change.to === 'SUCCESS')) {
      await finishOrder(trx, updated.order_id, updated.id, ended ? 'RELEASED' : 'PAID', nowMs)
    }
    await ctx.records.upsert(recordEntry(updated), trx as never)
    return { row: updated, changed: true }
  }
  if (executor !== undefined && executor.isTransaction) return work(executor)
  return (executor ?? ctx.db).transaction().execute(work)
}
