/**
 * The cashier collects a payment code (付款码, the WeChat Pay v3 micropay): one transaction uses
 * the code (once), writes the CODE order under the merchant's out_trade_no (a re-submit with
 * the same content answers with the same payment), the payment and its coupon (the best offer,
 * redeemed there). Within the customer's 免密 limits on what they pay (the amount less the
 * coupon; the daily limits claimed in that transaction) the money moves at once with only the
 * account checks; otherwise the payment waits USERPAYING until the customer confirms it with
 * the payment password on the phone (or cancels it, or lets it time out).
 */
import { DomainError, isDomainError } from '../../shared/errors.ts'
import type { PaymentsContext, PaymentsDb } from './context.ts'
import { failWith } from './execute.ts'
import { contentHash, newPaymentId } from './ids.ts'
import {
  couponOffer,
  type PaymentCoupon,
  payableFen,
  rowPayableFen,
  withCouponOrFullPrice,
} from './coupon.ts'
import { claimLimits, limitSubject } from './limits.ts'
import { findOrderRow, insertOrder, type OrderRow, takeOrder } from './orders.ts'
import { storedSettings } from './pay-settings.ts'
import { codeOwner, useCode } from './payment-codes.ts'
import { loadPayment, type PaymentRow, toPayment, transition } from './payment-rows.ts'
import type { CodeCollectInput, PayConfirmation, Payment } from './payment-types.ts'
import {
  checkMerchantActive,
  confirm,
  insertPayment,
  payerMaskedName,
  methodColumns,
  resolveMethod,
  run,
} from './start-payment.ts'

interface Collected {
  row: PaymentRow
  created: boolean
  passwordless: boolean
}

export async function collectByCode(
  ctx: PaymentsContext,
  merchantId: string,
  input: CodeCollectInput,
): Promise<{ payment: Payment; created: boolean }> {
  const merchant = await ctx.merchants.get(merchantId)
  checkMerchantActive(merchant)
  const earlier = await findOrderRow(ctx, merchantId, { outTradeNo: input.outTradeNo }).catch(
    () => undefined,
  )
  if (earlier !== undefined) {
    // A re-submit: the same content answers the same payment (insertOrder checks the content).
    const again = await ctx.db.transaction().execute(async (trx) => {
      const { row: order } = await insertOrder(
        ctx,
        merchantId,
        codeOrderInput(ctx, input),
        'CODE',
        trx,
      )
      return replayed(ctx, order, trx)
    })
    return { payment: toPayment(again), created: false }
  }
  const payer = await payerOfCode(ctx, input.authCode)
  const offer = await couponOffer(ctx, merchantId, payer.userId, input.amountFen)
  const collected = await withCouponOrFullPrice(offer, (coupon) =>
    ctx.db
      .transaction()
      .execute((trx) => writeCollection(ctx, trx, merchant, input, { ...payer, coupon })),
  )
  if (!collected.created || !collected.passwordless) {
    return { payment: toPayment(collected.row), created: collected.created }
  }
  const { row } = collected
  try {
    const method = await resolveMethod(ctx, row.user_id, payer.settings.defaultMethod)
    await ctx.security.confirmPasswordless({
      userId: row.user_id,
      amountFen: rowPayableFen(row),
      purpose: 'PAYMENT',
      countsAgainstBalanceLimit: method.kind === 'balance',
    })
    const withMethod = await setMethod(ctx, row, methodColumns(method))
    return { payment: await run(ctx, withMethod, method), created: true }
  } catch (error) {
    if (isDomainError(error) && (await loadPayment(ctx, row.id)).status === 'PROCESSING') {
      await failWith(ctx, row, error)
    }
    throw error
  }
}

async function writeCollection(
  ctx: PaymentsContext,
  trx: PaymentsDb,
  merchant: Awaited<ReturnType<PaymentsContext['merchants']['get']>>,
  input: CodeCollectInput,
  payer: Payer & { coupon: PaymentCoupon | null },
): Promise<Collected> {
  const nowMs = ctx.clock.nowMs()
  const orderInput = codeOrderInput(ctx, input)
  const { row: order, created } = await insertOrder(ctx, merchant.id, orderInput, 'CODE', trx)
  if (!created) return { row: await replayed(ctx, order, trx), created: false, passwordless: false }
  const id = newPaymentId(nowMs)
  const userId = await useCode(ctx, trx, input.authCode, id)
  // The code changed hands between the look-up and the use: only possible for a used code.
  if (userId !== payer.userId) throw new DomainError('PAYMENT_CODE_USED')
  const { settings } = payer
  const payFen = payableFen(input.amountFen, payer.coupon)
  let passwordless = settings.passwordlessEnabled && payFen <= settings.perPaymentFen
  if (passwordless) passwordless = await tryPasswordlessClaim(ctx, trx, id, payer, payFen)
  await takeOrder(trx, order.id, id, nowMs)
  const row = await insertPayment(
    ctx,
    {
      id,
      merchant,
      userId,
      channel: 'CODE',
      orderId: order.id,
      outTradeNo: order.out_trade_no,
      amountFen: input.amountFen,
      description: order.description,
      note: null,
      method: null,
      status: passwordless ? 'PROCESSING' : 'USERPAYING',
      idempotencyKey: null,
      requestHash: contentHash(['CODE', order.id]),
      payerMaskedName: payer.maskedName,
      coupon: payer.coupon,
    },
    async () => {},
    trx,
  )
  return { row, created: true, passwordless }
}

