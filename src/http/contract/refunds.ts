/**
 * Refunds (issue 11 "Refunds"): the merchant's refunds and the customer's refund requests.
 *
 * Merchant console (staff session; owners refund and decide):
 *   POST /api/v1/merchant/refunds  RefundCreateRequest → RefundView (same outRefundNo = same refund)
 *   GET  /api/v1/merchant/refunds?paymentId&status&limit → RefundList
 *   GET  /api/v1/merchant/refunds/:refundId → RefundView
 *   GET  /api/v1/merchant/refund-requests?status → RefundRequestList
 *   POST /api/v1/merchant/refund-requests/:requestId/decision RequestDecision → RefundRequestView
 * Customer (user session):
 *   POST /api/v1/me/refund-requests  RefundRequestSubmission → RefundRequestView
 *   GET  /api/v1/me/payments/:paymentId/refunds → PaymentRefunds
 * Operators:
 *   GET  /api/v1/admin/refund-requests → RefundRequestList (escalated, oldest first)
 *   POST /api/v1/admin/refund-requests/:requestId/decision RequestDecision → RefundRequestView
 *   GET  /api/v1/admin/refunds/stuck → RefundList
 *   POST /api/v1/admin/refunds/:refundId/retry|close  OperatorReason → RefundView
 */
import { type Static, Type } from 'typebox'
import { AmountFen, Count, Fen, Id, Nullable, PageLimit, strict, TimestampMs } from './common.ts'

/** The refunds module's limits and vocabularies (routes pin them equal at compile time). */
export const OUT_REFUND_NO_PATTERN = '^[A-Za-z0-9_|*@-]{1,64}$'
export const REFUND_REASON_LENGTH_MAX = 80
export const REQUEST_REASON_LENGTH_MAX = 200
export const REFUND_LIST_LIMIT_MAX = 100
export const REFUND_STATUSES = ['PROCESSING', 'SUCCESS', 'ABNORMAL', 'CLOSED'] as const
export const REQUEST_STATUSES = ['PENDING', 'ESCALATED', 'APPROVED', 'REJECTED'] as const

export const RefundStatus = Type.Enum(REFUND_STATUSES)
export type RefundStatus = Static<typeof RefundStatus>
export const RefundRequestStatus = Type.Enum(REQUEST_STATUSES)
export type RefundRequestStatus = Static<typeof RefundRequestStatus>

export const RefundView = Type.Object({
  id: Type.String({ description: '29 digits, like WeChat Pay refund_id' }),
  merchantId: Type.String(),
  outRefundNo: Type.String(),
  paymentId: Type.String(),
  amountFen: Fen(),
  feeBackFen: Fen(),
  reason: Nullable(Type.String()),
  requestId: Nullable(Type.String()),
  channel: Type.Enum(['BALANCE', 'CARD']),
  card: Nullable(Type.Object({ cardId: Type.String(), bankCode: Type.String() })),
  status: RefundStatus,
  failureCode: Nullable(Type.String()),
  bankAttempts: Count(),
  nextAttemptAtMs: Nullable(TimestampMs()),
  createdAtMs: TimestampMs(),
  finishedAtMs: Nullable(TimestampMs()),
})
export type RefundView = Static<typeof RefundView>
export const RefundList = Type.Object({ refunds: Type.Array(RefundView) })
export type RefundList = Static<typeof RefundList>

export const RefundCreateRequest = Type.Object(
  {
    paymentId: Type.Optional(Id),
    outTradeNo: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
    outRefundNo: Type.String({ pattern: OUT_REFUND_NO_PATTERN, maxLength: 64 }),
    amountFen: AmountFen(),
    reason: Type.Optional(Type.String({ maxLength: REFUND_REASON_LENGTH_MAX })),
  },
  strict,
)
export type RefundCreateRequest = Static<typeof RefundCreateRequest>

export const RefundQuery = Type.Object({
  paymentId: Type.Optional(Id),
  status: Type.Optional(RefundStatus),
  limit: Type.Optional(PageLimit(REFUND_LIST_LIMIT_MAX)),
})
export const RefundParams = Type.Object({ refundId: Id })
export const RequestParams = Type.Object({ requestId: Id })
export const PaymentParams = Type.Object({ paymentId: Id })

export const RefundRequestView = Type.Object({
  id: Type.String(),
  paymentId: Type.String(),
  merchantId: Type.String(),
  amountFen: Fen(),
  reason: Type.String(),
  status: RefundRequestStatus,
  decidedBy: Nullable(Type.Enum(['merchant', 'operator'])),
  decisionReason: Nullable(Type.String()),
  refundId: Nullable(Type.String()),
  createdAtMs: TimestampMs(),
  answerByMs: TimestampMs(),
  escalatedAtMs: Nullable(TimestampMs()),
  decidedAtMs: Nullable(TimestampMs()),
})
export type RefundRequestView = Static<typeof RefundRequestView>
export const RefundRequestList = Type.Object({ requests: Type.Array(RefundRequestView) })
export type RefundRequestList = Static<typeof RefundRequestList>
export const RequestQuery = Type.Object({ status: Type.Optional(RefundRequestStatus) })

export const RefundRequestSubmission = Type.Object(
  {
    paymentId: Id,
    amountFen: AmountFen(),
    reason: Type.String({ minLength: 1, maxLength: REQUEST_REASON_LENGTH_MAX }),
    idempotencyKey: Type.String({ pattern: '^[\\w.:-]{1,64}$', maxLength: 64 }),
  },
  strict,
)
export type RefundRequestSubmission = Static<typeof RefundRequestSubmission>

export const RequestDecision = Type.Object(
  {
    decision: Type.Enum(['approve', 'reject']),
    reason: Type.Optional(Type.String({ maxLength: REQUEST_REASON_LENGTH_MAX })),
  },
  strict,
)
export type RequestDecision = Static<typeof RequestDecision>

export const OperatorReason = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 500 }) },
  strict,
)
export type OperatorReason = Static<typeof OperatorReason>

export const PaymentRefunds = Type.Object({
  paymentId: Type.String(),
  refundedFen: Fen(),
  succeededFen: Fen(),
  refunds: Type.Array(RefundView),
  requests: Type.Array(RefundRequestView),
})
export type PaymentRefunds = Static<typeof PaymentRefunds>
