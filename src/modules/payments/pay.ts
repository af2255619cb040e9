/**
 * The customer pays an order (动态码, its QR leads to the confirm page) or a merchant's static
 * code (收款码, the customer types the amount and a note). Both: idempotent by the customer's
 * key; the merchant must be active; the payment is confirmed with the payment password (or a
 * passkey) before anything is taken, for what the payer pays (the best coupon's discount off);
 * then the row is written with what it takes — the order (exactly one of two devices gets it) or
 * the D-level daily limit, and the coupon — and the money moves.
 */
import { DomainError } from '../../shared/errors.ts'
import { isValidAmountFen } from '../../shared/money.ts'
import type { PaymentsContext } from './context.ts'
import { contentHash, newPaymentId } from './ids.ts'
import { assertPayableAsShown, couponOffer, payableFen, withCouponOrRefuse } from './coupon.ts'
import { claimLimits, limitSubject, precheckLimit } from './limits.ts'
import { assertPayable, findOrderByToken, findOrderRow, takeOrder } from './orders.ts'
import type { OrderPayRequest, Payment, StaticPayRequest } from './payment-types.ts'
import { NOTE_LENGTH_MAX } from './payment-types.ts'
import {
  checkMerchantActive,
  confirm,
  existingPayment,
  insertPayment,
  resolveMethod,
  run,
} from './start-payment.ts'
import { merchantOfStaticCode } from './static-codes.ts'
import { toPayment } from './payment-rows.ts'

const IDEMPOTENCY_KEY = /^[\w.:-]{1,64}$/

function checkKey(key: string): void {
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw new DomainError('INVALID_REQUEST', {
      reason: 'idempotencyKey: 1-64 letters, digits, _ . : -',
    })
  }
}

export async function payOrder(
  ctx: PaymentsContext,
  userId: string,
  orderToken: string,
  request: OrderPayRequest,
): Promise<Payment> {
  checkKey(request.idempotencyKey)
  const hash = contentHash(['ORDER', orderToken, request.payMethod])
  const existing = await existingPayment(ctx, userId, request.idempotencyKey, hash)
  if (existing !== undefined) return existing
  const order = await findOrderByToken(ctx, orderToken)
  const merchant = await ctx.merchants.get(order.merchant_id)
  checkMerchantActive(merchant)
  assertPayable(ctx, order)
  const amountFen = Number(order.amount_fen)
  const method = await resolveMethod(ctx, userId, request.payMethod)
  const offer = await couponOffer(ctx, merchant.id, userId, amountFen)
  assertPayableAsShown(request.payableFen, payableFen(amountFen, offer))
  await confirm(ctx, userId, payableFen(amountFen, offer), method, request)
  const id = newPaymentId(ctx.clock.nowMs())
  const row = await withCouponOrRefuse(offer, amountFen, (coupon) =>
    insertPayment(
      ctx,
      {
        id,
        merchant,
        userId,
        channel: 'ORDER',
        orderId: order.id,
        outTradeNo: order.out_trade_no,
        amountFen,
        description: order.description,
        note: null,
        method,
        status: 'PROCESSING',
        idempotencyKey: request.idempotencyKey,
        requestHash: hash,
        coupon,
      },
      async (trx) => {
        if (await takeOrder(trx, order.id, id, ctx.clock.nowMs())) return
        // Another device (or a retry under another key) took it first: say what state it is in.
        assertPayable(ctx, await findOrderRow(ctx, order.merchant_id, { orderId: order.id }, trx))
        throw new DomainError('ORDER_PAID', { orderId: order.id })
      },
    ),
  )
  if (row.id !== id) return toPayment(row)
  return run(ctx, row, method)
}

export async function payStatic(
  ctx: PaymentsContext,
  userId: string,
  merchantCode: string,
  request: StaticPayRequest,
): Promise<Payment> {
  checkKey(request.idempotencyKey)
  if (!isValidAmountFen(request.amountFen)) throw new DomainError('INVALID_AMOUNT')
  const note = request.note?.trim() || null
  if (note !== null && note.length > NOTE_LENGTH_MAX)
    throw new DomainError('INVALID_REQUEST', { field: 'note' })
  const hash = contentHash(['STATIC', merchantCode, request.amountFen, note, request.payMethod])
  const existing = await existingPayment(ctx, userId, request.idempotencyKey, hash)
  if (existing !== undefined) return existing
  const merchant = await ctx.merchants.get(await merchantOfStaticCode(ctx, merchantCode))
  checkMerchantActive(merchant)
  const limitFen = ctx.rules.staticCodeDailyFenMax
  const offer = await couponOffer(ctx, merchant.id, userId, request.amountFen)
  assertPayableAsShown(request.payableFen, payableFen(request.amountFen, offer))
  await precheckLimit(
    ctx,
    'STATIC_QR_DAILY',
    userId,
    limitFen,
    payableFen(request.amountFen, offer),
  )
  const method = await resolveMethod(ctx, userId, request.payMethod)
  await confirm(ctx, userId, payableFen(request.amountFen, offer), method, request)
  const subject = await limitSubject(ctx, 'STATIC_QR_DAILY', userId)
  const id = newPaymentId(ctx.clock.nowMs())
  const row = await withCouponOrRefuse(offer, request.amountFen, (coupon) =>
    insertPayment(
      ctx,
      {
        id,
        merchant,
        userId,
        channel: 'STATIC',
        orderId: null,
        outTradeNo: null,
        amountFen: request.amountFen,
        description: merchant.storeName,
        note,
        method,
        status: 'PROCESSING',
        idempotencyKey: request.idempotencyKey,
        requestHash: hash,
        coupon,
      },
      (trx) =>
        claimLimits(ctx, trx, [
          {
            rule: 'STATIC_QR_DAILY',
            paymentId: id,
            subject,
            amountFen: payableFen(request.amountFen, coupon),
            limitFen,
          },
        ]),
    ),
  )
  if (row.id !== id) return toPayment(row)
  return run(ctx, row, method)
}