function codeOrderInput(ctx: PaymentsContext, input: CodeCollectInput) {
  return {
    outTradeNo: input.outTradeNo,
    amountFen: input.amountFen,
    description: input.description,
    expiresAtMs: ctx.clock.nowMs() + ctx.rules.userPayingTtlMs,
    attach: input.attach,
  }
}

interface Payer {
  userId: string
  /** Whom the per-person 免密 ceiling counts (identity's customerKey). */
  customerKey: string
  maskedName: string
  settings: Awaited<ReturnType<typeof storedSettings>>
}

/** Who the code belongs to, read before the transaction that uses it (which checks again). */
async function payerOfCode(ctx: PaymentsContext, authCode: string): Promise<Payer> {
  const userId = await codeOwner(ctx, authCode)
  const settings = await storedSettings(ctx, userId)
  if (!settings.paymentCodeEnabled) {
    throw new DomainError('PAYMENT_DISABLED', { feature: 'PAYMENT_CODE' })
  }
  return {
    userId,
    customerKey: await limitSubject(ctx, 'PASSWORDLESS_PERSON_DAILY', userId),
    maskedName: await payerMaskedName(ctx, userId),
    settings,
  }
}

/** A re-submitted out_trade_no with the same content: its payment. */
async function replayed(
  ctx: PaymentsContext,
  order: OrderRow,
  trx: PaymentsDb,
): Promise<PaymentRow> {
  if (order.payment_id === null) {
    throw new DomainError('OUT_TRADE_NO_USED', { outTradeNo: order.out_trade_no })
  }
  return loadPayment(ctx, order.payment_id, trx)
}

/**
 * Over a 免密 day's limit (the user's own, or the per-person ceiling shared by every wallet of
 * one ID) is no failure: the customer confirms on the phone instead.
 */
async function tryPasswordlessClaim(
  ctx: PaymentsContext,
  trx: PaymentsDb,
  paymentId: string,
  payer: Payer,
  amountFen: number,
): Promise<boolean> {
  try {
    await claimLimits(ctx, trx, [
      {
        rule: 'PASSWORDLESS_DAILY',
        paymentId,
        subject: payer.userId,
        amountFen,
        limitFen: payer.settings.dailyFen,
      },
      {
        rule: 'PASSWORDLESS_PERSON_DAILY',
        paymentId,
        subject: payer.customerKey,
        amountFen,
        limitFen: ctx.rules.passwordlessDailyFenMax,
      },
    ])
    return true
  } catch (error) {
    if (isDomainError(error) && error.code === 'LIMIT_EXCEEDED') return false
    throw error
  }
}

async function setMethod(
  ctx: PaymentsContext,
  row: PaymentRow,
  columns: ReturnType<typeof methodColumns>,
) {
  const updated = await ctx.db
    .updateTable('payments')
    .set(columns)
    .where('id', '=', row.id)
    .where('status', '=', 'PROCESSING')
    .returningAll()
    .executeTakeFirst()
  if (updated === undefined) throw new DomainError('PAYMENT_NOT_PENDING')
  return updated
}

async function ownPayment(
  ctx: PaymentsContext,
  userId: string,
  paymentId: string,
): Promise<PaymentRow> {
  const row = await loadPayment(ctx, paymentId)
  if (row.user_id !== userId) throw new DomainError('NOT_FOUND', { resource: 'payment' })
  return row
}

export async function getPayment(
  ctx: PaymentsContext,
  userId: string,
  paymentId: string,
): Promise<Payment> {
  return toPayment(await ownPayment(ctx, userId, paymentId))
}

export async function listPending(ctx: PaymentsContext, userId: string): Promise<Payment[]> {
  const rows = await ctx.db
    .selectFrom('payments')
    .selectAll()
    .where('user_id', '=', userId)
    .where('status', '=', 'USERPAYING')
    .where('confirm_by', '>', new Date(ctx.clock.nowMs()))
    .orderBy('created_at', 'desc')
    .limit(20)
    .execute()
  return rows.map(toPayment)
}

/** The customer confirms a USERPAYING payment: the credential, then USERPAYING → PROCESSING once. */
export async function confirmPending(
  ctx: PaymentsContext,
  userId: string,
  paymentId: string,
  request: PayConfirmation,
): Promise<Payment> {
  const row = await ownPayment(ctx, userId, paymentId)
  if (
    row.status !== 'USERPAYING' ||
    new Date(row.confirm_by as Date).getTime() <= ctx.clock.nowMs()
  ) {
    throw new DomainError('PAYMENT_NOT_PENDING', { status: row.status })
  }
  const merchant = await ctx.merchants.get(row.merchant_id)
  checkMerchantActive(merchant)
  const method = await resolveMethod(ctx, userId, request.payMethod)
  await confirm(ctx, userId, rowPayableFen(row), method, request)
  const { row: taken, changed } = await transition(ctx, paymentId, {
    from: ['USERPAYING'],
    to: 'PROCESSING',
    set: methodColumns(method),
  })
  if (!changed) throw new DomainError('PAYMENT_NOT_PENDING', { status: taken.status })
  return run(ctx, taken, method)
}

export async function cancelPending(
  ctx: PaymentsContext,
  userId: string,
  paymentId: string,
): Promise<Payment> {
  await ownPayment(ctx, userId, paymentId)
  const { row, changed } = await transition(ctx, paymentId, {
    from: ['USERPAYING'],
    to: 'CLOSED',
  })
  if (!changed) throw new DomainError('PAYMENT_NOT_PENDING', { status: row.status })
  return toPayment(row)
}
