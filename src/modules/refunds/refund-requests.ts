/**
 * The customer's refund request (申请退款): on one of their paid payments, with an amount and a
 * reason; one open request per payment. The merchant approves (→ a refund, refund number
 * `REQ-<request id>`, so approving twice or after a crash refunds once) or rejects with a
 * reason; a request nobody answered in `requestAnswerDays` is escalated to the platform's queue
 * by a job, where an operator decides. Each step is a conditional update (a request is decided
 * once) and the customer gets a notice.
 */
import type { Selectable } from 'kysely'
import { randomId } from '../../shared/crypto.ts'
import { DomainError } from '../../shared/errors.ts'
import { isValidAmountFen } from '../../shared/money.ts'
import {
  REFUND_LIST_LIMIT_MAX,
  REQUEST_REASON_LENGTH_MAX,
  type RefundRequestStatus,
  type RefundsContext,
} from './context.ts'
import { createRefund } from './create-refund.ts'
import { notifyQuietly } from './refund-record.ts'
import type { RefundsTables } from './refunds-tables.ts'

type RequestRow = Selectable<RefundsTables['refund_requests']>

export interface RefundRequest {
  id: string
  paymentId: string
  merchantId: string
  userId: string
  amountFen: number
  reason: string
  status: RefundRequestStatus
  decidedBy: 'merchant' | 'operator' | null
  decisionReason: string | null
  refundId: string | null
  createdAtMs: number
  /** When the merchant's time to answer runs out (then it goes to the platform). */
  answerByMs: number
  escalatedAtMs: number | null
  decidedAtMs: number | null
}

export interface RequestSubmission {
  paymentId: string
  amountFen: number
  reason: string
  idempotencyKey: string
}

export interface RequestDecision {
  decision: 'approve' | 'reject'
  reason?: string | undefined
}

export type Decider =
  | { kind: 'merchant'; merchantId: string; staffId: string }
  | { kind: 'operator'; operatorId: string }

const DAY_MS = 86_400_000
const ESCALATE_BATCH_MAX = 500
const OPEN: RefundRequestStatus[] = ['PENDING', 'ESCALATED']

function toRequest(ctx: RefundsContext, row: RequestRow): RefundRequest {
  const ms = (date: Date | null) => (date === null ? null : new Date(date).getTime())
  const createdAtMs = new Date(row.created_at).getTime()
  const decidedBy = row.decided_by?.split(':')[0]
  return {
    id: row.id,
    paymentId: row.payment_id,
    merchantId: row.merchant_id,
    userId: row.user_id,
    amountFen: Number(row.amount_fen),
    reason: row.reason,
    status: row.status as RefundRequestStatus,
    decidedBy: decidedBy === 'staff' ? 'merchant' : decidedBy === 'operator' ? 'operator' : null,
    decisionReason: row.decision_reason,
    refundId: row.refund_id,
    createdAtMs,
    answerByMs: createdAtMs + ctx.rules.requestAnswerDays * DAY_MS,
    escalatedAtMs: ms(row.escalated_at),
    decidedAtMs: ms(row.decided_at),
  }
}

function checkSubmission(submission: RequestSubmission): void {
  if (!isValidAmountFen(submission.amountFen)) throw new DomainError('INVALID_AMOUNT')
  const reason = submission.reason?.trim() ?? ''
  if (reason.length === 0 || reason.length > REQUEST_REASON_LENGTH_MAX)
    throw new DomainError('INVALID_REQUEST', {
      field: 'reason',
      maxLength: REQUEST_REASON_LENGTH_MAX,
    })
  if (!/^[\w.:-]{1,64}$/.test(submission.idempotencyKey))
    throw new DomainError('INVALID_REQUEST', { field: 'idempotencyKey' })
}

