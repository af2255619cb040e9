/**
 * One delivery attempt of a claimed event: signed afresh (new timestamp and nonce, the platform
 * key of the merchant's default — both key modes), POSTed, the answer logged, and the event
 * ended (200/204), given up (the schedule ran out) or put back for the next wait of WeChat's
 * schedule — with the same event id and body. A sandbox signature fault, when the merchant
 * asked for one, spoils this attempt's signature; a merchant that rightly refuses a SIGNTEST
 * probe gets the same notification again at once, correctly signed (reference §3.4).
 */
import { randomBytes } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import type { NotificationsContext, SignatureFault } from './context.ts'
import type { AttemptOutcome, EventRow } from './event-rows.ts'
import { postNotification, type PostResult } from './http-post.ts'
import { takeSignatureFault } from './signature-faults.ts'

interface AttemptFacts {
  startedAtMs: number
  latencyMs: number
  result: PostResult
  fault: SignatureFault | undefined
}

function outcomeOf(result: PostResult): AttemptOutcome {
  if (result.status === 200 || result.status === 204) return 'delivered'
  if (result.status !== undefined) return 'failed'
  return result.error === 'timeout' ? 'timeout' : 'error'
}

export async function deliverClaimed(ctx: NotificationsContext, row: EventRow): Promise<void> {
  const fault = ctx.rules.sandbox ? await takeSignatureFault(ctx, row.merchant_id) : undefined
  const startedAtMs = ctx.clock.nowMs()
  const began = performance.now()
  const headers = await ctx.merchantApi.sign(
    row.merchant_id,
    undefined,
    row.body,
    fault === undefined ? {} : { forceBadSignature: fault },
  )
  const result: PostResult =
    headers === undefined
      ? { excerpt: '', error: 'no platform key to sign with' }
      : await postNotification(
          row.notify_url,
          { ...headers, 'Request-ID': `${randomBytes(22).toString('hex').toUpperCase()}-0` },
          row.body,
          {
            timeoutMs: ctx.rules.attemptTimeoutMs,
            excerptBytesMax: ctx.rules.responseExcerptBytesMax,
            allowInternal: ctx.rules.sandbox,
          },
        )
  const latencyMs = Math.max(0, Math.round(performance.now() - began))
  await recordAttempt(ctx, row, { startedAtMs, latencyMs, result, fault })
}

/** When the event is next tried, or null when it ends (delivered or given up). */
function nextAttempt(ctx: NotificationsContext, row: EventRow, facts: AttemptFacts) {
  const nowMs = ctx.clock.nowMs()
  const outcome = outcomeOf(facts.result)
  if (outcome === 'delivered') return { status: 'delivered', at: null, round: row.round_attempts }
  // A refused probe is the right answer: the real notification follows at once, uncounted.
  if (facts.fault === 'probe')
    return { status: 'pending', at: nowMs, round: row.round_attempts - 1 }
  const wait = ctx.rules.retryDelaysMs[row.round_attempts - 1]
  if (wait === undefined) return { status: 'given_up', at: null, round: row.round_attempts }
  return { status: 'pending', at: nowMs + wait, round: row.round_attempts }
}

async function recordAttempt(
  ctx: NotificationsContext,
  row: EventRow,
  facts: AttemptFacts,
): Promise<void> {
  const outcome = outcomeOf(facts.result)
  const next = nextAttempt(ctx, row, facts)
  const nowMs = ctx.clock.nowMs()
  const acceptedBadSignature = outcome === 'delivered' && facts.fault !== undefined
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('notification_attempts')
      .values({
        event_id: row.id,
        attempt: row.attempts,
        started_at_ms: facts.startedAtMs,
        latency_ms: facts.latencyMs,
        http_status: facts.result.status ?? null,
        outcome,
        error: acceptedBadSignature
          ? 'the endpoint accepted a bad signature'
          : (facts.result.error ?? null),
        response_excerpt: facts.result.excerpt === '' ? null : facts.result.excerpt,
        signature_fault: facts.fault ?? null,
      })
      .onConflict((conflict) => conflict.columns(['event_id', 'attempt']).doNothing())
      .execute()
    // Only while our claim stands: a runner that took over a lapsed lease owns the event now.
    await trx
      .updateTable('notification_events')
      .set({
        status: next.status,
        next_attempt_at_ms: next.at,
        round_attempts: next.round,
        lease_owner: null,
        lease_until_ms: null,
        updated_at_ms: nowMs,
        ...(next.status === 'delivered' ? { delivered_at_ms: nowMs } : {}),
      })
      .where('id', '=', row.id)
      .where('lease_owner', '=', ctx.owner)
      .where('attempts', '=', row.attempts)
      .execute()
  })
}
