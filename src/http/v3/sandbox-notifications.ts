/**
 * The sandbox's notification controls (LQ_SANDBOX only; OpenAPI tag `sandbox`), signed like any
 * v3 call (reference §8: what developers have asked WeChat for):
 * - `POST /sandbox/v1/notifications/signature-faults` `{mode: "garbled"|"probe", count}`: the
 *   next `count` notifications carry a bad signature or a `WECHATPAY/SIGNTEST/` probe;
 * - `GET /sandbox/v1/notifications` the delivery log, each event with every attempt;
 * - `POST /sandbox/v1/notifications/{id}/resend`;
 * - `POST /sandbox/v1/refunds/{out_refund_no}/outcome` `{outcome}`: drives an unfinished refund
 *   to SUCCESS (retried now) or CLOSED (closed as an operator would), through the refunds
 *   module's index; its REFUND.* notification follows.
 */
import { Type } from 'typebox'
import { V3Error } from '../../modules/merchant-api/index.ts'
import {
  type EventDeliveries,
  SIGNATURE_FAULTS,
  SIGNATURE_FAULTS_MAX,
} from '../../modules/notifications/index.ts'
import { OUT_REFUND_NO_PATTERN } from '../../modules/refunds/index.ts'
import { isDomainError } from '../../shared/errors.ts'
import { rfc3339Shanghai } from '../../shared/shanghai-time.ts'
import type { HttpApp } from '../server.ts'
import { type V3Deps, type V3Scope, v3Plugin } from './plugin.ts'
import { refundNotice, type V3RefundDeps } from './refunds.ts'

export type SandboxNotificationDeps = V3Deps & V3RefundDeps

const tags = ['sandbox']
const time = (ms: number | null) => (ms === null ? null : rfc3339Shanghai(ms))

function eventWire(event: EventDeliveries) {
  return {
    id: event.id,
    event_type: event.eventType,
    notify_url: event.notifyUrl,
    status: event.status.toUpperCase(),
    attempts: event.attempts,
    create_time: time(event.createdAtMs),
    next_attempt_time: time(event.nextAttemptAtMs),
    delivered_time: time(event.deliveredAtMs),
    deliveries: event.deliveries.map((attempt) => ({
      attempt: attempt.attempt,
      time: time(attempt.startedAtMs),
      latency_ms: attempt.latencyMs,
      http_status: attempt.httpStatus,
      outcome: attempt.outcome.toUpperCase(),
      error: attempt.error,
      response_excerpt: attempt.responseExcerpt,
      signature_fault: attempt.signatureFault,
    })),
  }
}

export async function sandboxNotificationRoutes(
  app: HttpApp,
  deps: SandboxNotificationDeps,
): Promise<void> {
  if (!deps.sandbox) return
  await v3Plugin(app, deps, (scope) => register(scope, deps), '/sandbox/v1')
}

async function register(scope: V3Scope, deps: SandboxNotificationDeps): Promise<void> {
  scope.post(
    '/notifications/signature-faults',
    {
      schema: {
        tags,
        summary: '沙箱：下 N 条通知签名错误或为探测 (sandbox: bad signatures for the next N)',
        body: Type.Object({
          mode: Type.Union(SIGNATURE_FAULTS.map((mode) => Type.Literal(mode))),
          count: Type.Integer({ minimum: 0, maximum: SIGNATURE_FAULTS_MAX }),
        }),
      },
    },
    async (request) =>
      deps.notifications.setSignatureFaults(
        request.v3Merchant as string,
        request.body.mode,
        request.body.count,
      ),
  )
  scope.get(
    '/notifications',
    {
      schema: {
        tags,
        summary: '沙箱：通知投递记录 (sandbox: the notification delivery log)',
        querystring: Type.Object({
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
        }),
      },
    },
    async (request) => {
      const log = await deps.notifications.deliveryLog(request.v3Merchant as string, {
        limit: request.query.limit,
      })
      return { data: log.map(eventWire) }
    },
  )
  scope.post(
    '/notifications/:id/resend',
    {
      schema: {
        tags,
        summary: '沙箱：重发通知 (sandbox: resend a notification)',
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 36 }) }),
      },
    },
    async (request, reply) => {
      await deps.notifications
        .resend(request.v3Merchant as string, request.params.id)
        .catch(notFound)
      return reply.status(204).send()
    },
  )
  await refundOutcomeRoute(scope, deps)
}

function notFound(error: unknown): never {
  if (isDomainError(error) && (error.code === 'NOT_FOUND' || error.code === 'REFUND_NOT_FOUND'))
    throw new V3Error(404, 'RESOURCE_NOT_EXISTS', '记录不存在 / no such record')
  if (isDomainError(error) && error.code === 'REFUND_NOT_CLOSABLE')
    throw new V3Error(400, 'INVALID_REQUEST', '退款已结束或不可关闭 / the refund cannot end so', {
      ...error.details,
    })
  throw error
}

async function refundOutcomeRoute(scope: V3Scope, deps: SandboxNotificationDeps) {
  scope.post(
    '/refunds/:out_refund_no/outcome',
    {
      schema: {
        tags,
        summary: '沙箱：指定退款结果 (sandbox: end an unfinished refund SUCCESS or CLOSED)',
        params: Type.Object({ out_refund_no: Type.String({ pattern: OUT_REFUND_NO_PATTERN }) }),
        body: Type.Object({
          outcome: Type.Union([Type.Literal('SUCCESS'), Type.Literal('CLOSED')]),
        }),
      },
    },
    async (request) => {
      const merchantId = request.v3Merchant as string
      const outRefundNo = request.params.out_refund_no
      const refund = await deps.refunds.getRefund(merchantId, { outRefundNo }).catch(notFound)
      const who = { operatorId: 'sandbox', reason: `sandbox outcome ${request.body.outcome}` }
      if (request.body.outcome === 'CLOSED')
        await deps.refunds.closeRefund(refund.id, who).catch(notFound)
      else await deps.refunds.retryRefund(refund.id, who).catch(notFound)
      const notice = await refundNotice(deps, merchantId, outRefundNo)
      if (notice === undefined) throw new V3Error(404, 'RESOURCE_NOT_EXISTS', '退款单不存在')
      await deps.notifications.reportRefund(merchantId, outRefundNo, notice)
      return notice.resource
    },
  )
}
