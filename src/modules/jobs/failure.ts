/**
 * A run that threw: retried after a backoff (base · 2^(attempt-1), capped), marked failed after
 * its last attempt. Recurring jobs are never marked failed — the resolver and the expiry sweep
 * must keep running — they retry no later than their interval, with the error and the attempt
 * count visible to operators until a run succeeds.
 */
import { isDomainError } from '../../shared/errors.ts'
import { JOB_ERROR_MESSAGE_LENGTH_MAX, type Job, type JobsContext } from './context.ts'

/** What a runner that crashed on every attempt leaves: the lease expired each time. */
export class JobLeaseExpiredError extends Error {
  override readonly name = 'LEASE_EXPIRED'
  constructor(job: Job) {
    super(`the runner stopped before finishing, on all ${job.maxAttempts} attempts`)
  }
}

export function retryDelayMs(ctx: JobsContext, attempt: number): number {
  const { retryDelayBaseMs, retryDelayMaxMs } = ctx.rules
  const exponent = Math.min(Math.max(attempt - 1, 0), 30)
  return Math.min(retryDelayBaseMs * 2 ** exponent, retryDelayMaxMs)
}

export function errorCode(error: unknown): string {
  if (isDomainError(error)) return error.code
  if (error instanceof Error) return error.name.slice(0, 64)
  return 'UNKNOWN'
}

function errorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return message.slice(0, JOB_ERROR_MESSAGE_LENGTH_MAX)
}

function nextState(ctx: JobsContext, job: Job, nowMs: number) {
  const delayMs = retryDelayMs(ctx, job.attempts)
  if (job.everyMs !== null) {
    return { status: 'pending', run_at_ms: nowMs + Math.min(delayMs, job.everyMs) }
  }
  if (job.attempts >= job.maxAttempts) return { status: 'failed', finished_at_ms: nowMs }
  return { status: 'pending', run_at_ms: nowMs + delayMs }
}

/** Records the error and schedules the retry (or fails the job); false when the lease was lost. */
export async function failJob(ctx: JobsContext, job: Job, error: unknown): Promise<boolean> {
  const nowMs = ctx.clock.nowMs()
  const result = await ctx.db
    .updateTable('jobs')
    .set({
      ...nextState(ctx, job, nowMs),
      last_error_code: errorCode(error),
      last_error_message: errorMessage(error),
      lease_owner: null,
      lease_expires_at_ms: null,
      updated_at_ms: nowMs,
    })
    .where('id', '=', job.id)
    .where('status', '=', 'running')
    .where('lease_owner', '=', ctx.owner)
    .where('attempts', '=', job.attempts)
    .executeTakeFirst()
  return result.numUpdatedRows > 0n
}
