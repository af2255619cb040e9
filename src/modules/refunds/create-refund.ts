/**
 * A merchant's refund: checked, then claimed atomically with its row — the payment's running
 * totals row is locked (SELECT … FOR UPDATE) and the refund is inserted in the same transaction,
 * so 20 refunds at once can never together pass the paid amount nor the 50 refunds — then its
 * money moved (refund-money.ts). Idempotent by the merchant's refund number (out_refund_no):
 * the same number with the same payment and amount answers with the first refund; with other
 * content it is REFUND_NO_CONFLICT.
 */
import type { Kysely } from 'kysely'
import { DomainError } from '../../shared/errors.ts'
import { isValidAmountFen } from '../../shared/money.ts'
import {
  OUT_REFUND_NO_PATTERN,
  REFUND_REASON_LENGTH_MAX,
  type RefundablePayment,
  type RefundsContext,
  type RefundsDb,
} from './context.ts'
import { claimCouponBack } from './refund-coupon.ts'
import { feeBackFen } from './refund-fee.ts'
import { driveRefund } from './refund-money.ts'
import { recordFacts, upsertRefundRecord } from './refund-record.ts'
import {
  findByOutRefundNo,
  newRefundId,
  type Refund,
  refundHash,
  type RefundRow,
  toRefund,
} from './refund-rows.ts'

export interface RefundInput {
  outRefundNo: string
  payment: { paymentId: string } | { outTradeNo: string }
  amountFen: number
  reason?: string | undefined
}

export interface RefundOrigin {
  /** 'staff:<id>', 'operator:<id>', 'system'. */
  createdBy: string
  /** The customer's request this refund answers. */
  requestId?: string
}

const OUT_REFUND_NO = new RegExp(OUT_REFUND_NO_PATTERN)

function checkInput(input: RefundInput): void {
  if (typeof input.outRefundNo !== 'string' || !OUT_REFUND_NO.test(input.outRefundNo))
    throw new DomainError('INVALID_REQUEST', {
      field: 'outRefundNo',
      pattern: OUT_REFUND_NO_PATTERN,
    })
  if (!isValidAmountFen(input.amountFen)) throw new DomainError('INVALID_AMOUNT')
  if (input.reason !== undefined && input.reason.length > REFUND_REASON_LENGTH_MAX)
    throw new DomainError('INVALID_REQUEST', {
      field: 'reason',
      maxLength: REFUND_REASON_LENGTH_MAX,
    })
}

function answerExisting(row: RefundRow, hash: string): Refund {
  if (row.request_hash !== hash)
    throw new DomainError('REFUND_NO_CONFLICT', { outRefundNo: row.out_refund_no })
  return toRefund(row)
}

function checkRefundable(ctx: RefundsContext, payment: RefundablePayment, amountFen: number): void {
  if (payment.status !== 'SUCCESS')
    throw new DomainError('REFUND_NOT_ALLOWED', { paymentStatus: payment.status })
  const windowEndsAtMs = payment.paidAtMs + ctx.rules.refundWindowMs
  if (ctx.clock.nowMs() > windowEndsAtMs)
    throw new DomainError('REFUND_WINDOW_PASSED', {
      paidAtMs: payment.paidAtMs,
      windowDays: Math.floor(ctx.rules.refundWindowMs / 86_400_000),
    })
  if (amountFen > payment.amountFen)
    throw new DomainError('REFUND_AMOUNT_EXCEEDS', { refundableFen: payment.amountFen })
}

/**
 * A courtesy before the claim (read unlocked; the claim under the payment's lock is what
 * holds). Whether the merchant can pay is not asked here: a refund it cannot cover now is
 * taken and waits (refund-funding.ts), as WeChat Pay's 退款处理中 does.
 */
async function checkRoomLeft(ctx: RefundsContext, payment: RefundablePayment, amountFen: number) {
  const totals = await ctx.db
    .selectFrom('refund_payments')
    .select('refunded_fen')
    .where('payment_id', '=', payment.paymentId)
    .executeTakeFirst()
  const refundedFen = Number(totals?.refunded_fen ?? 0)
  if (refundedFen + amountFen > payment.amountFen)
    throw new DomainError('REFUND_AMOUNT_EXCEEDS', {
      refundableFen: payment.amountFen - refundedFen,
    })
}

export async function createRefund(
  ctx: RefundsContext,
  merchantId: string,
  input: RefundInput,
  origin: RefundOrigin,
): Promise<Refund> {
  checkInput(input)
  const payment = await ctx.payments.getRefundablePayment(merchantId, input.payment)
  const hash = refundHash([payment.paymentId, input.amountFen])
  const existing = await findByOutRefundNo(ctx.db, merchantId, input.outRefundNo)
  if (existing !== undefined) return answerExisting(existing, hash)
  checkRefundable(ctx, payment, input.amountFen)
  await checkRoomLeft(ctx, payment, input.amountFen)
  const row = await insertRefund(ctx, payment, input, origin, hash)
  if (row.status !== 'PROCESSING' || row.bank_attempts > 0) return toRefund(row)
  return toRefund(await driveRefund(ctx, row.id))
}