export async function submitRequest(
  ctx: RefundsContext,
  userId: string,
  submission: RequestSubmission,
): Promise<RefundRequest> {
  checkSubmission(submission)
  const payment = await ctx.payments.getPayment(userId, submission.paymentId)
  if (payment.status !== 'SUCCESS')
    throw new DomainError('REFUND_NOT_ALLOWED', { paymentStatus: payment.status })
  const refundable = await ctx.payments.getRefundablePayment(payment.merchantId, {
    paymentId: payment.id,
  })
  const totals = await ctx.db
    .selectFrom('refund_payments')
    .select('refunded_fen')
    .where('payment_id', '=', payment.id)
    .executeTakeFirst()
  const refundableFen = refundable.amountFen - Number(totals?.refunded_fen ?? 0)
  if (submission.amountFen > refundableFen)
    throw new DomainError('REFUND_AMOUNT_EXCEEDS', { refundableFen })
  const nowMs = ctx.clock.nowMs()
  const inserted = await ctx.db
    .insertInto('refund_requests')
    .values({
      id: randomId('rr', 20),
      payment_id: payment.id,
      merchant_id: payment.merchantId,
      user_id: userId,
      amount_fen: submission.amountFen,
      reason: submission.reason.trim(),
      status: 'PENDING',
      idempotency_key: submission.idempotencyKey,
      decided_by: null,
      decision_reason: null,
      refund_id: null,
      created_at: new Date(nowMs),
      updated_at: new Date(nowMs),
      escalated_at: null,
      decided_at: null,
    })
    // Either unique rule: the same key (a retry) or an open request on this payment.
    .onConflict((conflict) => conflict.doNothing())
    .returningAll()
    .executeTakeFirst()
  if (inserted !== undefined) return toRequest(ctx, inserted)
  const retried = await ctx.db
    .selectFrom('refund_requests')
    .selectAll()
    .where('user_id', '=', userId)
    .where('idempotency_key', '=', submission.idempotencyKey)
    .executeTakeFirst()
  if (retried !== undefined && retried.payment_id === payment.id) return toRequest(ctx, retried)
  if (retried !== undefined) throw new DomainError('IDEMPOTENCY_CONFLICT')
  throw new DomainError('REFUND_REQUEST_OPEN', { paymentId: payment.id })
}

async function loadRequest(ctx: RefundsContext, requestId: string): Promise<RequestRow> {
  const row = await ctx.db
    .selectFrom('refund_requests')
    .selectAll()
    .where('id', '=', requestId)
    .executeTakeFirst()
  if (row === undefined) throw new DomainError('REFUND_REQUEST_NOT_FOUND')
  return row
}

function deciderName(decider: Decider): string {
  return decider.kind === 'merchant' ? `staff:${decider.staffId}` : `operator:${decider.operatorId}`
}

/**
 * The merchant decides its own requests while they are open (an escalated one only by approving);
 * an operator decides any open one. A request is decided once (REFUND_REQUEST_DECIDED after).
 */
export async function decideRequest(
  ctx: RefundsContext,
  decider: Decider,
  requestId: string,
  decision: RequestDecision,
): Promise<RefundRequest> {
  const row = await loadRequest(ctx, requestId)
  if (decider.kind === 'merchant' && row.merchant_id !== decider.merchantId)
    throw new DomainError('REFUND_REQUEST_NOT_FOUND')
  const reason = decision.reason?.trim() ?? ''
  if (
    decision.decision === 'reject' &&
    (reason.length === 0 || reason.length > REQUEST_REASON_LENGTH_MAX)
  )
    throw new DomainError('INVALID_REQUEST', {
      field: 'reason',
      maxLength: REQUEST_REASON_LENGTH_MAX,
    })
  const decidable: RefundRequestStatus[] =
    decider.kind === 'merchant' && decision.decision === 'reject' ? ['PENDING'] : OPEN
  const nowMs = ctx.clock.nowMs()
  const decided = await ctx.db
    .updateTable('refund_requests')
    .set({
      status: decision.decision === 'approve' ? 'APPROVED' : 'REJECTED',
      decided_by: deciderName(decider),
      decision_reason: reason.length > 0 ? reason : null,
      decided_at: new Date(nowMs),
      updated_at: new Date(nowMs),
    })
    .where('id', '=', requestId)
    .where('status', 'in', decidable)
    .returningAll()
    .executeTakeFirst()
  if (decided === undefined) throw new DomainError('REFUND_REQUEST_DECIDED', { status: row.status })
  if (decision.decision === 'reject') {
    await notifyQuietly(ctx, row.user_id, 'refund_request_rejected', { requestId, reason })
    return toRequest(ctx, decided)
  }
  try {
    const approved = await refundRequest(ctx, decided)
    await notifyQuietly(ctx, row.user_id, 'refund_request_approved', { requestId })
    return approved
  } catch (error) {
    // No refund could be made (the merchant cannot cover it): the request is open again.
    await ctx.db
      .updateTable('refund_requests')
      .set({ status: row.status, decided_by: null, decision_reason: null, decided_at: null })
      .where('id', '=', requestId)
      .where('status', '=', 'APPROVED')
      .where('refund_id', 'is', null)
      .execute()
    throw error
  }
}

