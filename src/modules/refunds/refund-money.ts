/**
 * Moving a refund's money back along the way it came.
 *
 * - Balance: one posted transfer `refund:<id>` (code REFUND): [merchant_pending → the customer's
 *   balance], [the merchant's refund line → the balance: what pending could not cover]
 *   (refund-funding.ts), [merchant_fees → merchant_pending: fee back].
 * - Card: the same two legs as a pending hold `refund:<id>:hold` with the bank's clearing account
 *   in place of the balance; the bank is credited with the refund's bank request id (idempotent
 *   there) and the hold is posted by its SUCCEEDED. A bank that did not take it leaves the hold
 *   and the refund PROCESSING (down, no answer) or ABNORMAL (the card refused it), for the
 *   resolver to try again with backoff until it succeeds or an operator closes it.
 * - A couponed payment's refund: the coupon's share of it goes to the coupon's funder instead
 *   of the customer (refund-coupon.ts); the bank is credited only the customer's part.
 *
 * Every step is idempotent (ledger keys, the bank's request id, conditional status updates), so
 * the request, the resolver and a retry after a crash can all run it.
 */
import type { MoneyResult, RequestStatus } from '../../adapters/bank/index.ts'
import { DomainError, isDomainError } from '../../shared/errors.ts'
import type { TransferLeg } from '../ledger/index.ts'
import type { RefundsContext } from './context.ts'
import { customerBackFen, withCouponShare } from './refund-coupon.ts'
import { finishRefund } from './refund-finish.ts'
import { onceByKey, splitLegs, splitRefund } from './refund-funding.ts'
import { loadRefund, type RefundRow } from './refund-rows.ts'

export function retryDelayMs(ctx: RefundsContext, attempt: number): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30)
  return Math.min(ctx.rules.retryDelayBaseMs * 2 ** exponent, ctx.rules.retryDelayMaxMs)
}

/**
 * The merchant cannot cover the refund now, neither from pending nor from its refund line
 * (refund-funding.ts), or a concurrent refund took the money first: the refund waits, and the
 * resolver tries again with backoff until new takings or a repaid line cover it.
 */
const WAITING_CODES = new Set(['NOT_ENOUGH', 'REFUND_MERCHANT_BALANCE_LOW'])

/** One attempt at a refund; returns its row after. Throws only on a fault of our own. */
export async function driveRefund(ctx: RefundsContext, refundId: string): Promise<RefundRow> {
  const row = await loadRefund(ctx.db, refundId)
  if (row.status === 'SUCCESS' || row.status === 'CLOSED') return row
  const attempt = row.bank_attempts + 1
  // Counted (and the next try scheduled) before the attempt: a crash mid-way leaves it due.
  await ctx.db
    .updateTable('refunds')
    .set({
      bank_attempts: attempt,
      next_attempt_at: new Date(ctx.clock.nowMs() + retryDelayMs(ctx, attempt)),
      updated_at: new Date(ctx.clock.nowMs()),
    })
    .where('id', '=', row.id)
    .where('status', 'in', ['PROCESSING', 'ABNORMAL'])
    .execute()
  try {
    // Nothing for the card (the whole refund is the coupon's share): one posted transfer.
    return row.channel === 'BALANCE' || customerBackFen(row) === 0
      ? await refundToBalance(ctx, row)
      : await refundToCard(ctx, row)
  } catch (error) {
    if (!isDomainError(error)) throw error
    const failureCode = WAITING_CODES.has(error.code) ? 'REFUND_MERCHANT_BALANCE_LOW' : error.code
    // Held up, not refused (the merchant short of money, a frozen account, a card gone): the
    // resolver tries again.
    return finishRefund(ctx, row.id, 'ABNORMAL', { failureCode })
  }
}

async function feeBackLeg(ctx: RefundsContext, row: RefundRow): Promise<TransferLeg> {
  const accounts = await ctx.merchants.accounts(row.merchant_id)
  return {
    debitAccountId: accounts.merchant_fees.id,
    creditAccountId: accounts.merchant_pending.id,
    amountFen: Number(row.fee_back_fen),
  }
}

/** The refund's legs to `toAccountId`, paid from pending first, then the merchant's line. */
async function refundLegs(
  ctx: RefundsContext,
  row: RefundRow,
  toAccountId: number,
  incomingFen: number,
): Promise<TransferLeg[]> {
  const accounts = await ctx.merchants.accounts(row.merchant_id)
  const split = await splitRefund(ctx, row.merchant_id, Number(row.amount_fen), incomingFen)
  return withCouponShare(ctx, row, splitLegs(split, accounts.merchant_pending.id, toAccountId))
}

/**
 * A card refund's fee back is posted on its own before the hold: a hold's pending credit does not
 * count towards what merchant_pending can pay out, so a full refund could never be held otherwise.
 */
async function giveFeeBack(ctx: RefundsContext, row: RefundRow): Promise<void> {
  const leg = await feeBackLeg(ctx, row)
  if (leg.amountFen <= 0) return
  await ctx.ledger.createTransfer({
    kind: 'posted',
    idempotencyKey: `refund:${row.id}:fee`,
    code: 'REFUND',
    legs: [leg],
    metadata: { refund: row.id, payment: row.payment_id },
  })
}