/** Thrown inside the insert's transaction to roll back its claim when the number is taken. */
class NumberTakenError extends Error {}

async function insertRefund(
  ctx: RefundsContext,
  payment: RefundablePayment,
  input: RefundInput,
  origin: RefundOrigin,
  hash: string,
): Promise<RefundRow> {
  const nowMs = ctx.clock.nowMs()
  const draft = refundValues(ctx, payment, input, origin, hash, nowMs)
  const facts = await recordFacts(ctx, draft)
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      draft.fee_back_fen = await claimRefund(ctx, trx, payment, input.amountFen, nowMs)
      draft.coupon_back_fen = await claimCouponBack(trx, payment, input.amountFen)
      const inserted = await trx
        .insertInto('refunds')
        .values(draft)
        .onConflict((conflict) => conflict.columns(['merchant_id', 'out_refund_no']).doNothing())
        .returningAll()
        .executeTakeFirst()
      if (inserted === undefined) throw new NumberTakenError()
      await upsertRefundRecord(ctx, inserted, facts, trx as unknown as Kysely<unknown>)
      return inserted
    })
  } catch (error) {
    if (!(error instanceof NumberTakenError)) throw error
    // A concurrent request with the same refund number won: answer with its refund.
    const winner = (await findByOutRefundNo(
      ctx.db,
      payment.merchantId,
      input.outRefundNo,
    )) as RefundRow
    answerExisting(winner, hash)
    return winner
  }
}

/**
 * Under the payment's row lock: room for the amount and for one more refund, and the fee this
 * refund gives back (refund-fee.ts). Returns the fee back; throws (rolling back) when over.
 */
async function claimRefund(
  ctx: RefundsContext,
  trx: RefundsDb,
  payment: RefundablePayment,
  amountFen: number,
  nowMs: number,
): Promise<number> {
  await trx
    .insertInto('refund_payments')
    .values({
      payment_id: payment.paymentId,
      merchant_id: payment.merchantId,
      user_id: payment.userId,
      paid_fen: payment.amountFen,
      fee_fen: payment.feeFen,
      refunded_fen: 0,
      fee_back_fen: 0,
      succeeded_fen: 0,
      refund_count: 0,
      updated_at: new Date(nowMs),
    })
    .onConflict((conflict) => conflict.column('payment_id').doNothing())
    .execute()
  const totals = await trx
    .selectFrom('refund_payments')
    .selectAll()
    .where('payment_id', '=', payment.paymentId)
    .forUpdate()
    .executeTakeFirstOrThrow()
  const paidFen = Number(totals.paid_fen)
  const refundedFen = Number(totals.refunded_fen)
  if (refundedFen + amountFen > paidFen)
    throw new DomainError('REFUND_AMOUNT_EXCEEDS', { refundableFen: paidFen - refundedFen })
  if (totals.refund_count >= ctx.rules.refundsPerPaymentMax)
    throw new DomainError('REFUND_COUNT_LIMIT', { max: ctx.rules.refundsPerPaymentMax })
  const backFen = feeBackFen({
    paidFen,
    feeFen: Number(totals.fee_fen),
    refundedTotalFen: refundedFen + amountFen,
    feeGivenBackFen: Number(totals.fee_back_fen),
  })
  await trx
    .updateTable('refund_payments')
    .set({
      refunded_fen: refundedFen + amountFen,
      fee_back_fen: Number(totals.fee_back_fen) + backFen,
      refund_count: totals.refund_count + 1,
      updated_at: new Date(nowMs),
    })
    .where('payment_id', '=', payment.paymentId)
    .execute()
  return backFen
}

function refundValues(
  ctx: RefundsContext,
  payment: RefundablePayment,
  input: RefundInput,
  origin: RefundOrigin,
  hash: string,
  nowMs: number,
): RefundRow {
  const id = newRefundId(nowMs)
  const card = payment.method.kind === 'card' ? payment.method : null
  return {
    id,
    merchant_id: payment.merchantId,
    out_refund_no: input.outRefundNo,
    payment_id: payment.paymentId,
    user_id: payment.userId,
    amount_fen: input.amountFen,
    fee_back_fen: 0,
    coupon_back_fen: 0,
    reason: input.reason ?? null,
    request_id: origin.requestId ?? null,
    channel: card === null ? 'BALANCE' : 'CARD',
    card_id: card?.cardId ?? null,
    bank_code: card?.bankCode ?? null,
    status: 'PROCESSING',
    failure_code: null,
    request_hash: hash,
    created_by: origin.createdBy,
    ledger_transfer_id: null,
    bank_request_id: card === null ? null : id,
    bank_attempts: 0,
    // The request drives it now; the resolver only if the request did not finish.
    next_attempt_at: new Date(nowMs + ctx.rules.resolveAfterMs),
    created_at: new Date(nowMs),
    updated_at: new Date(nowMs),
    finished_at: null,
  }
}
