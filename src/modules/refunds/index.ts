/**
 * @module refunds
 * Merchant refunds and customers' refund requests (issue 11 "Refunds"). A refund goes back the
 * way the money came: to the balance as one posted ledger transfer, to the card through its bank
 * (two-phase around the bank call, retried with backoff by the resolver job until it succeeds or
 * an operator closes it). Full or in parts up to the paid amount and never a fen more — claimed
 * under the payment's row lock together with the refund row — at most 50 per payment, within a
 * year of paying, idempotent by the merchant's refund number; the fee comes back in proportion
 * (refund-fee.ts). A customer asks (申请退款); the merchant approves or rejects; an unanswered
 * request goes to the platform's queue after `requestAnswerDays`.
 *
 * @example
 * const refunds = createRefundsService({ db, clock, ledger, bank, audit, payments, merchants,
 *   cards, identity, records, balanceAccount: wallet.balanceAccount })
 * const refund = await refunds.refund(mchid, { outRefundNo: 'R1', payment: { paymentId },
 *   amountFen: 500, reason: '少送一杯' }, { createdBy: `staff:${staff.id}` })
 * await refunds.resolve() // the job: drives refunds a bank left unfinished
 */
import type { Db } from '../../adapters/db/index.ts'
import { DomainError } from '../../shared/errors.ts'
import {
  DEFAULT_REFUND_RULES,
  type RefundRequestStatus,
  type RefundRules,
  type RefundsContext,
  type RefundsDb,
} from './context.ts'
import { createRefund, type RefundInput, type RefundOrigin } from './create-refund.ts'
import {
  closeRefund,
  type OperatorAction,
  resolveRefunds,
  retryRefundNow,
} from './refund-resolver.ts'
import {
  decideRequest,
  escalateOverdue,
  listRequests,
  type RequestDecision,
  type RequestSubmission,
  submitRequest,
} from './refund-requests.ts'
import { getMerchantRefund, listRefunds, type RefundListQuery } from './refund-rows.ts'
import { listSucceededRefunds, type SucceededRefundsQuery } from './refund-bill-views.ts'

export {
  DEFAULT_REFUND_RULES,
  OUT_REFUND_NO_PATTERN,
  REFUND_LIST_LIMIT_MAX,
  REFUND_REASON_LENGTH_MAX,
  REFUND_STATUSES,
  REQUEST_REASON_LENGTH_MAX,
  REQUEST_STATUSES,
  type RefundablePayment,
  type RefundPaymentsPort,
  type RefundRequestStatus,
  type RefundRules,
  type RefundStatus,
} from './context.ts'
export { feeBackFen, feeShareFen } from './refund-fee.ts'
export { NO_PAYMENTS } from './payments-port.ts'
export type { RefundInput, RefundOrigin } from './create-refund.ts'
export type { RefundRequest, RequestDecision, RequestSubmission } from './refund-requests.ts'
export type { Refund, RefundListQuery } from './refund-rows.ts'
export type { OperatorAction } from './refund-resolver.ts'
export { REFUND_BILL_PAGE_SIZE_MAX, type SucceededRefundsQuery } from './refund-bill-views.ts'

export interface RefundsDeps extends Omit<RefundsContext, 'db' | 'rules'> {
  db: Db
  rules?: Partial<RefundRules>
}

/** Merchant staff as refunds see them: only the owner refunds and decides requests. */
export interface RefundStaff {
  id: string
  merchantId: string
  role: string
}

function ownerOnly(staff: RefundStaff): void {
  if (staff.role !== 'owner') throw new DomainError('FORBIDDEN', { role: staff.role })
}

export function createRefundsService(deps: RefundsDeps) {
  const ctx: RefundsContext = {
    ...deps,
    db: deps.db as RefundsDb,
    rules: { ...DEFAULT_REFUND_RULES, ...deps.rules },
  }
  return { ...merchantSide(ctx), ...customerSide(ctx), ...platformSide(ctx) }
}

