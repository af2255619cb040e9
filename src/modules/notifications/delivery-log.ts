/**
 * The merchant's delivery log (console and sandbox): its events newest first, each with every
 * attempt, and the resend action — the event pending again now, with WeChat's whole schedule
 * ahead of it, same id and body. Owner-checked: another merchant's event is NOT_FOUND.
 */
import { DomainError } from '../../shared/errors.ts'
import type { NotificationsContext } from './context.ts'
import { type DeliveryAttempt, type NotificationEvent, toAttempt, toEvent } from './event-rows.ts'

export const DELIVERY_LOG_LIMIT_MAX = 100

export interface DeliveryLogQuery {
  limit?: number | undefined
  /** Page on: the last event's createdAtMs and id. */
  before?: { createdAtMs: number; id: string } | undefined
  eventId?: string | undefined
}

export interface EventDeliveries extends NotificationEvent {
  deliveries: DeliveryAttempt[]
}

export async function deliveryLog(
  ctx: NotificationsContext,
  merchantId: string,
  query: DeliveryLogQuery = {},
): Promise<EventDeliveries[]> {
  const limit = Math.min(Math.max(query.limit ?? 20, 1), DELIVERY_LOG_LIMIT_MAX)
  let select = ctx.db
    .selectFrom('notification_events')
    .selectAll()
    .where('merchant_id', '=', merchantId)
  if (query.eventId !== undefined) select = select.where('id', '=', query.eventId)
  const before = query.before
  if (before !== undefined) {
    select = select.where((eb) =>
      eb.or([
        eb('created_at_ms', '<', before.createdAtMs),
        eb.and([eb('created_at_ms', '=', before.createdAtMs), eb('id', '<', before.id)]),
      ]),
    )
  }
  const events = await select
    .orderBy('created_at_ms', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
  if (events.length === 0) return []
  const attempts = await ctx.db
    .selectFrom('notification_attempts')
    .selectAll()
    .where(
      'event_id',
      'in',
      events.map((event) => event.id),
    )
    .orderBy('attempt')
    .execute()
  return events.map((event) => ({
    ...toEvent(event),
    deliveries: attempts.filter((row) => row.event_id === event.id).map(toAttempt),
  }))
}

export async function resendEvent(
  ctx: NotificationsContext,
  merchantId: string,
  eventId: string,
): Promise<NotificationEvent> {
  const nowMs = ctx.clock.nowMs()
  const updated = await ctx.db
    .updateTable('notification_events')
    .set({
      status: 'pending',
      next_attempt_at_ms: nowMs,
      round_attempts: 0,
      updated_at_ms: nowMs,
    })
    .where('id', '=', eventId)
    .where('merchant_id', '=', merchantId)
    .returningAll()
    .executeTakeFirst()
  if (updated === undefined) throw new DomainError('NOT_FOUND', { resource: 'notification' })
  return toEvent(updated)
}
