/** The job queue as operators see it: what is pending, running or failed, and counts. */
import { type Static, Type } from 'typebox'
import { Count, Details, Nullable, PageLimit, RowId, TimestampMs } from './common.ts'

export const JOB_STATUSES = ['pending', 'running', 'done', 'failed'] as const
export const JobStatus = Type.Enum(JOB_STATUSES)
export type JobStatus = Static<typeof JobStatus>
export const JOB_LIST_LIMIT_MAX = 100
/** The kinds the app registers, for the console's labels (unknown kinds show as written). */
export { APP_JOB_KINDS, type AppJobKind } from '../../shared/job-kinds.ts'

export const JobListQuery = Type.Object({
  status: Type.Optional(JobStatus),
  limit: Type.Optional(PageLimit(JOB_LIST_LIMIT_MAX)),
})

export const JobView = Type.Object({
  id: RowId(),
  kind: Type.String(),
  key: Type.String(),
  payload: Details,
  status: JobStatus,
  runAtMs: TimestampMs(),
  everyMs: Nullable(Count()),
  attempts: Count(),
  maxAttempts: Count(),
  leaseOwner: Nullable(Type.String()),
  leaseExpiresAtMs: Nullable(TimestampMs()),
  lastErrorCode: Nullable(Type.String()),
  lastErrorMessage: Nullable(Type.String()),
  createdAtMs: TimestampMs(),
  updatedAtMs: TimestampMs(),
  finishedAtMs: Nullable(TimestampMs()),
})
export type JobView = Static<typeof JobView>

export const JobCounts = Type.Object({
  pending: Count(),
  running: Count(),
  failed: Count(),
  /** Pending jobs already due: a number that keeps growing means no runner is keeping up. */
  due: Count(),
})
export type JobCounts = Static<typeof JobCounts>

export const JobList = Type.Object({ jobs: Type.Array(JobView), counts: JobCounts })
export type JobList = Static<typeof JobList>

export const JobParams = Type.Object({ jobId: RowId() })
export type JobParams = Static<typeof JobParams>
