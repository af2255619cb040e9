/**
 * Orders (动态码): created by a merchant (console or the WeChat Pay v3 API) with its own number,
 * idempotent by (merchant, out_trade_no): the same content again answers with the same order,
 * other content OUT_TRADE_NO_USED. An order is paid at most once: a payment takes it with one
 * conditional update (NOTPAY → PAYING) in the transaction that writes the payment, so of two
 * devices paying at once exactly one gets it; the payment's end makes it PAID or NOTPAY again.
 */
import type { Selectable } from 'kysely'
import { DomainError } from '../../shared/errors.ts'
import { isValidAmountFen } from '../../shared/money.ts'
import type { PaymentsContext, PaymentsDb } from './context.ts'
import { contentHash, newOrderId, newOrderToken } from './ids.ts'
import { decodeCursor, encodeCursor, pageLimit } from './pages.ts'
import {
  ATTACH_LENGTH_MAX,
  DESCRIPTION_LENGTH_MAX,
  type Order,
  type OrderInput,
  type OrderPage,
  type OrderRef,
  type OrderStatus,
  OUT_TRADE_NO_PATTERN,
  PAYMENT_PAGE_SIZE_MAX,
} from './payment-types.ts'
import type { PaymentsTables } from './payments-tables.ts'

export type OrderRow = Selectable<PaymentsTables['payment_orders']>

const OUT_TRADE_NO = new RegExp(OUT_TRADE_NO_PATTERN)
const ORDER_TTL_MS_MAX = 7 * 24 * 3600_000
const NOTIFY_URL_LENGTH_MAX = 256

export function orderStatus(row: OrderRow, nowMs: number): OrderStatus {
  if (row.status === 'PAID') return 'PAID'
  if (row.status === 'CLOSED') return 'CLOSED'
  if (row.status === 'PAYING') return 'USERPAYING'
  return new Date(row.expires_at).getTime() <= nowMs ? 'EXPIRED' : 'NOTPAY'
}

export function toOrder(ctx: PaymentsContext, row: OrderRow): Order {
  return {
    id: row.id,
    merchantId: row.merchant_id,
    outTradeNo: row.out_trade_no,
    amountFen: Number(row.amount_fen),
    description: row.description,
    attach: row.attach,
    notifyUrl: row.notify_url,
    status: orderStatus(row, ctx.clock.nowMs()),
    expiresAtMs: new Date(row.expires_at).getTime(),
    createdAtMs: new Date(row.created_at).getTime(),
    closedAtMs: row.closed_at === null ? null : new Date(row.closed_at).getTime(),
    payUrl: `${ctx.publicUrl}/pay/o/${row.token}`,
    token: row.token,
    paymentId: row.payment_id,
  }
}

/** Why this order cannot be paid now, or nothing when it can. */
export function assertPayable(ctx: PaymentsContext, row: OrderRow): void {
  const status = orderStatus(row, ctx.clock.nowMs())
  if (status === 'PAID' || status === 'USERPAYING') {
    throw new DomainError('ORDER_PAID', { orderId: row.id, status })
  }
  if (status === 'CLOSED') throw new DomainError('ORDER_CLOSED', { orderId: row.id })
  if (status === 'EXPIRED') {
    throw new DomainError('ORDER_EXPIRED', { orderId: row.id, expiredAtMs: row.expires_at })
  }
}

export function checkOrderInput(ctx: PaymentsContext, input: OrderInput): void {
  const invalid = (field: string, extra: Record<string, unknown> = {}) =>
    new DomainError('INVALID_REQUEST', { field, ...extra })
  if (!OUT_TRADE_NO.test(input.outTradeNo)) throw invalid('outTradeNo')
  if (!isValidAmountFen(input.amountFen)) throw new DomainError('INVALID_AMOUNT')
  const description = input.description.trim()
  if (description.length === 0 || description.length > DESCRIPTION_LENGTH_MAX) {
    throw invalid('description')
  }
  if (input.attach !== undefined && input.attach.length > ATTACH_LENGTH_MAX) throw invalid('attach')
  if (input.notifyUrl !== undefined) {
    if (input.notifyUrl.length > NOTIFY_URL_LENGTH_MAX || !/^https?:\/\//.test(input.notifyUrl)) {
      throw invalid('notifyUrl')
    }
  }
  const nowMs = ctx.clock.nowMs()
  if (!Number.isSafeInteger(input.expiresAtMs) || input.expiresAtMs <= nowMs) {
    throw invalid('expiresAtMs', { reason: 'must be in the future' })
  }
  if (input.expiresAtMs > nowMs + ORDER_TTL_MS_MAX) throw invalid('expiresAtMs', { maxDays: 7 })
}

