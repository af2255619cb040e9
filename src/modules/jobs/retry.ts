/**
 * An operator's retry of a failed job, once what made it fail is fixed (the bank is back, a
 * card is rebound). One conditional statement — `UPDATE … WHERE status = 'failed' RETURNING` —
 * so of two retries at once exactly one takes the job; the other finds it pending and is told
 * so (JOB_NOT_FAILED), never a second run queued.
 *
 * The rule: the job is pending and due now, its attempts back to 0 — it gets its full
 * `maxAttempts` again with the backoff from the start, as if scheduled afresh; an operator who
 * retries believes the cause is gone, and one more attempt would fail at once on a handler
 * that needs two. Its last error stays on the row (what it had failed with) until a run
 * overwrites it; the audit entry keeps who retried it and that error.
 */
import { DomainError } from '../../shared/errors.ts'
import type { Job, JobsContext } from './context.ts'
import { type JobRow, toJob } from './job-rows.ts'

/** Throws JOB_NOT_FOUND, or JOB_NOT_FAILED with the job's status when it is not failed. */
export async function retryFailedJob(ctx: JobsContext, id: number): Promise<Job> {
  const nowMs = ctx.clock.nowMs()
  const row = await ctx.db
    .updateTable('jobs')
    .set({
      status: 'pending',
      run_at_ms: nowMs,
      attempts: 0,
      lease_owner: null,
      lease_expires_at_ms: null,
      finished_at_ms: null,
      updated_at_ms: nowMs,
    })
    .where('id', '=', id)
    .where('status', '=', 'failed')
    .returningAll()
    .executeTakeFirst()
  if (row !== undefined) return toJob(row as JobRow)
  const existing = await ctx.db
    .selectFrom('jobs')
    .select('status')
    .where('id', '=', id)
    .executeTakeFirst()
  if (existing === undefined) throw new DomainError('JOB_NOT_FOUND', { jobId: id })
  throw new DomainError('JOB_NOT_FAILED', { jobId: id, status: existing.status })
}
