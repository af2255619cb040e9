/**
 * Refunds over HTTP: the merchant console's refunds and request decisions, the customer's
 * refund requests and a payment's refund history. Admin routes are in refunds-admin.ts.
 */
import type { IdentityService } from '../../modules/identity/index.ts'
import type { MerchantsService } from '../../modules/merchants/index.ts'
import * as module from '../../modules/refunds/index.ts'
import type { Refund, RefundRequest, RefundsService } from '../../modules/refunds/index.ts'
import { DomainError } from '../../shared/errors.ts'
import { authenticate } from '../auth.ts'
import { AUTH_ERRORS, type Same } from '../contract/common.ts'
import * as contract from '../contract/refunds.ts'
import {
  PaymentParams,
  PaymentRefunds,
  RefundCreateRequest,
  RefundList,
  RefundParams,
  RefundQuery,
  RefundRequestList,
  RefundRequestSubmission,
  RefundRequestView,
  RefundView,
  RequestDecision,
  RequestParams,
  RequestQuery,
} from '../contract/refunds.ts'
import { authenticateStaff } from '../merchant-auth.ts'
import type { HttpApp } from '../server.ts'

// The contract restates the module's limits and statuses; these fail to compile if they drift.
const contractMatches: [
  Same<typeof contract.OUT_REFUND_NO_PATTERN, typeof module.OUT_REFUND_NO_PATTERN>,
  Same<typeof contract.REFUND_REASON_LENGTH_MAX, typeof module.REFUND_REASON_LENGTH_MAX>,
  Same<typeof contract.REQUEST_REASON_LENGTH_MAX, typeof module.REQUEST_REASON_LENGTH_MAX>,
  Same<typeof contract.REFUND_LIST_LIMIT_MAX, typeof module.REFUND_LIST_LIMIT_MAX>,
  Same<contract.RefundStatus, module.RefundStatus>,
  Same<contract.RefundRequestStatus, module.RefundRequestStatus>,
] = [true, true, true, true, true, true]
void contractMatches

export function toRefundView(refund: Refund): RefundView {
  const { userId: _userId, ...view } = refund
  return view
}

export function toRequestView(request: RefundRequest): RefundRequestView {
  const { userId: _userId, ...view } = request
  return view
}

export interface RefundRoutesDeps {
  identity: IdentityService
  merchants: MerchantsService
  refunds: RefundsService
}

const tags = ['refunds']

export async function refundRoutes(app: HttpApp, deps: RefundRoutesDeps): Promise<void> {
  await merchantRefundRoutes(app, deps)
  await merchantRequestRoutes(app, deps)
  await customerRoutes(app, deps)
}

async function merchantRefundRoutes(app: HttpApp, { merchants, refunds }: RefundRoutesDeps) {
  app.post(
    '/api/v1/merchant/refunds',
    {
      schema: {
        tags,
        summary: 'Refund a payment in full or in part (owner); back the way it was paid',
        description:
          'Give paymentId or outTradeNo. Idempotent by outRefundNo: the same number and content ' +
          'answer with the first refund, other content is REFUND_NO_CONFLICT. A card refund may ' +
          'answer PROCESSING or ABNORMAL: it is retried until it succeeds or an operator closes it.',
        body: RefundCreateRequest,
        response: { 200: RefundView, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { staff } = await authenticateStaff(request, merchants)
      const { paymentId, outTradeNo, ...rest } = request.body
      const payment =
        paymentId !== undefined
          ? { paymentId }
          : outTradeNo !== undefined
            ? { outTradeNo }
            : undefined
      if (payment === undefined)
        throw new DomainError('INVALID_REQUEST', { fields: ['/paymentId', '/outTradeNo'] })
      return toRefundView(await refunds.refundByStaff(staff, { ...rest, payment }))
    },
  )

  app.get(
    '/api/v1/merchant/refunds',
    {
      schema: {
        tags,
        summary: "The merchant's refunds, newest first",
        querystring: RefundQuery,
        response: { 200: RefundList, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { staff } = await authenticateStaff(request, merchants)
      const listed = await refunds.listMerchantRefunds(staff.merchantId, request.query)
      return { refunds: listed.map(toRefundView) }
    },
  )

  app.get(
    '/api/v1/merchant/refunds/:refundId',
    {
      schema: {
        tags,
        summary: 'One refund of the merchant',
        params: RefundParams,
        response: { 200: RefundView, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { staff } = await authenticateStaff(request, merchants)
      const refundId = request.params.refundId
      return toRefundView(await refunds.getRefund(staff.merchantId, { refundId }))
    },
  )
}

async function merchantRequestRoutes(app: HttpApp, { merchants, refunds }: RefundRoutesDeps) {
  app.get(
    '/api/v1/merchant/refund-requests',
    {
      schema: {
        tags,
        summary: "Customers' refund requests to this merchant (open ones oldest first)",
        querystring: RequestQuery,
        response: { 200: RefundRequestList, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { staff } = await authenticateStaff(request, merchants)
      const listed = await refunds.merchantRequests(staff.merchantId, request.query.status)
      return { requests: listed.map(toRequestView) }
    },
  )

  app.post(
    '/api/v1/merchant/refund-requests/:requestId/decision',
    {
      schema: {
        tags,
        summary: 'Approve (→ a refund) or reject (with a reason) a refund request (owner)',
        params: RequestParams,
        body: RequestDecision,
        response: { 200: RefundRequestView, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { staff } = await authenticateStaff(request, merchants)
      const decided = await refunds.decideByMerchant(staff, request.params.requestId, request.body)
      return toRequestView(decided)
    },
  )
}

async function customerRoutes(app: HttpApp, { identity, refunds }: RefundRoutesDeps) {
  app.post(
    '/api/v1/me/refund-requests',
    {
      schema: {
        tags,
        summary: 'Ask the merchant for a refund (申请退款) on one of my payments',
        description:
          'One open request per payment (REFUND_REQUEST_OPEN). Unanswered after the configured ' +
          'days, it goes to the platform.',
        body: RefundRequestSubmission,
        response: { 201: RefundRequestView, ...AUTH_ERRORS },
      },
    },
    async (request, reply) => {
      const { user } = await authenticate(request, identity)
      const submitted = await refunds.submitRequest(user.id, request.body)
      return reply.status(201).send(toRequestView(submitted))
    },
  )

  app.get(
    '/api/v1/me/payments/:paymentId/refunds',
    {
      schema: {
        tags,
        summary: "One of my payments' refunds and refund requests",
        params: PaymentParams,
        response: { 200: PaymentRefunds, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { user } = await authenticate(request, identity)
      const view = await refunds.paymentRefunds(user.id, request.params.paymentId)
      return {
        ...view,
        refunds: view.refunds.map(toRefundView),
        requests: view.requests.map(toRequestView),
      }
    },
  )
}
