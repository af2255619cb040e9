/**
 * What the job runner does for refunds: drives unfinished refunds whose next attempt is due (a
 * request that crashed, a bank that was down, a card that refused) with the backoff of
 * refund-money.ts, finishes approvals a crash left without their refund, and lets an operator
 * retry a stuck card refund at once or close it (the hold voided, the amount free again).
 */
import type { AuditLog } from '../audit/index.ts'
import { DomainError } from '../../shared/errors.ts'
import type { RefundsContext } from './context.ts'
import { finishRefund } from './refund-finish.ts'
import { bankOutcome, driveRefund, returnFeeBack, settleCard } from './refund-money.ts'
import { unrefundedApprovals, refundRequest } from './refund-requests.ts'
import { loadRefund, type Refund, type RefundRow, toRefund } from './refund-rows.ts'

export async function resolveRefunds(ctx: RefundsContext): Promise<number> {
  const due = await ctx.db
    .selectFrom('refunds')
    .select(['id', 'status'])
    .where('status', 'in', ['PROCESSING', 'ABNORMAL'])
    .where('next_attempt_at', '<=', new Date(ctx.clock.nowMs()))
    .orderBy('next_attempt_at')
    .limit(ctx.rules.resolveBatchMax)
    .execute()
  let finished = 0
  for (const row of due) {
    try {
      const after = await driveRefund(ctx, row.id)
      if (after.status === 'SUCCESS' || after.status === 'CLOSED') finished += 1
    } catch (error) {
      // One refund that cannot be driven now must not hold up the others.
      ctx.onResolveError?.(row.id, error)
    }
  }
  for (const request of await unrefundedApprovals(ctx)) {
    try {
      await refundRequest(ctx, request)
    } catch (error) {
      ctx.onResolveError?.(request.id, error)
    }
  }
  return finished
}

export interface OperatorAction {
  operatorId: string
  reason: string
  ip?: string | undefined
}

function unfinished(row: { status: string }): void {
  if (row.status !== 'PROCESSING' && row.status !== 'ABNORMAL')
    throw new DomainError('REFUND_NOT_CLOSABLE', { status: row.status })
}

async function audited(
  audit: AuditLog,
  action: 'refund.retried' | 'refund.closed',
  refund: Refund,
  who: OperatorAction,
): Promise<void> {
  await audit.record({
    userId: refund.userId,
    actor: { kind: 'operator', id: who.operatorId },
    action,
    detail: {
      refundId: refund.id,
      paymentId: refund.paymentId,
      merchantId: refund.merchantId,
      amountFen: refund.amountFen,
      reason: who.reason.slice(0, 500),
      to: refund.status,
    },
    ...(who.ip ? { ip: who.ip } : {}),
  })
}

/** The operator's "try again now" for a refund that is stuck; audited. */
export async function retryRefundNow(
  ctx: RefundsContext,
  refundId: string,
  who: OperatorAction,
): Promise<Refund> {
  unfinished(await loadRefund(ctx.db, refundId))
  const after = toRefund(await driveRefund(ctx, refundId))
  await audited(ctx.audit, 'refund.retried', after, who)
  return after
}

/**
 * Closes a balance refund that waits for the merchant's money (REFUND_MERCHANT_BALANCE_LOW):
 * only while nothing moved. One whose transfer exists (a crash before its status) is finished
 * instead, so the customer's money is never taken back by a close. An attempt touched the row
 * less than resolveAfterMs ago may still be moving the money: not closable yet.
 */
async function closeBalanceRefund(
  ctx: RefundsContext,
  row: RefundRow,
  who: OperatorAction,
): Promise<Refund> {
  if (ctx.clock.nowMs() - new Date(row.updated_at).getTime() < ctx.rules.resolveAfterMs)
    throw new DomainError('REFUND_NOT_CLOSABLE', { status: row.status, busy: true })
  await ctx.db
    .updateTable('refunds')
    .set({ next_attempt_at: null })
    .where('id', '=', row.id)
    .execute()
  const moved = await ctx.ledger.findTransferByKey(`refund:${row.id}`)
  const after =
    moved === undefined
      ? await finishRefund(ctx, row.id, 'CLOSED', {
          failureCode: row.failure_code ?? 'CLOSED_BY_OPERATOR',
        })
      : await driveRefund(ctx, row.id)
  const refund = toRefund(after)
  await audited(ctx.audit, 'refund.closed', refund, who)
  return refund
}

/**
 * Closes a card refund the bank would not take: the bank is asked first, so a refund it did
 * take ends SUCCESS instead, and one it cannot tell about (unreachable) stays open
 * (BANK_UNAVAILABLE). The resolver is kept off it while it is decided. Audited.
 */
export async function closeRefund(
  ctx: RefundsContext,
  refundId: string,
  who: OperatorAction,
): Promise<Refund> {
  const row = await loadRefund(ctx.db, refundId)
  unfinished(row)
  if (row.channel !== 'CARD') return closeBalanceRefund(ctx, row, who)
  await ctx.db
    .updateTable('refunds')
    .set({ next_attempt_at: null })
    .where('id', '=', row.id)
    .execute()
  const outcome = await bankOutcome(ctx, row)
  if (outcome.outcome === 'UNKNOWN') {
    await ctx.db
      .updateTable('refunds')
      .set({ next_attempt_at: new Date(ctx.clock.nowMs()) })
      .where('id', '=', row.id)
      .execute()
    throw new DomainError('BANK_UNAVAILABLE')
  }
  let after
  if (outcome.outcome === 'SUCCEEDED' && row.ledger_transfer_id !== null) {
    after = await settleCard(
      ctx,
      row,
      Number(row.ledger_transfer_id),
      row.bank_request_id ?? row.id,
      outcome,
    )
  } else {
    if (
      row.ledger_transfer_id !== null &&
      (await ctx.ledger.isPending(Number(row.ledger_transfer_id)))
    ) {
      await ctx.ledger.createTransfer({
        kind: 'void',
        idempotencyKey: `refund:${row.id}:void`,
        pendingId: Number(row.ledger_transfer_id),
        metadata: { refund: row.id },
      })
    }
    await returnFeeBack(ctx, row)
    after = await finishRefund(ctx, row.id, 'CLOSED', {
      failureCode: row.failure_code ?? 'CLOSED_BY_OPERATOR',
    })
  }
  const refund = toRefund(after)
  await audited(ctx.audit, 'refund.closed', refund, who)
  return refund
}
