/**
 * REFUND.* for refunds placed through the v3 API. The refunds module finishes refunds on its own
 * (the request, its resolver job, an operator), so the v3 refund request leaves a watch here
 * before it calls refunds — durable, so a crash between the two loses nothing — and each
 * ending the refund reaches (ABNORMAL, then SUCCESS or CLOSED) becomes one event, keyed by
 * refund and status: written by the request when it ends at once, else by the sweep job.
 * The watch also holds the v3 request's content hash: the same out_refund_no with other content
 * is refused (REFUND_NO_CONFLICT) even where the refunds module's own check would not look.
 */
import { DomainError } from '../../shared/errors.ts'
import type { NotificationsContext } from './context.ts'
import { recordEvent } from './events.ts'

export type RefundEnding = 'SUCCESS' | 'ABNORMAL' | 'CLOSED'

/** What the sweep needs of a refund: its id, status and its notification resource. */
export interface RefundNotice {
  refundId: string
  status: 'PROCESSING' | RefundEnding
  resource: Record<string, unknown>
}

export interface RefundNoticePort {
  /** The refund by its number, or undefined when no refund was made under it. */
  refundNotice(merchantId: string, outRefundNo: string): Promise<RefundNotice | undefined>
}

/** A watch that has no refund this long after it was left means the refund was refused. */
const ORPHAN_WATCH_MS = 10 * 60_000
const SWEEP_BATCH_MAX = 200

export async function watchRefund(
  ctx: NotificationsContext,
  watch: { merchantId: string; outRefundNo: string; notifyUrl: string | null; requestHash: string },
): Promise<void> {
  const nowMs = ctx.clock.nowMs()
  await ctx.db
    .insertInto('notification_refund_watches')
    .values({
      merchant_id: watch.merchantId,
      out_refund_no: watch.outRefundNo,
      refund_id: null,
      notify_url: watch.notifyUrl,
      request_hash: watch.requestHash,
      reported_status: null,
      open: true,
      created_at_ms: nowMs,
      updated_at_ms: nowMs,
    })
    .onConflict((conflict) => conflict.columns(['merchant_id', 'out_refund_no']).doNothing())
    .execute()
  const existing = await ctx.db
    .selectFrom('notification_refund_watches')
    .select('request_hash')
    .where('merchant_id', '=', watch.merchantId)
    .where('out_refund_no', '=', watch.outRefundNo)
    .executeTakeFirstOrThrow()
  if (existing.request_hash !== watch.requestHash)
    throw new DomainError('REFUND_NO_CONFLICT', { outRefundNo: watch.outRefundNo })
}

/** Writes the event the refund's current status owes (once per status) and closes when final. */
export async function reportRefund(
  ctx: NotificationsContext,
  merchantId: string,
  outRefundNo: string,
  notice: RefundNotice,
): Promise<void> {
  const watch = await ctx.db
    .selectFrom('notification_refund_watches')
    .selectAll()
    .where('merchant_id', '=', merchantId)
    .where('out_refund_no', '=', outRefundNo)
    .executeTakeFirst()
  if (watch === undefined || !watch.open) return
  const ending = notice.status === 'PROCESSING' ? undefined : notice.status
  if (ending !== undefined && ending !== watch.reported_status && watch.notify_url !== null) {
    await recordEvent(ctx, {
      merchantId,
      sourceKey: `refund:${notice.refundId}:${ending}`,
      eventType: `REFUND.${ending}`,
      notifyUrl: watch.notify_url,
      resource: notice.resource,
    })
  }
  await ctx.db
    .updateTable('notification_refund_watches')
    .set({
      refund_id: notice.refundId,
      reported_status: ending ?? watch.reported_status,
      open: ending !== 'SUCCESS' && ending !== 'CLOSED',
      updated_at_ms: ctx.clock.nowMs(),
    })
    .where('merchant_id', '=', merchantId)
    .where('out_refund_no', '=', outRefundNo)
    .execute()
}

/** The sweep job: every open watch looked at once. Returns how many it looked at. */
export async function sweepRefundWatches(
  ctx: NotificationsContext,
  port: RefundNoticePort,
): Promise<number> {
  const open = await ctx.db
    .selectFrom('notification_refund_watches')
    .selectAll()
    .where('open', '=', true)
    .orderBy('updated_at_ms')
    .limit(SWEEP_BATCH_MAX)
    .execute()
  for (const watch of open) {
    const notice = await port.refundNotice(watch.merchant_id, watch.out_refund_no)
    if (notice !== undefined) {
      await reportRefund(ctx, watch.merchant_id, watch.out_refund_no, notice)
      continue
    }
    const nowMs = ctx.clock.nowMs()
    if (nowMs - Number(watch.created_at_ms) < ORPHAN_WATCH_MS) continue
    // Refused at the refunds module (or never reached it): the number may be used afresh.
    await ctx.db
      .deleteFrom('notification_refund_watches')
      .where('merchant_id', '=', watch.merchant_id)
      .where('out_refund_no', '=', watch.out_refund_no)
      .where('refund_id', 'is', null)
      .execute()
  }
  return open.length
}

/** Drops a watch whose refund was refused outright (the request answered with an error). */
export async function dropRefundWatch(
  ctx: NotificationsContext,
  merchantId: string,
  outRefundNo: string,
): Promise<void> {
  await ctx.db
    .deleteFrom('notification_refund_watches')
    .where('merchant_id', '=', merchantId)
    .where('out_refund_no', '=', outRefundNo)
    .where('refund_id', 'is', null)
    .execute()
}
