/**
 * The merchant console's notification deliveries (商户通知): each v3 notification event with
 * every delivery attempt (status, latency, the endpoint's answer, bounded) — what the
 * notifications module keeps — and the resend action.
 */
import { type Static, Type } from 'typebox'
import { Nullable, strict, TimestampMs } from './common.ts'

const Count = () => Type.Integer({ minimum: 0, maximum: 100_000 })

export const DeliveryAttemptView = Type.Object(
  {
    attempt: Count(),
    startedAtMs: TimestampMs(),
    latencyMs: Type.Integer({ minimum: 0, maximum: 86_400_000 }),
    httpStatus: Nullable(Type.Integer({ minimum: 100, maximum: 599 })),
    outcome: Type.Union([
      Type.Literal('delivered'),
      Type.Literal('failed'),
      Type.Literal('timeout'),
      Type.Literal('error'),
    ]),
    error: Nullable(Type.String({ maxLength: 300 })),
    responseExcerpt: Nullable(Type.String({ maxLength: 512 })),
    signatureFault: Nullable(Type.String({ maxLength: 16 })),
  },
  strict,
)

export const NotificationEventView = Type.Object(
  {
    id: Type.String({ maxLength: 36 }),
    merchantId: Type.String({ maxLength: 16 }),
    eventType: Type.String({ maxLength: 32 }),
    notifyUrl: Type.String({ maxLength: 256 }),
    status: Type.Union([
      Type.Literal('pending'),
      Type.Literal('delivered'),
      Type.Literal('given_up'),
    ]),
    attempts: Count(),
    nextAttemptAtMs: Nullable(TimestampMs()),
    createdAtMs: TimestampMs(),
    deliveredAtMs: Nullable(TimestampMs()),
    sourceKey: Type.String({ maxLength: 128 }),
    deliveries: Type.Array(DeliveryAttemptView, { maxItems: 10_000 }),
  },
  strict,
)
export type NotificationEventView = Static<typeof NotificationEventView>

export const NotificationList = Type.Object(
  { events: Type.Array(NotificationEventView, { maxItems: 100 }) },
  strict,
)
export type NotificationList = Static<typeof NotificationList>

export const NotificationListQuery = Type.Object(
  { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })) },
  strict,
)