function orderHash(channel: string, input: OrderInput): string {
  // The expiry is left out: a client retrying computes it again from its own clock.
  const fields = [channel, input.amountFen, input.description.trim(), input.attach ?? null]
  return contentHash([...fields, input.notifyUrl ?? null])
}

/**
 * The order under (merchant, out_trade_no): inserted unless it exists; `created` says which.
 * Pass `executor` to insert in the caller's transaction (a code payment writes both at once).
 */
export async function insertOrder(
  ctx: PaymentsContext,
  merchantId: string,
  input: OrderInput,
  channel: 'ORDER' | 'CODE',
  executor: PaymentsDb = ctx.db,
): Promise<{ row: OrderRow; created: boolean }> {
  checkOrderInput(ctx, input)
  const now = new Date(ctx.clock.nowMs())
  const hash = orderHash(channel, input)
  const inserted = await executor
    .insertInto('payment_orders')
    .values({
      id: newOrderId(),
      merchant_id: merchantId,
      out_trade_no: input.outTradeNo,
      token: newOrderToken(),
      channel,
      amount_fen: input.amountFen,
      description: input.description.trim(),
      attach: input.attach ?? null,
      notify_url: input.notifyUrl ?? null,
      request_hash: hash,
      status: 'NOTPAY',
      payment_id: null,
      expires_at: new Date(input.expiresAtMs),
      created_at: now,
      updated_at: now,
      closed_at: null,
    })
    .onConflict((conflict) => conflict.columns(['merchant_id', 'out_trade_no']).doNothing())
    .returningAll()
    .executeTakeFirst()
  if (inserted !== undefined) return { row: inserted, created: true }
  const existing = await findOrderRow(ctx, merchantId, { outTradeNo: input.outTradeNo }, executor)
  if (existing.request_hash !== hash) {
    throw new DomainError('OUT_TRADE_NO_USED', { outTradeNo: input.outTradeNo })
  }
  return { row: existing, created: false }
}

export async function createOrder(
  ctx: PaymentsContext,
  merchantId: string,
  input: OrderInput,
): Promise<{ order: Order; created: boolean }> {
  const merchant = await ctx.merchants.get(merchantId)
  if (merchant.status !== 'active') throw new DomainError('MERCHANT_SUSPENDED')
  const { row, created } = await insertOrder(ctx, merchantId, input, 'ORDER')
  return { order: toOrder(ctx, row), created }
}

export async function findOrderRow(
  ctx: PaymentsContext,
  merchantId: string,
  ref: OrderRef,
  executor: PaymentsDb = ctx.db,
): Promise<OrderRow> {
  let query = executor
    .selectFrom('payment_orders')
    .selectAll()
    .where('merchant_id', '=', merchantId)
  query =
    'orderId' in ref
      ? query.where('id', '=', ref.orderId)
      : query.where('out_trade_no', '=', ref.outTradeNo)
  const row = await query.executeTakeFirst()
  if (row === undefined) throw new DomainError('NOT_FOUND', { resource: 'order' })
  return row
}

export async function findOrderByToken(ctx: PaymentsContext, token: string): Promise<OrderRow> {
  const row = await ctx.db
    .selectFrom('payment_orders')
    .selectAll()
    .where('token', '=', token)
    .where('channel', '=', 'ORDER')
    .executeTakeFirst()
  if (row === undefined) throw new DomainError('NOT_FOUND', { resource: 'order' })
  return row
}

