/**
 * Putting work on the queue. Scheduling is idempotent by (kind, key): the caller derives the key
 * from what the job is about (`return:redpacket:42`), so scheduling twice — a retried request, a
 * re-run handler — leaves one job, for as long as the done job is kept (the app prunes done jobs
 * after 30 days; a handler's ledger idempotency key still holds after that).
 */
import { sql } from 'kysely'
import { assert, assertSafeInteger } from '../../shared/assert.ts'
import {
  JOB_ATTEMPTS_MAX,
  JOB_KEY_LENGTH_MAX,
  JOB_KIND_LENGTH_MAX,
  JOB_PAYLOAD_BYTES_MAX,
  type Job,
  type JobPayload,
  type JobsContext,
} from './context.ts'
import { type JobRow, toJob } from './job-rows.ts'

export interface ScheduleRequest {
  kind: string
  key: string
  payload?: JobPayload
  /** When it is due, by the Clock; default now. */
  runAtMs?: number
  /** Default: the handler's, else the rules' default. */
  maxAttempts?: number
}

export interface Scheduled {
  job: Job
  /** False when (kind, key) was already scheduled: the existing job is returned unchanged. */
  created: boolean
}

function checkIdentity(kind: string, key: string): void {
  assert(kind.length >= 1 && kind.length <= JOB_KIND_LENGTH_MAX, `job kind length: ${kind}`)
  assert(key.length >= 1 && key.length <= JOB_KEY_LENGTH_MAX, `job key length: ${key}`)
}

function payloadText(payload: JobPayload): string {
  const text = JSON.stringify(payload)
  assert(
    Buffer.byteLength(text, 'utf8') <= JOB_PAYLOAD_BYTES_MAX,
    `job payload over ${JOB_PAYLOAD_BYTES_MAX} bytes`,
  )
  return text
}

function maxAttemptsFor(ctx: JobsContext, kind: string, requested: number | undefined): number {
  const maxAttempts =
    requested ?? ctx.handlers.get(kind)?.maxAttempts ?? ctx.rules.defaultMaxAttempts
  assertSafeInteger(maxAttempts, 'maxAttempts')
  assert(maxAttempts >= 1 && maxAttempts <= JOB_ATTEMPTS_MAX, 'maxAttempts out of range')
  return maxAttempts
}

export async function scheduleJob(ctx: JobsContext, request: ScheduleRequest): Promise<Scheduled> {
  checkIdentity(request.kind, request.key)
  const nowMs = ctx.clock.nowMs()
  const runAtMs = request.runAtMs ?? nowMs
  assertSafeInteger(runAtMs, 'runAtMs')
  assert(runAtMs >= 0, 'runAtMs must not be negative')
  const inserted = await ctx.db
    .insertInto('jobs')
    .values({
      kind: request.kind,
      job_key: request.key,
      payload: sql`${payloadText(request.payload ?? {})}::jsonb`,
      run_at_ms: runAtMs,
      every_ms: null,
      max_attempts: maxAttemptsFor(ctx, request.kind, request.maxAttempts),
      created_at_ms: nowMs,
      updated_at_ms: nowMs,
    })
    .onConflict((conflict) => conflict.columns(['kind', 'job_key']).doNothing())
    .returningAll()
    .executeTakeFirst()
  if (inserted !== undefined) return { job: toJob(inserted as JobRow), created: true }
  const existing = await findJob(ctx, request.kind, request.key)
  assert(existing !== undefined, 'a conflicting job row exists')
  return { job: existing, created: false }
}

export async function findJob(
  ctx: JobsContext,
  kind: string,
  key: string,
): Promise<Job | undefined> {
  const row = await ctx.db
    .selectFrom('jobs')
    .selectAll()
    .where('kind', '=', kind)
    .where('job_key', '=', key)
    .executeTakeFirst()
  return row === undefined ? undefined : toJob(row)
}

/** The one row of a recurring kind. */
export const RECURRING_KEY = 'recurring'

/**
 * Makes sure the recurring job of `kind` exists, first due now. On an existing row the interval
 * follows the config, and a shorter interval pulls the next run in; a running one is left alone.
 */
export async function ensureRecurring(
  ctx: JobsContext,
  kind: string,
  everyMs: number,
): Promise<Job> {
  checkIdentity(kind, RECURRING_KEY)
  assertSafeInteger(everyMs, 'everyMs')
  assert(everyMs > 0, 'everyMs must be positive')
  const nowMs = ctx.clock.nowMs()
  const row = await ctx.db
    .insertInto('jobs')
    .values({
      kind,
      job_key: RECURRING_KEY,
      payload: sql`'{}'::jsonb`,
      run_at_ms: nowMs,
      every_ms: everyMs,
      max_attempts: JOB_ATTEMPTS_MAX,
      created_at_ms: nowMs,
      updated_at_ms: nowMs,
    })
    .onConflict((conflict) =>
      conflict.columns(['kind', 'job_key']).doUpdateSet({
        every_ms: everyMs,
        run_at_ms: sql<number>`least(jobs.run_at_ms, ${nowMs + everyMs}::bigint)`,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow()
  return toJob(row as JobRow)
}
