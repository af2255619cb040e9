/**
 * The delivery pass the job runner calls every second: due events are claimed one by one with a
 * conditional update (pending, due, not leased — only one runner wins an event, so one event
 * is never delivered twice at once, also across processes), at most `perMerchantConcurrency`
 * per merchant (counting the leases other processes hold) and `concurrencyMax` in all, and
 * their deliveries started without waiting: a merchant whose endpoint hangs holds its own
 * slots until the timeout, never the job runner, payments, or another merchant's events.
 */
import type { NotificationsContext } from './context.ts'
import { deliverClaimed } from './delivery.ts'
import type { EventRow } from './event-rows.ts'

/** The lease outlives the attempt (timeout) by a margin; a crashed runner's lease lapses. */
export function leaseMs(ctx: NotificationsContext): number {
  return ctx.rules.attemptTimeoutMs + 30_000
}

async function claim(ctx: NotificationsContext, eventId: string): Promise<EventRow | undefined> {
  const nowMs = ctx.clock.nowMs()
  return ctx.db
    .updateTable('notification_events')
    .set((eb) => ({
      lease_owner: ctx.owner,
      lease_until_ms: nowMs + leaseMs(ctx),
      attempts: eb('attempts', '+', 1),
      round_attempts: eb('round_attempts', '+', 1),
      updated_at_ms: nowMs,
    }))
    .where('id', '=', eventId)
    .where('status', '=', 'pending')
    .where('next_attempt_at_ms', '<=', nowMs)
    .where((eb) => eb.or([eb('lease_until_ms', 'is', null), eb('lease_until_ms', '<', nowMs)]))
    .returningAll()
    .executeTakeFirst()
}

/** Leases held now per merchant (this process's and others'). */
async function leasedPerMerchant(
  ctx: NotificationsContext,
  merchantIds: string[],
): Promise<Map<string, number>> {
  const counts = new Map<string, number>()
  if (merchantIds.length === 0) return counts
  const rows = await ctx.db
    .selectFrom('notification_events')
    .select(['merchant_id', (eb) => eb.fn.countAll<string>().as('leased')])
    .where('lease_owner', 'is not', null)
    .where('lease_until_ms', '>=', ctx.clock.nowMs())
    .where('merchant_id', 'in', merchantIds)
    .groupBy('merchant_id')
    .execute()
  for (const row of rows) counts.set(row.merchant_id, Number(row.leased))
  return counts
}

/** Claims what may start now and starts it; returns how many deliveries it started. */
export async function dispatchDue(ctx: NotificationsContext): Promise<number> {
  const room = ctx.rules.concurrencyMax - ctx.inFlight.size
  if (room <= 0) return 0
  const nowMs = ctx.clock.nowMs()
  const due = await ctx.db
    .selectFrom('notification_events')
    .select(['id', 'merchant_id'])
    .where('status', '=', 'pending')
    .where('next_attempt_at_ms', '<=', nowMs)
    .where((eb) => eb.or([eb('lease_until_ms', 'is', null), eb('lease_until_ms', '<', nowMs)]))
    .orderBy('next_attempt_at_ms')
    .orderBy('id')
    .limit(ctx.rules.dispatchBatchMax)
    .execute()
  const busy = await leasedPerMerchant(ctx, [...new Set(due.map((row) => row.merchant_id))])
  let started = 0
  for (const candidate of due) {
    if (started >= room) break
    // Ours in flight (a lease the Clock says lapsed, but the attempt still runs): never twice.
    if (ctx.inFlight.has(candidate.id)) continue
    const held = busy.get(candidate.merchant_id) ?? 0
    if (held >= ctx.rules.perMerchantConcurrency) continue
    const claimed = await claim(ctx, candidate.id)
    if (claimed === undefined) continue // another runner took it
    busy.set(candidate.merchant_id, held + 1)
    const delivery = deliverClaimed(ctx, claimed)
      .catch((error: unknown) => ctx.onDeliveryError?.(claimed.id, error))
      .finally(() => ctx.inFlight.delete(claimed.id))
    ctx.inFlight.set(claimed.id, delivery)
    started += 1
  }
  return started
}

/** Waits for every delivery running in this process (tests; a graceful stop). */
export async function settleInFlight(ctx: NotificationsContext): Promise<void> {
  while (ctx.inFlight.size > 0) await Promise.all([...ctx.inFlight.values()])
}