export async function getOrder(ctx: PaymentsContext, merchantId: string, ref: OrderRef) {
  return toOrder(ctx, await findOrderRow(ctx, merchantId, ref))
}

/** Closes an unpaid order (expired ones too); closing a closed order again changes nothing. */
export async function closeOrder(
  ctx: PaymentsContext,
  merchantId: string,
  ref: OrderRef,
): Promise<Order> {
  const row = await findOrderRow(ctx, merchantId, ref)
  const now = new Date(ctx.clock.nowMs())
  const closed = await ctx.db
    .updateTable('payment_orders')
    .set({ status: 'CLOSED', closed_at: now, updated_at: now })
    .where('id', '=', row.id)
    .where('status', '=', 'NOTPAY')
    .returningAll()
    .executeTakeFirst()
  if (closed !== undefined) return toOrder(ctx, closed)
  const current = await findOrderRow(ctx, merchantId, { orderId: row.id })
  if (current.status === 'CLOSED') return toOrder(ctx, current)
  throw new DomainError('ORDER_PAID', {
    orderId: row.id,
    status: orderStatus(current, now.getTime()),
  })
}

export async function listOrders(
  ctx: PaymentsContext,
  merchantId: string,
  query: {
    status?: OrderStatus | undefined
    cursor?: string | undefined
    limit?: number | undefined
  },
): Promise<OrderPage> {
  const limit = pageLimit(query.limit, PAYMENT_PAGE_SIZE_MAX)
  const after = decodeCursor(query.cursor)
  const now = new Date(ctx.clock.nowMs())
  let select = ctx.db
    .selectFrom('payment_orders')
    .selectAll()
    .where('merchant_id', '=', merchantId)
    .where('channel', '=', 'ORDER')
  if (query.status !== undefined) {
    const stored = { NOTPAY: 'NOTPAY', EXPIRED: 'NOTPAY', USERPAYING: 'PAYING' }
    select = select.where(
      'status',
      '=',
      stored[query.status as keyof typeof stored] ?? query.status,
    )
    if (query.status === 'NOTPAY') select = select.where('expires_at', '>', now)
    if (query.status === 'EXPIRED') select = select.where('expires_at', '<=', now)
  }
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
    orders: page.map((row) => toOrder(ctx, row)),
    nextCursor:
      rows.length > limit && last !== undefined
        ? encodeCursor({ atMs: new Date(last.created_at).getTime(), id: last.id })
        : null,
  }
}

/** NOTPAY → PAYING for `paymentId`, inside the payment's transaction; false when taken. */
export async function takeOrder(
  trx: PaymentsDb,
  orderId: string,
  paymentId: string,
  nowMs: number,
): Promise<boolean> {
  const taken = await trx
    .updateTable('payment_orders')
    .set({ status: 'PAYING', payment_id: paymentId, updated_at: new Date(nowMs) })
    .where('id', '=', orderId)
    .where('status', '=', 'NOTPAY')
    .where('expires_at', '>', new Date(nowMs))
    .executeTakeFirst()
  return taken.numUpdatedRows === 1n
}

/** The payment that held the order ended: PAID, or free to pay again (a code order closes). */
export async function finishOrder(
  trx: PaymentsDb,
  orderId: string,
  paymentId: string,
  outcome: 'PAID' | 'RELEASED',
  nowMs: number,
): Promise<void> {
  const now = new Date(nowMs)
  const order = await trx
    .selectFrom('payment_orders')
    .select('channel')
    .where('id', '=', orderId)
    .executeTakeFirstOrThrow()
  const next =
    outcome === 'PAID'
      ? { status: 'PAID', updated_at: now }
      : order.channel === 'CODE'
        ? { status: 'CLOSED', closed_at: now, updated_at: now }
        : { status: 'NOTPAY', payment_id: null, updated_at: now }
  await trx
    .updateTable('payment_orders')
    .set(next)
    .where('id', '=', orderId)
    .where('payment_id', '=', paymentId)
    .where('status', '=', 'PAYING')
    .execute()
}
