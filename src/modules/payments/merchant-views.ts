/**
 * What merchants (and the refunds and settlement modules) read of payments: one payment (the
 * cashier polls it), a keyset-paged list, today's takings, the refundable view of a paid
 * payment, and the refunds module's note of how much of a payment went back.
 */
import { sql } from 'kysely'
import { assertSafeInteger } from '../../shared/assert.ts'
import { DomainError } from '../../shared/errors.ts'
import type { PaymentsContext, PaymentsDb } from './context.ts'
import { decodeCursor, encodeCursor, pageLimit } from './pages.ts'
import { loadPayment, type PaymentRow, recordEntry, toPayment } from './payment-rows.ts'
import {
  type MerchantPaymentPage,
  type MerchantPaymentQuery,
  type Payment,
  PAYMENT_PAGE_SIZE_MAX,
  type PaymentRef,
  type RefundablePayment,
  type Takings,
} from './payment-types.ts'

const DAY_MS = 24 * 3600_000

async function merchantPaymentRow(
  ctx: PaymentsContext,
  merchantId: string,
  ref: PaymentRef,
): Promise<PaymentRow> {
  let query = ctx.db.selectFrom('payments').selectAll().where('merchant_id', '=', merchantId)
  query =
    'paymentId' in ref
      ? query.where('id', '=', ref.paymentId)
      : query.where('out_trade_no', '=', ref.outTradeNo).where('status', '=', 'SUCCESS')
  const row = await query.executeTakeFirst()
  if (row === undefined) throw new DomainError('NOT_FOUND', { resource: 'payment' })
  return row
}

export async function getMerchantPayment(
  ctx: PaymentsContext,
  merchantId: string,
  paymentId: string,
): Promise<Payment> {
  return toPayment(await merchantPaymentRow(ctx, merchantId, { paymentId }))
}

export async function listMerchantPayments(
  ctx: PaymentsContext,
  merchantId: string,
  query: MerchantPaymentQuery,
): Promise<MerchantPaymentPage> {
  const limit = pageLimit(query.limit, PAYMENT_PAGE_SIZE_MAX)
  const after = decodeCursor(query.cursor)
  let select = ctx.db.selectFrom('payments').selectAll().where('merchant_id', '=', merchantId)
  if (query.fromMs !== undefined) select = select.where('created_at', '>=', new Date(query.fromMs))
  if (query.toMs !== undefined) select = select.where('created_at', '<', new Date(query.toMs))
  if (query.status !== undefined) select = select.where('status', '=', query.status)
  if (after !== undefined) {
    const at = new Date(after.atMs)
    select = select.where((eb) =>
      eb.or([
        eb('created_at', '<', at),
        eb.and([eb('created_at', '=', at), eb('id', '<', after.id)]),
      ]),
    )
  }
  const rows = await select
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute()
  const page = rows.slice(0, limit)
  const last = page[page.length - 1]
  return {
    payments: page.map(toPayment),
    nextCursor:
      rows.length > limit && last !== undefined
        ? encodeCursor({ atMs: new Date(last.created_at).getTime(), id: last.id })
        : null,
  }
}

/** Paid payments of the day starting at `dayStartMs` (by when they were paid), and their sum. */
export async function merchantTakings(
  ctx: PaymentsContext,
  merchantId: string,
  dayStartMs: number,
): Promise<Takings> {
  assertSafeInteger(dayStartMs, 'dayStartMs')
  const row = await ctx.db
    .selectFrom('payments')
    .select([
      sql<string>`count(*)`.as('count'),
      sql<string>`coalesce(sum(amount_fen), 0)`.as('gross'),
    ])
    .where('merchant_id', '=', merchantId)
    .where('status', '=', 'SUCCESS')
    .where('paid_at', '>=', new Date(dayStartMs))
    .where('paid_at', '<', new Date(dayStartMs + DAY_MS))
    .executeTakeFirstOrThrow()
  return { dayStartMs, count: Number(row.count), grossFen: Number(row.gross) }
}

export async function getRefundablePayment(
  ctx: PaymentsContext,
  merchantId: string,
  ref: PaymentRef,
): Promise<RefundablePayment> {
  const row = await merchantPaymentRow(ctx, merchantId, ref)
  if (row.status !== 'SUCCESS' || row.paid_at === null) {
    throw new DomainError('NOT_FOUND', {
      resource: 'payment',
      reason: 'not paid',
      status: row.status,
    })
  }
  return {
    paymentId: row.id,
    merchantId: row.merchant_id,
    userId: row.user_id,
    outTradeNo: row.out_trade_no,
    amountFen: Number(row.amount_fen),
    feeFen: Number(row.fee_fen),
    discountFen: Number(row.discount_fen),
    couponFunderAccountId:
      row.coupon_funder_account_id === null ? null : Number(row.coupon_funder_account_id),
    method:
      row.method_kind === 'card'
        ? { kind: 'card', cardId: row.card_id as string, bankCode: row.bank_code as string }
        : { kind: 'balance' },
    paidAtMs: new Date(row.paid_at).getTime(),
    status: 'SUCCESS',
    refundedFen: Number(row.refunded_fen),
  }
}

/**
 * The refunds module tells how much of the payment has gone back in total (never less than it
 * said before, never more than was paid); the payment's refund status and the customer's
 * record change with it, in `executor` (the refund's transaction) when given.
 */
export async function noteRefunded(
  ctx: PaymentsContext,
  paymentId: string,
  refundedTotalFen: number,
  executor?: PaymentsDb,
): Promise<Payment> {
  assertSafeInteger(refundedTotalFen, 'refundedTotalFen')
  const work = async (trx: PaymentsDb) => {
    const row = await trx
      .selectFrom('payments')
      .selectAll()
      .where('id', '=', paymentId)
      .forUpdate()
      .executeTakeFirst()
    if (row === undefined) throw new DomainError('NOT_FOUND', { resource: 'payment' })
    const amountFen = Number(row.amount_fen)
    if (row.status !== 'SUCCESS' || refundedTotalFen < 0 || refundedTotalFen > amountFen) {
      throw new DomainError('INVALID_AMOUNT', { refundedTotalFen, amountFen, status: row.status })
    }
    if (refundedTotalFen < Number(row.refunded_fen)) return row
    const refundStatus =
      refundedTotalFen === 0 ? 'NONE' : refundedTotalFen === amountFen ? 'FULL' : 'PARTIAL'
    const updated = await trx
      .updateTable('payments')
      .set({
        refunded_fen: refundedTotalFen,
        refund_status: refundStatus,
        updated_at: new Date(ctx.clock.nowMs()),
      })
      .where('id', '=', paymentId)
      .returningAll()
      .executeTakeFirstOrThrow()
    await ctx.records.upsert(recordEntry(updated), trx as never)
    return updated
  }
  const row = executor?.isTransaction
    ? await work(executor)
    : await (executor ?? ctx.db).transaction().execute(work)
  return toPayment(row ?? (await loadPayment(ctx, paymentId)))
}
