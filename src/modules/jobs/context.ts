/** What every jobs function needs: passed explicitly, never imported globally. */
import type { Kysely } from 'kysely'
import type { Clock } from '../../adapters/clock/index.ts'
import type { JobsTables } from './jobs-tables.ts'

export const JOB_STATUSES = ['pending', 'running', 'done', 'failed'] as const
export type JobStatus = (typeof JOB_STATUSES)[number]

/** A payload is a reference (an order id, a transfer key), not a document. */
export const JOB_PAYLOAD_BYTES_MAX = 4096
export const JOB_KIND_LENGTH_MAX = 64
export const JOB_KEY_LENGTH_MAX = 128
export const JOB_ATTEMPTS_MAX = 100
export const JOB_ERROR_MESSAGE_LENGTH_MAX = 1000
export const JOB_LIST_LIMIT_MAX = 100

export type JobPayload = Record<string, unknown>

export interface Job {
  id: number
  kind: string
  key: string
  payload: JobPayload
  status: JobStatus
  runAtMs: number
  /** Set on recurring jobs: the runner schedules the next run this far after the last. */
  everyMs: number | null
  /** Runs started so far, this one included while it runs. */
  attempts: number
  maxAttempts: number
  leaseOwner: string | null
  leaseExpiresAtMs: number | null
  lastErrorCode: string | null
  lastErrorMessage: string | null
  createdAtMs: number
  updatedAtMs: number
  finishedAtMs: number | null
}

/**
 * Does the job's work. Runs at least once — again after a crash or a lost lease — so its effect
 * must be idempotent: money moves carry a ledger idempotency key derived from the job.
 */
export type JobHandler = (job: Job) => Promise<void>

export interface HandlerOptions {
  /** Runs before the job is marked failed (recurring jobs never are; see failure.ts). */
  maxAttempts?: number
}

export interface JobsRules {
  /**
   * How often a started runner looks for due jobs (real time; due-ness is the Clock's). A
   * recurring interval shorter than this runs once a poll.
   */
  pollMs: number
  /**
   * A claimed job's lease; the runner renews it every third of this while the handler runs, so
   * a runner that died is taken over this long after its last renewal, a slow job never.
   */
  leaseMs: number
  /** First retry delay; doubles per attempt up to `retryDelayMaxMs`. */
  retryDelayBaseMs: number
  retryDelayMaxMs: number
  defaultMaxAttempts: number
  /** Jobs one `runDueJobs` call runs at most, so `stop()` never waits on an endless queue. */
  jobsPerRunMax: number
}

export const DEFAULT_JOBS_RULES: JobsRules = {
  pollMs: 1_000,
  leaseMs: 30_000,
  retryDelayBaseMs: 10_000,
  retryDelayMaxMs: 3600_000,
  defaultMaxAttempts: 5,
  jobsPerRunMax: 100,
}

export type JobsDb = Kysely<JobsTables>

export interface RegisteredHandler {
  run: JobHandler
  maxAttempts: number
}

export interface JobsContext {
  db: JobsDb
  clock: Clock
  rules: JobsRules
  /** This runner's name in `lease_owner`; unique per process. */
  owner: string
  handlers: Map<string, RegisteredHandler>
  /** Told about a job that threw (for logs); the error is also kept on the row. */
  onJobError?: (job: Job, error: unknown) => void
}