function merchantSide(ctx: RefundsContext) {
  return {
    /** The one refund entry point (console, WeChat Pay v3 API): see create-refund.ts. */
    refund: (merchantId: string, input: RefundInput, origin: RefundOrigin) =>
      createRefund(ctx, merchantId, input, origin),
    refundByStaff: async (staff: RefundStaff, input: RefundInput) => {
      ownerOnly(staff)
      return createRefund(ctx, staff.merchantId, input, { createdBy: `staff:${staff.id}` })
    },
    getRefund: (merchantId: string, ref: { refundId: string } | { outRefundNo: string }) =>
      getMerchantRefund(ctx, merchantId, ref),
    listMerchantRefunds: (merchantId: string, query?: RefundListQuery) =>
      listRefunds(ctx, { merchantId }, query),
    /** For bills: refunds that succeeded in [fromMs, toMs), oldest first, keyset-paged. */
    listSucceededRefunds: (merchantId: string, query: SucceededRefundsQuery) =>
      listSucceededRefunds(ctx, merchantId, query),
    merchantRequests: (merchantId: string, status?: RefundRequestStatus) =>
      listRequests(ctx, { merchantId }, { status }),
    decideByMerchant: async (staff: RefundStaff, requestId: string, decision: RequestDecision) => {
      ownerOnly(staff)
      const decider = { kind: 'merchant' as const, merchantId: staff.merchantId, staffId: staff.id }
      return decideRequest(ctx, decider, requestId, decision)
    },
  }
}

function customerSide(ctx: RefundsContext) {
  return {
    submitRequest: (userId: string, submission: RequestSubmission) =>
      submitRequest(ctx, userId, submission),
    myRequests: (userId: string) => listRequests(ctx, { userId }),
    /** A payment of the user's with its refunds and requests (NOT_FOUND for another's). */
    paymentRefunds: async (userId: string, paymentId: string) => {
      const payment = await ctx.payments.getPayment(userId, paymentId)
      const totals = await ctx.db
        .selectFrom('refund_payments')
        .selectAll()
        .where('payment_id', '=', payment.id)
        .executeTakeFirst()
      return {
        paymentId: payment.id,
        refundedFen: Number(totals?.refunded_fen ?? 0),
        succeededFen: Number(totals?.succeeded_fen ?? 0),
        refunds: await listRefunds(ctx, { userId }, { paymentId, limit: 50 }),
        requests: await listRequests(ctx, { userId, paymentId }),
      }
    },
  }
}

function platformSide(ctx: RefundsContext) {
  return {
    /** The platform's queue: requests the merchant did not answer in time. */
    escalatedRequests: () => listRequests(ctx, {}, { status: 'ESCALATED' }),
    /** Card refunds the bank has not taken yet, oldest first. */
    stuckRefunds: async () =>
      (await listRefunds(ctx, { statuses: ['ABNORMAL', 'PROCESSING'] }, { limit: 100 })).filter(
        (refund) => refund.status === 'ABNORMAL' || refund.bankAttempts > 1,
      ),
    decideByOperator: async (who: OperatorAction, requestId: string, decision: RequestDecision) => {
      const decided = await decideRequest(
        ctx,
        { kind: 'operator', operatorId: who.operatorId },
        requestId,
        decision,
      )
      await ctx.audit.record({
        userId: decided.userId,
        actor: { kind: 'operator', id: who.operatorId },
        action:
          decision.decision === 'approve' ? 'refund_request.approved' : 'refund_request.rejected',
        detail: { requestId, paymentId: decided.paymentId, reason: who.reason.slice(0, 500) },
        ...(who.ip ? { ip: who.ip } : {}),
      })
      return decided
    },
    retryRefund: (refundId: string, who: OperatorAction) => retryRefundNow(ctx, refundId, who),
    closeRefund: (refundId: string, who: OperatorAction) => closeRefund(ctx, refundId, who),
    /** The resolver job. */
    resolve: () => resolveRefunds(ctx),
    /** The escalation job. */
    escalateOverdue: () => escalateOverdue(ctx),
    rules: (): Readonly<RefundRules> => ctx.rules,
  }
}

export type RefundsService = ReturnType<typeof createRefundsService>
