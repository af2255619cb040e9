/**
 * The steps every payment shares before money moves: the method resolved (a card must be the
 * payer's, bound), the payment confirmed (security.confirmPayment, or its 免密 twin), and the
 * row written in one transaction with what it takes (the order, the payment code, the limits)
 * and its first record, or the existing payment returned for a retried idempotency key.
 */
import { DomainError } from '../../shared/errors.ts'
import { feeFen } from '../merchants/index.ts'
import type { Merchant } from '../merchants/index.ts'
import { maskName } from '../ops/index.ts'
import type { PaymentsContext, PaymentsDb } from './context.ts'
import { couponColumns, type PaymentCoupon, redeemCoupon } from './coupon.ts'
import { payFromBalance, payFromCard } from './execute.ts'
import { paymentClaimIds } from './limits.ts'
import { loadPayment, type PaymentRow, recordEntry, toPayment } from './payment-rows.ts'
import type { PayConfirmation, PayMethod, Payment, PaymentChannel } from './payment-types.ts'

export interface ResolvedMethod {
  kind: 'balance' | 'card'
  cardId: string | null
  bankCode: string | null
  last4: string | null
  cardNumber: string | null
}

export async function resolveMethod(
  ctx: PaymentsContext,
  userId: string,
  method: PayMethod,
): Promise<ResolvedMethod> {
  if (method.kind === 'balance') {
    return { kind: 'balance', cardId: null, bankCode: null, last4: null, cardNumber: null }
  }
  const card = await ctx.cards.cardForBank(userId, method.cardId)
  return {
    kind: 'card',
    cardId: card.id,
    bankCode: card.bankCode,
    last4: card.last4,
    cardNumber: card.cardNumber,
  }
}

export function methodColumns(method: ResolvedMethod) {
  return {
    method_kind: method.kind,
    card_id: method.cardId,
    bank_code: method.bankCode,
    card_last4: method.last4,
  }
}

export function checkMerchantActive(merchant: Merchant): void {
  if (merchant.status !== 'active')
    throw new DomainError('MERCHANT_SUSPENDED', { merchantId: merchant.id })
}

/**
 * NOT_ENOUGH before the payment password is spent on a balance payment the balance cannot
 * cover (a courtesy: the ledger's own check at the transfer is what holds).
 */
export async function precheckBalance(
  ctx: PaymentsContext,
  userId: string,
  amountFen: number,
  method: ResolvedMethod,
): Promise<void> {
  if (method.kind !== 'balance') return
  const account = await ctx.balanceAccount(userId)
  const availableFen = (await ctx.ledger.getBalance(account.id)).availableFen
  if (availableFen < amountFen) {
    throw new DomainError('NOT_ENOUGH', {
      amountFen,
      availableFen,
      options: ['TOP_UP', 'PAY_BY_CARD'],
    })
  }
}

/**
 * security.confirmPayment with purpose PAYMENT for what the payer pays (`amountFen`: the amount
 * less a coupon); only a balance payment counts against the class.
 */
export async function confirm(
  ctx: PaymentsContext,
  userId: string,
  amountFen: number,
  method: ResolvedMethod,
  request: PayConfirmation,
): Promise<void> {
  await precheckBalance(ctx, userId, amountFen, method)
  await ctx.security.confirmPayment({
    userId,
    amountFen,
    purpose: 'PAYMENT',
    countsAgainstBalanceLimit: method.kind === 'balance',
    method: request.method,
    ...(request.smsCode ? { smsCode: request.smsCode } : {}),
    ...(request.ip ? { ip: request.ip } : {}),
  })
}

export interface NewPayment {
  id: string
  merchant: Merchant
  userId: string
  channel: PaymentChannel
  orderId: string | null
  outTradeNo: string | null
  amountFen: number
  description: string
  note: string | null
  method: ResolvedMethod | null
  status: 'PROCESSING' | 'USERPAYING'
  idempotencyKey: string | null
  requestHash: string
  /** Known already (a code payment looks the payer up before its transaction). */
  payerMaskedName?: string
  /** Redeemed in the payment's transaction (COUPON_* when it is gone: coupon.ts falls back). */
  coupon?: PaymentCoupon | null
}

