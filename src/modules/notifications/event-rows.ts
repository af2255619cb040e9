/** Event and attempt rows as the console and the sandbox read them. */
import type { Selectable } from 'kysely'
import type { EventType, SignatureFault } from './context.ts'
import type { NotificationsTables } from './notifications-tables.ts'

export type EventRow = Selectable<NotificationsTables['notification_events']>
export type AttemptRow = Selectable<NotificationsTables['notification_attempts']>

export type EventStatus = 'pending' | 'delivered' | 'given_up'
export type AttemptOutcome = 'delivered' | 'failed' | 'timeout' | 'error'

export interface DeliveryAttempt {
  attempt: number
  startedAtMs: number
  latencyMs: number
  /** Null: no answer (timeout, refused, blocked address). */
  httpStatus: number | null
  outcome: AttemptOutcome
  error: string | null
  responseExcerpt: string | null
  signatureFault: SignatureFault | null
}

export interface NotificationEvent {
  id: string
  merchantId: string
  eventType: EventType
  notifyUrl: string
  status: EventStatus
  attempts: number
  nextAttemptAtMs: number | null
  createdAtMs: number
  deliveredAtMs: number | null
  /** What caused it: 'pay:<payment>' or 'refund:<refund>:<status>'. */
  sourceKey: string
}

export function toEvent(row: EventRow): NotificationEvent {
  return {
    id: row.id,
    merchantId: row.merchant_id,
    eventType: row.event_type as EventType,
    notifyUrl: row.notify_url,
    status: row.status as EventStatus,
    attempts: row.attempts,
    nextAttemptAtMs: row.next_attempt_at_ms === null ? null : Number(row.next_attempt_at_ms),
    createdAtMs: Number(row.created_at_ms),
    deliveredAtMs: row.delivered_at_ms === null ? null : Number(row.delivered_at_ms),
    sourceKey: row.source_key,
  }
}

export function toAttempt(row: AttemptRow): DeliveryAttempt {
  return {
    attempt: row.attempt,
    startedAtMs: Number(row.started_at_ms),
    latencyMs: row.latency_ms,
    httpStatus: row.http_status,
    outcome: row.outcome as AttemptOutcome,
    error: row.error,
    responseExcerpt: row.response_excerpt,
    signatureFault: row.signature_fault as SignatureFault | null,
  }
}
