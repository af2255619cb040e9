/** What operators see: the jobs that need attention, and counts for an overview. */
import { assert, assertSafeInteger } from '../../shared/assert.ts'
import { JOB_LIST_LIMIT_MAX, type Job, type JobsContext, type JobStatus } from './context.ts'
import { toJob } from './job-rows.ts'

export interface JobListQuery {
  /** Omitted: pending, running and failed — everything not done. */
  status?: JobStatus
  limit?: number
}

/** Newest change first. */
export async function listJobs(ctx: JobsContext, query: JobListQuery = {}): Promise<Job[]> {
  const limit = query.limit ?? JOB_LIST_LIMIT_MAX
  assertSafeInteger(limit, 'limit')
  assert(limit >= 1 && limit <= JOB_LIST_LIMIT_MAX, 'limit out of range')
  const statuses: JobStatus[] =
    query.status === undefined ? ['pending', 'running', 'failed'] : [query.status]
  const rows = await ctx.db
    .selectFrom('jobs')
    .selectAll()
    .where('status', 'in', statuses)
    .orderBy('updated_at_ms', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
  return rows.map(toJob)
}

export interface JobCounts {
  pending: number
  running: number
  failed: number
  /** Pending jobs whose time has come (a growing number means the runner is behind or down). */
  due: number
}

/** Done jobs are not counted: they only grow, and an overview has no use for them. */
export async function countJobs(ctx: JobsContext): Promise<JobCounts> {
  const rows = await ctx.db
    .selectFrom('jobs')
    .select((eb) => ['status', eb.fn.countAll<number>().as('count')])
    .where('status', 'in', ['pending', 'running', 'failed'])
    .groupBy('status')
    .execute()
  const due = await ctx.db
    .selectFrom('jobs')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('status', '=', 'pending')
    .where('run_at_ms', '<=', ctx.clock.nowMs())
    .executeTakeFirstOrThrow()
  const counts: JobCounts = { pending: 0, running: 0, failed: 0, due: Number(due.count) }
  for (const row of rows) counts[row.status as 'pending' | 'running' | 'failed'] = Number(row.count)
  return counts
}

/** Done rows removed per prune call, so one call is one short statement. */
export const JOB_PRUNE_BATCH_MAX = 1000

/**
 * Deletes done jobs finished more than `keepMs` ago (failed ones stay for operators); returns
 * how many. Their keys become free: a key must not be reused for new work after `keepMs`.
 */
export async function pruneDoneJobs(ctx: JobsContext, keepMs: number): Promise<number> {
  assertSafeInteger(keepMs, 'keepMs')
  assert(keepMs >= 0, 'keepMs must not be negative')
  const result = await ctx.db
    .deleteFrom('jobs')
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('jobs')
        .select('id')
        .where('status', '=', 'done')
        .where('updated_at_ms', '<', ctx.clock.nowMs() - keepMs)
        .orderBy('updated_at_ms')
        .limit(JOB_PRUNE_BATCH_MAX),
    )
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}
