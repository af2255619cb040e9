/**
 * The platform's refund queue: requests merchants did not answer in time, decided by an
 * operator (any role, like appeals), and card refunds the bank has not taken, retried now or
 * closed by an admin (a money move, like a job retry). Every action is audited.
 */
import { may, type OpsService } from '../../modules/ops/index.ts'
import type { RefundsService } from '../../modules/refunds/index.ts'
import { DomainError } from '../../shared/errors.ts'
import { authenticateOperator } from '../admin-auth.ts'
import { AUTH_ERRORS } from '../contract/common.ts'
import {
  OperatorReason,
  RefundList,
  RefundParams,
  RefundRequestList,
  RefundRequestView,
  RefundView,
  RequestDecision,
  RequestParams,
} from '../contract/refunds.ts'
import type { HttpApp } from '../server.ts'
import { toRefundView, toRequestView } from './refunds.ts'

export interface AdminRefundRoutesDeps {
  ops: OpsService
  refunds: RefundsService
}

const tags = ['admin']

export async function adminRefundRoutes(app: HttpApp, deps: AdminRefundRoutesDeps) {
  await requestQueueRoutes(app, deps)
  await stuckRefundRoutes(app, deps)
}

async function requestQueueRoutes(app: HttpApp, { ops, refunds }: AdminRefundRoutesDeps) {
  app.get(
    '/api/v1/admin/refund-requests',
    {
      schema: {
        tags,
        summary: 'Refund requests escalated to the platform, oldest first',
        response: { 200: RefundRequestList, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      await authenticateOperator(request, ops)
      return { requests: (await refunds.escalatedRequests()).map(toRequestView) }
    },
  )

  app.post(
    '/api/v1/admin/refund-requests/:requestId/decision',
    {
      schema: {
        tags,
        summary: 'Approve (→ a refund) or reject an escalated refund request',
        params: RequestParams,
        body: RequestDecision,
        response: { 200: RefundRequestView, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { operator } = await authenticateOperator(request, ops)
      const who = { operatorId: operator.id, reason: request.body.reason ?? '', ip: request.ip }
      const decided = await refunds.decideByOperator(who, request.params.requestId, request.body)
      return toRequestView(decided)
    },
  )
}

async function stuckRefundRoutes(app: HttpApp, { ops, refunds }: AdminRefundRoutesDeps) {
  app.get(
    '/api/v1/admin/refunds/stuck',
    {
      schema: {
        tags,
        summary: 'Refunds the bank has not taken yet (ABNORMAL, or PROCESSING after retries)',
        response: { 200: RefundList, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { operator } = await authenticateOperator(request, ops)
      if (!may(operator.role, 'jobs.read')) throw new DomainError('FORBIDDEN')
      return { refunds: (await refunds.stuckRefunds()).map(toRefundView) }
    },
  )

  for (const action of ['retry', 'close'] as const) {
    app.post(
      `/api/v1/admin/refunds/:refundId/${action}`,
      {
        schema: {
          tags,
          summary:
            action === 'retry'
              ? 'Try a stuck refund again now (admins)'
              : 'Close a card refund the bank would not take: the amount is free again (admins)',
          params: RefundParams,
          body: OperatorReason,
          response: { 200: RefundView, ...AUTH_ERRORS, 503: AUTH_ERRORS[409] },
        },
      },
      async (request) => {
        const { operator } = await authenticateOperator(request, ops)
        if (!may(operator.role, 'jobs.retry')) throw new DomainError('FORBIDDEN')
        const who = { operatorId: operator.id, reason: request.body.reason, ip: request.ip }
        const { refundId } = request.params
        const after =
          action === 'retry'
            ? await refunds.retryRefund(refundId, who)
            : await refunds.closeRefund(refundId, who)
        return toRefundView(after)
      },
    )
  }
}