export async function payerMaskedName(ctx: PaymentsContext, userId: string): Promise<string> {
  const user = await ctx.identity.getUser(userId)
  return user.realName === null ? '*' : maskName(user.realName)
}

/** Thrown inside the insert's transaction to roll back what it took when the key exists. */
class KeyTakenError extends Error {}

/**
 * Writes the payment (and its record) after `take` took what it needs in the same transaction;
 * answers the existing payment when a concurrent request with the same key won.
 */
export async function insertPayment(
  ctx: PaymentsContext,
  payment: NewPayment,
  take: (trx: PaymentsDb) => Promise<void>,
  executor?: PaymentsDb,
): Promise<PaymentRow> {
  const nowMs = ctx.clock.nowMs()
  const maskedName = payment.payerMaskedName ?? (await payerMaskedName(ctx, payment.userId))
  const work = async (trx: PaymentsDb) => {
    await take(trx)
    await redeemCoupon(ctx, trx, payment)
    const inserted = await trx
      .insertInto('payments')
      .values({
        id: payment.id,
        merchant_id: payment.merchant.id,
        user_id: payment.userId,
        merchant_name: payment.merchant.storeName,
        merchant_category: payment.merchant.category,
        payer_masked_name: maskedName,
        channel: payment.channel,
        order_id: payment.orderId,
        out_trade_no: payment.outTradeNo,
        amount_fen: payment.amountFen,
        fee_fen: feeFen(payment.amountFen, payment.merchant.feeRateBp),
        description: payment.description,
        note: payment.note,
        ...(payment.method === null
          ? { method_kind: null, card_id: null, bank_code: null, card_last4: null }
          : methodColumns(payment.method)),
        status: payment.status,
        failure_code: null,
        failure_details: null,
        idempotency_key: payment.idempotencyKey,
        request_hash: payment.requestHash,
        claim_ids: JSON.stringify(paymentClaimIds(payment.id)) as never,
        transfer_id: null,
        balance_account_id: null,
        hold_transfer_id: null,
        bank_attempts: 0,
        refund_status: 'NONE',
        refunded_fen: 0,
        confirm_by:
          payment.status === 'USERPAYING' ? new Date(nowMs + ctx.rules.userPayingTtlMs) : null,
        created_at: new Date(nowMs),
        updated_at: new Date(nowMs),
        paid_at: null,
        ...couponColumns(payment.coupon ?? null),
      })
      .onConflict((conflict) => conflict.columns(['user_id', 'idempotency_key']).doNothing())
      .returningAll()
      .executeTakeFirst()
    if (inserted === undefined) throw new KeyTakenError()
    await ctx.records.upsert(recordEntry(inserted), trx as never)
    return inserted
  }
  try {
    if (executor?.isTransaction) return await work(executor)
    return await (executor ?? ctx.db).transaction().execute(work)
  } catch (error) {
    if (!(error instanceof KeyTakenError)) throw error
    const existing = await existingPayment(
      ctx,
      payment.userId,
      payment.idempotencyKey as string,
      payment.requestHash,
    )
    return loadPayment(ctx, (existing as Payment).id)
  }
}

/** The payment of a retried key, or undefined for a new one; other content IDEMPOTENCY_CONFLICT. */
export async function existingPayment(
  ctx: PaymentsContext,
  userId: string,
  idempotencyKey: string,
  requestHash: string,
): Promise<Payment | undefined> {
  const row = await ctx.db
    .selectFrom('payments')
    .selectAll()
    .where('user_id', '=', userId)
    .where('idempotency_key', '=', idempotencyKey)
    .executeTakeFirst()
  if (row === undefined) return undefined
  if (row.request_hash !== requestHash) throw new DomainError('IDEMPOTENCY_CONFLICT')
  return toPayment(row)
}

/** Moves the money of a PROCESSING payment by its method. */
export async function run(
  ctx: PaymentsContext,
  row: PaymentRow,
  method: ResolvedMethod,
): Promise<Payment> {
  if (method.kind === 'balance') return toPayment(await payFromBalance(ctx, row))
  return toPayment(await payFromCard(ctx, row, method.cardNumber as string))
}
