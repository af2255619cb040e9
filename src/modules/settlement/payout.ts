/**
 * Paying a settled day out to the merchant's settlement card, two-phase around the bank as the
 * wallet's withdrawals are: the ledger holds the payout (merchant_settled → the card bank's
 * clearing account, pending), the bank is asked to credit the card with a request id unique to
 * the attempt, and the hold is posted (with the bank's request id and processing time, which
 * reconciliation matches against the bank's statement) or voided by the answer. An answer that
 * never came leaves the row PAYING until the resolver learns the outcome from the bank; a
 * refusal (card frozen, closed) is tried again later as a new attempt, up to payoutAttemptsMax.
 */
import type { MoneyResult } from '../../adapters/bank/index.ts'
import { assert } from '../../shared/assert.ts'
import { PLATFORM_OWNER_ID } from '../platform/index.ts'
import type { SettlementContext } from './context.ts'
import { loadSettlementRow, type SettlementRow, setStatus } from './settlement-rows.ts'

const RESOLVE_BATCH = 100

/** The bank request id of a payout attempt (the bank's idempotency key). */
export function payoutRequestId(settlementId: string, attempt: number): string {
  return `${settlementId}:${attempt}`
}

async function reload(ctx: SettlementContext, id: string): Promise<SettlementRow> {
  const row = await loadSettlementRow(ctx, id)
  assert(row !== undefined, `settlement ${id}`)
  return row
}

/** A new attempt: PAYING (first) or PAYOUT_FAILED (a retry) → PAYING with attempt + 1. */
export async function startPayout(
  ctx: SettlementContext,
  row: SettlementRow,
): Promise<SettlementRow> {
  const merchant = await ctx.merchants.get(row.merchant_id)
  const attempt = Number(row.payout_attempt) + 1
  const claimed = await ctx.db
    .updateTable('settlements')
    .set({
      status: 'PAYING',
      payout_attempt: attempt,
      payout_hold_transfer_id: null,
      bank_code: merchant.settlementCard.bankCode,
      card_last4: merchant.settlementCard.last4,
      failure_code: null,
      updated_at: new Date(ctx.clock.nowMs()),
    })
    .where('id', '=', row.id)
    .where('status', 'in', ['PAYING', 'PAYOUT_FAILED'])
    .where('payout_attempt', '=', row.payout_attempt)
    .executeTakeFirst()
  // Another runner started this attempt: it sends it.
  if (claimed.numUpdatedRows === 0n) return reload(ctx, row.id)
  return sendAttempt(ctx, await reload(ctx, row.id))
}

/** Holds the payout (idempotent by the attempt's key) and asks the bank to credit the card. */
async function sendAttempt(ctx: SettlementContext, row: SettlementRow): Promise<SettlementRow> {
  const attempt = Number(row.payout_attempt)
  const accounts = await ctx.merchants.accounts(row.merchant_id)
  const bankCode = row.bank_code ?? ''
  const clearing = await ctx.ledger.findAccount({
    ownerKind: 'platform',
    ownerId: PLATFORM_OWNER_ID,
    purpose: `bank_clearing:${bankCode.toLowerCase()}`,
    currency: 'CNY',
  })
  assert(clearing !== undefined, `clearing account for ${bankCode}`)
  const hold = await ctx.ledger.createTransfer({
    kind: 'pending',
    idempotencyKey: `${payoutRequestId(row.id, attempt)}:hold`,
    code: 'SETTLEMENT',
    legs: [
      {
        debitAccountId: accounts.merchant_settled.id,
        creditAccountId: clearing.id,
        amountFen: Number(row.payout_fen),
      },
    ],
    metadata: { settlement: row.id, attempt },
  })
  await ctx.db
    .updateTable('settlements')
    .set({ payout_hold_transfer_id: hold.transferId })
    .where('id', '=', row.id)
    .where('payout_attempt', '=', attempt)
    .execute()
  const result = await ctx.bank.credit({
    requestId: payoutRequestId(row.id, attempt),
    cardNumber: await ctx.merchants.settlementCardNumber(row.merchant_id),
    amountFen: Number(row.payout_fen),
    purpose: 'SETTLEMENT',
  })
  return applyBankResult(ctx, row.id, attempt, hold.transferId, result)
}

/** Posts or voids the attempt's hold by the bank's answer; idempotent (deterministic keys). */
async function applyBankResult(
  ctx: SettlementContext,
  id: string,
  attempt: number,
  holdId: number,
  result: MoneyResult,
): Promise<SettlementRow> {
  if (result.outcome === 'UNKNOWN') return reload(ctx, id)
  const requestId = payoutRequestId(id, attempt)
  if (result.outcome === 'SUCCEEDED') {
    await ctx.ledger.createTransfer({
      kind: 'post',
      idempotencyKey: `${requestId}:post`,
      pendingId: holdId,
      metadata: {
        settlement: id,
        bankRequestId: requestId,
        bankProcessedAtMs: result.processedAtMs,
      },
    })
    await setStatus(ctx, id, ['PAYING'], {
      status: 'PAID',
      bank_ref: result.bankRef,
      paid_at: new Date(ctx.clock.nowMs()),
    })
    return reload(ctx, id)
  }
  await ctx.ledger.createTransfer({
    kind: 'void',
    idempotencyKey: `${requestId}:void`,
    pendingId: holdId,
    metadata: { settlement: id },
  })
  await setStatus(ctx, id, ['PAYING'], { status: 'PAYOUT_FAILED', failure_code: result.code })
  return reload(ctx, id)
}

/**
 * Drives payouts the request did not finish (bank timeout, crash): asks the bank about the
 * attempt's request id, sends it again when the bank never saw it (idempotent at the bank), and
 * settles the hold. Refused payouts older than retryFailedAfterMs get a new attempt.
 */
export async function resolvePayouts(ctx: SettlementContext): Promise<number> {
  const nowMs = ctx.clock.nowMs()
  const rows = await ctx.db
    .selectFrom('settlements')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb.and([
          eb('status', '=', 'PAYING'),
          eb('updated_at', '<=', new Date(nowMs - ctx.rules.resolveAfterMs)),
        ]),
        eb.and([
          eb('status', '=', 'PAYOUT_FAILED'),
          eb('payout_attempt', '<', ctx.rules.payoutAttemptsMax),
          eb('updated_at', '<=', new Date(nowMs - ctx.rules.retryFailedAfterMs)),
        ]),
      ]),
    )
    .orderBy('updated_at')
    .limit(RESOLVE_BATCH)
    .execute()
  let finished = 0
  for (const row of rows) {
    try {
      const after =
        row.status === 'PAYING' ? await resolveOne(ctx, row) : await startPayout(ctx, row)
      if (after.status !== 'PAYING') finished += 1
    } catch (error) {
      // One payout that cannot be settled now must not hold up the others.
      ctx.onError?.(row.id, error)
    }
  }
  return finished
}

async function resolveOne(ctx: SettlementContext, row: SettlementRow): Promise<SettlementRow> {
  const attempt = Number(row.payout_attempt)
  if (attempt === 0) return startPayout(ctx, row)
  const requestId = payoutRequestId(row.id, attempt)
  const hold = await ctx.ledger.findTransferByKey(`${requestId}:hold`)
  // Crashed before the hold: the bank was never asked.
  if (hold === undefined) return sendAttempt(ctx, row)
  const status = await ctx.bank.getRequest(requestId)
  if (status.outcome === 'NOT_FOUND') return sendAttempt(ctx, row)
  return applyBankResult(ctx, row.id, attempt, hold.id, status)
}
