/**
 * Taking a due job and finishing it. The claim is one statement — `UPDATE … WHERE id = (SELECT
 * … FOR UPDATE SKIP LOCKED) RETURNING` — so two runners on one PostgreSQL never take the same
 * row, and it needs nothing PGlite lacks (no advisory locks, no LISTEN, no held connection).
 * Every finishing update names the lease it ends (owner and attempt), so a runner that lost its
 * lease to another cannot overwrite the other's outcome.
 */
import { sql } from 'kysely'
import type { Job, JobsContext } from './context.ts'
import { type JobRow, toJob } from './job-rows.ts'

/** Claims the oldest due job of one of `kinds`, leased to this runner; undefined when none. */
export async function claimDueJob(ctx: JobsContext, kinds: string[]): Promise<Job | undefined> {
  if (kinds.length === 0) return undefined
  const nowMs = ctx.clock.nowMs()
  const result = await sql<JobRow>`
    UPDATE jobs
    SET status = 'running', attempts = attempts + 1, lease_owner = ${ctx.owner},
      lease_expires_at_ms = ${nowMs + ctx.rules.leaseMs}, updated_at_ms = ${nowMs}
    WHERE id = (
      SELECT id FROM jobs
      WHERE kind = ANY(${kinds}::text[])
        AND ((status = 'pending' AND run_at_ms <= ${nowMs})
          OR (status = 'running' AND lease_expires_at_ms <= ${nowMs}))
      ORDER BY run_at_ms, id
      LIMIT 1
      FOR UPDATE SKIP LOCKED
    )
    RETURNING *`.execute(ctx.db)
  const row = result.rows[0]
  return row === undefined ? undefined : toJob(row)
}

/**
 * Ends the run: a one-off job is done; a recurring one is pending again `everyMs` from now with
 * its attempts and error cleared. False when the lease was lost (another runner has the job).
 */
export async function completeJob(ctx: JobsContext, job: Job): Promise<boolean> {
  const nowMs = ctx.clock.nowMs()
  const update =
    job.everyMs === null
      ? { status: 'done', finished_at_ms: nowMs }
      : {
          status: 'pending',
          run_at_ms: nowMs + job.everyMs,
          attempts: 0,
          last_error_code: null,
          last_error_message: null,
        }
  const result = await ctx.db
    .updateTable('jobs')
    .set({ ...update, lease_owner: null, lease_expires_at_ms: null, updated_at_ms: nowMs })
    .where('id', '=', job.id)
    .where('status', '=', 'running')
    .where('lease_owner', '=', ctx.owner)
    .where('attempts', '=', job.attempts)
    .executeTakeFirst()
  return result.numUpdatedRows > 0n
}