/** The approved request's refund (idempotent by its refund number), linked to the request. */
export async function refundRequest(ctx: RefundsContext, row: RequestRow): Promise<RefundRequest> {
  const refund = await createRefund(
    ctx,
    row.merchant_id,
    {
      outRefundNo: `REQ-${row.id}`,
      payment: { paymentId: row.payment_id },
      amountFen: Number(row.amount_fen),
      reason: row.reason.slice(0, 80),
    },
    { createdBy: row.decided_by ?? 'system', requestId: row.id },
  )
  const linked = await ctx.db
    .updateTable('refund_requests')
    .set({ refund_id: refund.id, updated_at: new Date(ctx.clock.nowMs()) })
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow()
  return toRequest(ctx, linked)
}

/** Approved requests whose refund a crash left unmade (the resolver finishes them). */
export async function unrefundedApprovals(ctx: RefundsContext): Promise<RequestRow[]> {
  return ctx.db
    .selectFrom('refund_requests')
    .selectAll()
    .where('status', '=', 'APPROVED')
    .where('refund_id', 'is', null)
    .where('decided_at', '<=', new Date(ctx.clock.nowMs() - ctx.rules.resolveAfterMs))
    .limit(ctx.rules.resolveBatchMax)
    .execute()
}

/** The job: requests unanswered for `requestAnswerDays` go to the platform's queue. */
export async function escalateOverdue(ctx: RefundsContext): Promise<number> {
  const nowMs = ctx.clock.nowMs()
  const due = await ctx.db
    .selectFrom('refund_requests')
    .select('id')
    .where('status', '=', 'PENDING')
    .where('created_at', '<=', new Date(nowMs - ctx.rules.requestAnswerDays * DAY_MS))
    .orderBy('created_at')
    .limit(ESCALATE_BATCH_MAX)
    .execute()
  if (due.length === 0) return 0
  const escalated = await ctx.db
    .updateTable('refund_requests')
    .set({ status: 'ESCALATED', escalated_at: new Date(nowMs), updated_at: new Date(nowMs) })
    .where(
      'id',
      'in',
      due.map((row) => row.id),
    )
    .where('status', '=', 'PENDING')
    .returning(['id', 'user_id'])
    .execute()
  for (const row of escalated)
    await notifyQuietly(ctx, row.user_id, 'refund_request_escalated', { requestId: row.id })
  return escalated.length
}

export async function listRequests(
  ctx: RefundsContext,
  scope: { userId?: string; merchantId?: string; paymentId?: string },
  query: { status?: RefundRequestStatus | undefined; limit?: number | undefined } = {},
): Promise<RefundRequest[]> {
  let select = ctx.db.selectFrom('refund_requests').selectAll()
  if (scope.userId !== undefined) select = select.where('user_id', '=', scope.userId)
  if (scope.merchantId !== undefined) select = select.where('merchant_id', '=', scope.merchantId)
  if (scope.paymentId !== undefined) select = select.where('payment_id', '=', scope.paymentId)
  if (query.status !== undefined) select = select.where('status', '=', query.status)
  const open = query.status !== undefined && OPEN.includes(query.status)
  const rows = await select
    .orderBy('created_at', open ? 'asc' : 'desc')
    .limit(Math.min(query.limit ?? 50, REFUND_LIST_LIMIT_MAX))
    .execute()
  return rows.map((row) => toRequest(ctx, row))
}
