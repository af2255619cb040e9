/** The jobs row as the rest of the module sees it. */
import type { Selectable } from 'kysely'
import type { Job, JobPayload, JobStatus } from './context.ts'
import type { JobsTables } from './jobs-tables.ts'

export type JobRow = Selectable<JobsTables['jobs']>

export function toJob(row: JobRow): Job {
  return {
    id: Number(row.id),
    kind: row.kind,
    key: row.job_key,
    payload: (typeof row.payload === 'string'
      ? JSON.parse(row.payload)
      : row.payload) as JobPayload,
    status: row.status as JobStatus,
    runAtMs: Number(row.run_at_ms),
    everyMs: row.every_ms === null ? null : Number(row.every_ms),
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    leaseOwner: row.lease_owner,
    leaseExpiresAtMs: row.lease_expires_at_ms === null ? null : Number(row.lease_expires_at_ms),
    lastErrorCode: row.last_error_code,
    lastErrorMessage: row.last_error_message,
    createdAtMs: Number(row.created_at_ms),
    updatedAtMs: Number(row.updated_at_ms),
    finishedAtMs: row.finished_at_ms === null ? null : Number(row.finished_at_ms),
  }
}
