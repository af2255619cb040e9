/**
 * An operator retries a failed job: admins only (a retry runs a return or a bank call again),
 * through the jobs service's own conditional retry, and audited as `job.retried` with the job
 * and the error it had failed with. Nothing is recorded when the retry is refused.
 */
import type { Job, JobsService } from '../jobs/index.ts'
import type { OpsContext } from './context.ts'
import type { Operator } from './operators.ts'
import { requirePermission } from './roles.ts'

export interface JobRetrySource {
  jobs: Pick<JobsService, 'retryFailed'>
}

export async function retryJob(
  ctx: OpsContext,
  operator: Operator,
  jobId: number,
  source: JobRetrySource,
  ip?: string,
): Promise<Job> {
  requirePermission(operator.role, 'jobs.retry')
  const job = await source.jobs.retryFailed(jobId)
  await ctx.audit.record({
    userId: null,
    actor: { kind: 'operator', id: operator.id },
    action: 'job.retried',
    detail: {
      jobId: job.id,
      jobKind: job.kind,
      jobKey: job.key,
      ...(job.lastErrorCode === null ? {} : { errorCode: job.lastErrorCode }),
    },
    ...(ip === undefined ? {} : { ip }),
  })
  return job
}
