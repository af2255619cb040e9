/**
 * @module jobs
 * Durable scheduled work: a row per job in `jobs`, due by the app's Clock, claimed under a lease
 * by one runner at a time, retried with backoff, failed after its last attempt and listed for
 * operators. Handlers are registered by kind in code. Jobs run at least once; handlers make the
 * effect exactly-once (money moves carry a ledger idempotency key derived from the job).
 * Recurring jobs (the bank resolver, the pending-transfer expiry) are one row each, put back
 * `everyMs` ahead by the runner after every run.
 *
 * Why not a library (evaluated 2026-12, from their sources): pg-boss 12.27 (npm 12.38) has a
 * PGlite adapter, but every due test is `start_after <= now()` and retry delays are computed
 * from `now()` in SQL, so a test cannot move time with the Clock — it would have to sleep or
 * fake the database's clock; it also brings its own `pgboss` schema and version migrations
 * (outside `migrations/` and the one-owner-per-table rule) and its own timers (maintenance,
 * clock-skew monitor). graphile-worker 0.17.3 (npm 0.18.0) needs a `pg.Pool`, holds one
 * connection in LISTEN, and PGlite is a single connection with no pool; its `useNodeTime`
 * reads `new Date()`, not an injectable clock, and failure backoff still uses SQL `now()`.
 * What this module needs of them is one claim statement and two finishing updates (claim.ts).
 *
 * @example
 * const jobs = createJobs({ db: database.db, clock })
 * jobs.register('redpacket.return', async (job) => { await returnPacket(job.payload.packetId) })
 * await jobs.schedule({ kind: 'redpacket.return', key: `packet:${id}`, payload: { packetId: id },
 *   runAtMs: clock.nowMs() + 24 * 3600_000 })
 * jobs.start() // or, in tests: clock.advanceMs(…); await jobs.runDueJobs()
 */
import { randomUUID } from 'node:crypto'
import type { Clock } from '../../adapters/clock/index.ts'
import type { Db } from '../../adapters/db/index.ts'
import { assert } from '../../shared/assert.ts'
import {
  DEFAULT_JOBS_RULES,
  type HandlerOptions,
  JOB_ATTEMPTS_MAX,
  type Job,
  type JobHandler,
  type JobsContext,
  type JobsDb,
  type JobsRules,
} from './context.ts'
import { countJobs, type JobListQuery, listJobs, pruneDoneJobs } from './job-list.ts'
import { releaseAbandonedLeases, runnerOwnerName } from './leases.ts'
import { retryFailedJob } from './retry.ts'
import { createRunner, runDueJobs } from './runner.ts'
import { ensureRecurring, findJob, type ScheduleRequest, scheduleJob } from './schedule.ts'

export {
  DEFAULT_JOBS_RULES,
  JOB_LIST_LIMIT_MAX,
  JOB_PAYLOAD_BYTES_MAX,
  JOB_STATUSES,
  type Job,
  type JobHandler,
  type JobPayload,
  type JobsRules,
  type JobStatus,
} from './context.ts'
export type { JobCounts, JobListQuery } from './job-list.ts'
export type { JobRunner, RunOutcome } from './runner.ts'
export type { ScheduleRequest, Scheduled } from './schedule.ts'

export interface JobsDependencies {
  db: Db
  clock: Clock
  rules?: Partial<JobsRules>
  /** This process's name in leases; default host:pid:random. */
  owner?: string
  onJobError?: (job: Job, error: unknown) => void
  /** A poll of the started runner failed (database down); it polls again. */
  onRunError?: (error: unknown) => void
}

export function createJobs(deps: JobsDependencies) {
  const ctx: JobsContext = {
    db: deps.db as JobsDb,
    clock: deps.clock,
    rules: { ...DEFAULT_JOBS_RULES, ...deps.rules },
    owner: deps.owner ?? runnerOwnerName(randomUUID().slice(0, 8)),
    handlers: new Map(),
    ...(deps.onJobError ? { onJobError: deps.onJobError } : {}),
  }
  const runner = createRunner(ctx, deps.onRunError ?? (() => {}))
  function register(kind: string, run: JobHandler, options: HandlerOptions = {}): void {
    assert(!ctx.handlers.has(kind), `a handler for job kind ${kind} is already registered`)
    ctx.handlers.set(kind, {
      run,
      maxAttempts: options.maxAttempts ?? ctx.rules.defaultMaxAttempts,
    })
  }
  async function registerRecurring(kind: string, everyMs: number, run: JobHandler): Promise<Job> {
    register(kind, run)
    ctx.handlers.set(kind, { run, maxAttempts: JOB_ATTEMPTS_MAX })
    return ensureRecurring(ctx, kind, everyMs)
  }
  return {
    register,
    /** Registers the handler and makes sure the kind's recurring row exists (first due now). */
    registerRecurring,
    schedule: (request: ScheduleRequest) => scheduleJob(ctx, request),
    find: (kind: string, key: string) => findJob(ctx, kind, key),
    runDueJobs: () => runDueJobs(ctx),
    /** What a started runner does first: frees the leases of dead runners on this host. */
    releaseAbandonedLeases: () => releaseAbandonedLeases(ctx),
    start: () => runner.start(),
    stop: () => runner.stop(),
    get running() {
      return runner.running
    },
    list: (query?: JobListQuery) => listJobs(ctx, query),
    counts: () => countJobs(ctx),
    pruneDone: (keepMs: number) => pruneDoneJobs(ctx, keepMs),
    /** A failed job pending again, due now, attempts reset (see retry.ts for the rule). */
    retryFailed: (id: number) => retryFailedJob(ctx, id),
    /** The kinds with a registered handler. */
    kinds: () => [...ctx.handlers.keys()],
    owner: ctx.owner,
  }
}

export type JobsService = ReturnType<typeof createJobs>
