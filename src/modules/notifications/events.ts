/**
 * Writing a notification into the outbox (reference §5.1–5.3): the body built and its resource
 * encrypted once, here, with the merchant's APIv3 key and a non-empty associated_data; one event
 * per cause (`sourceKey`, unique), so writing it again — a retried request, a resolver racing
 * the request, a watcher sweeping after a crash — leaves the one event. Called with the
 * caller's transaction when the cause is written there (the payment's SUCCESS).
 */
import { randomUUID } from 'node:crypto'
import type { Db } from '../../adapters/db/index.ts'
import { rfc3339Shanghai } from '../../shared/shanghai-time.ts'
import type { EventType, NotificationsContext, NotificationsDb } from './context.ts'

const SUMMARY: Record<EventType, string> = {
  'TRANSACTION.SUCCESS': '支付成功',
  'REFUND.SUCCESS': '退款成功',
  'REFUND.ABNORMAL': '退款异常',
  'REFUND.CLOSED': '退款关闭',
}

/** The resource's original_type, also used as its associated_data (both must be non-empty). */
function originalType(eventType: EventType): 'transaction' | 'refund' {
  return eventType === 'TRANSACTION.SUCCESS' ? 'transaction' : 'refund'
}

export interface NewEvent {
  merchantId: string
  /** What caused it: one event per key, ever ('pay:<payment>', 'refund:<refund>:<status>'). */
  sourceKey: string
  eventType: EventType
  notifyUrl: string
  /** The plaintext resource (the transaction or refund object of reference §5.3). */
  resource: Record<string, unknown>
}

export interface RecordedEvent {
  id: string
  /** False when the cause had its event already (or the merchant has no API credentials). */
  created: boolean
}

export async function recordEvent(
  ctx: NotificationsContext,
  event: NewEvent,
  executor?: Db,
): Promise<RecordedEvent> {
  const db = (executor ?? ctx.db) as NotificationsDb
  const apiV3Key = await ctx.merchantApi.apiV3Key(event.merchantId, executor)
  // No credentials, no v3 merchant: nothing can be signed or encrypted for it.
  if (apiV3Key === undefined) return { id: '', created: false }
  const nowMs = ctx.clock.nowMs()
  const id = randomUUID()
  const type = originalType(event.eventType)
  const encrypted = ctx.merchantApi.encryptResource(apiV3Key, JSON.stringify(event.resource), type)
  const body = JSON.stringify({
    id,
    create_time: rfc3339Shanghai(nowMs),
    resource_type: 'encrypt-resource',
    event_type: event.eventType,
    summary: SUMMARY[event.eventType],
    resource: { original_type: type, ...encrypted },
  })
  const inserted = await db
    .insertInto('notification_events')
    .values({
      id,
      merchant_id: event.merchantId,
      source_key: event.sourceKey,
      event_type: event.eventType,
      notify_url: event.notifyUrl,
      body,
      status: 'pending',
      attempts: 0,
      round_attempts: 0,
      next_attempt_at_ms: nowMs,
      lease_owner: null,
      lease_until_ms: null,
      created_at_ms: nowMs,
      updated_at_ms: nowMs,
      delivered_at_ms: null,
    })
    .onConflict((conflict) => conflict.column('source_key').doNothing())
    .returning('id')
    .executeTakeFirst()
  if (inserted !== undefined) return { id, created: true }
  const existing = await db
    .selectFrom('notification_events')
    .select('id')
    .where('source_key', '=', event.sourceKey)
    .executeTakeFirstOrThrow()
  return { id: existing.id, created: false }
}