/** A closed card refund takes its fee back out again (the merchant paid the fee after all). */
export async function returnFeeBack(ctx: RefundsContext, row: RefundRow): Promise<void> {
  if ((await ctx.ledger.findTransferByKey(`refund:${row.id}:fee`)) === undefined) return
  const leg = await feeBackLeg(ctx, row)
  await ctx.ledger.createTransfer({
    kind: 'posted',
    idempotencyKey: `refund:${row.id}:fee-return`,
    code: 'REFUND',
    legs: [
      {
        debitAccountId: leg.creditAccountId,
        creditAccountId: leg.debitAccountId,
        amountFen: leg.amountFen,
      },
    ],
    metadata: { refund: row.id, payment: row.payment_id },
  })
}

async function refundToBalance(ctx: RefundsContext, row: RefundRow): Promise<RefundRow> {
  const balance = await ctx.balanceAccount(row.user_id)
  const transfer = await onceByKey(ctx, `refund:${row.id}`, async () => {
    const feeBack = await feeBackLeg(ctx, row)
    const legs = await refundLegs(ctx, row, balance.id, feeBack.amountFen)
    return {
      kind: 'posted',
      idempotencyKey: `refund:${row.id}`,
      code: 'REFUND',
      legs: feeBack.amountFen > 0 ? [...legs, feeBack] : legs,
      metadata: { refund: row.id, payment: row.payment_id },
    }
  })
  return finishRefund(ctx, row.id, 'SUCCESS', {
    transferId: transfer.transferId,
    balanceAccountId: balance.id,
  })
}

async function clearingAccountId(ctx: RefundsContext, bankCode: string): Promise<number> {
  const account = await ctx.ledger.findAccount({
    ownerKind: 'platform',
    ownerId: 'platform',
    purpose: `bank_clearing:${bankCode.toLowerCase()}`,
    currency: 'CNY',
  })
  if (account === undefined) throw new Error(`no clearing account for ${bankCode}`)
  return account.id
}

async function holdFor(ctx: RefundsContext, row: RefundRow): Promise<number> {
  if (row.ledger_transfer_id !== null) return Number(row.ledger_transfer_id)
  await giveFeeBack(ctx, row)
  const clearingId = await clearingAccountId(ctx, row.bank_code ?? '')
  const hold = await onceByKey(ctx, `refund:${row.id}:hold`, async () => ({
    kind: 'pending',
    idempotencyKey: `refund:${row.id}:hold`,
    code: 'REFUND',
    // The fee back is posted already: pending's available money includes it.
    legs: await refundLegs(ctx, row, clearingId, 0),
    metadata: { refund: row.id, payment: row.payment_id },
  }))
  await ctx.db
    .updateTable('refunds')
    .set({ ledger_transfer_id: hold.transferId })
    .where('id', '=', row.id)
    .execute()
  return hold.transferId
}

async function refundToCard(ctx: RefundsContext, row: RefundRow): Promise<RefundRow> {
  const holdId = await holdFor(ctx, row)
  const requestId = row.bank_request_id ?? row.id
  const card = await ctx.cards.cardForBank(row.user_id, row.card_id ?? '', { includeUnbound: true })
  // A request id tried before may have reached the bank: ask before sending it again.
  let result: RequestStatus =
    row.bank_attempts > 0 ? await ctx.bank.getRequest(requestId) : { outcome: 'NOT_FOUND' }
  if (result.outcome === 'NOT_FOUND') {
    result = await ctx.bank.credit({
      requestId,
      cardNumber: card.cardNumber,
      amountFen: customerBackFen(row),
      purpose: 'REFUND',
    })
  }
  return settleCard(ctx, row, holdId, requestId, result)
}

export async function settleCard(
  ctx: RefundsContext,
  row: RefundRow,
  holdId: number,
  requestId: string,
  result: MoneyResult,
): Promise<RefundRow> {
  if (result.outcome === 'SUCCEEDED') {
    await ctx.ledger.createTransfer({
      kind: 'post',
      idempotencyKey: `refund:${row.id}:post`,
      pendingId: holdId,
      metadata: {
        refund: row.id,
        bankRequestId: requestId,
        bankProcessedAtMs: result.processedAtMs,
      },
    })
    return finishRefund(ctx, row.id, 'SUCCESS')
  }
  // No answer, or the bank was down and never processed it: the same request id again later.
  if (result.outcome === 'UNKNOWN' || result.code === 'BANK_UNAVAILABLE')
    return loadRefund(ctx.db, row.id)
  // The bank refused and keeps that answer under this id: the next attempt needs a new one.
  return finishRefund(ctx, row.id, 'ABNORMAL', {
    failureCode: /^[A-Z_]{2,64}$/.test(result.code) ? result.code : 'BANK_ERROR',
    nextBankRequestId: `${row.id}-${row.bank_attempts + 1}`,
  })
}

/** The bank's last word on a card refund's current request (operators close only on a clear one). */
export async function bankOutcome(ctx: RefundsContext, row: RefundRow): Promise<RequestStatus> {
  if (row.channel !== 'CARD') throw new DomainError('REFUND_NOT_CLOSABLE')
  return ctx.bank.getRequest(row.bank_request_id ?? row.id)
}
