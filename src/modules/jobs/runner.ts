/**
 * Running due jobs: `runDueJobs` claims and runs them one at a time until none is due (tests
 * call it after moving the Clock); a started runner calls it every `pollMs` of real time. One
 * job at a time per runner keeps PGlite's single connection free for requests between jobs;
 * several processes on one PostgreSQL each run their own runner.
 */
import { claimDueJob, completeJob } from './claim.ts'
import type { Job, JobsContext } from './context.ts'
import { failJob, JobLeaseExpiredError } from './failure.ts'
import { releaseAbandonedLeases, withLeaseRenewal } from './leases.ts'

export interface RunOutcome {
  /** Handlers that returned normally and whose completion was recorded. */
  succeeded: number
  /** Runs that threw (retried later or marked failed). */
  failed: number
}

async function runClaimed(ctx: JobsContext, job: Job): Promise<boolean> {
  const handler = ctx.handlers.get(job.kind)
  // A one-off job past its attempts was claimed only because its last lease expired.
  const error =
    handler === undefined || (job.everyMs === null && job.attempts > job.maxAttempts)
      ? new JobLeaseExpiredError(job)
      : await withLeaseRenewal(ctx, job, () => handler.run(job)).then(
          () => undefined,
          (thrown: unknown) => thrown ?? new Error('job handler threw nothing'),
        )
  if (error === undefined) {
    await completeJob(ctx, job)
    return true
  }
  ctx.onJobError?.(job, error)
  await failJob(ctx, job, error)
  return false
}

export async function runDueJobs(
  ctx: JobsContext,
  shouldStop: () => boolean = () => false,
): Promise<RunOutcome> {
  const outcome: RunOutcome = { succeeded: 0, failed: 0 }
  const kinds = [...ctx.handlers.keys()]
  for (let run = 0; run < ctx.rules.jobsPerRunMax && !shouldStop(); run += 1) {
    const job = await claimDueJob(ctx, kinds)
    if (job === undefined) break
    if (await runClaimed(ctx, job)) outcome.succeeded += 1
    else outcome.failed += 1
  }
  return outcome
}

/**
 * Real time between polls. A recurring kind with a shorter interval runs once per poll: each
 * run is a claim and a completion (two writes), and on PGlite's one connection a 200 ms sweep
 * measured 30 ms a pass — 15% of the connection, enough to slow requests.
 */
function pollDelayMs(ctx: JobsContext): number {
  // Never a busy loop, whatever the config says.
  return Math.max(ctx.rules.pollMs, 10)
}

export interface JobRunner {
  start(): void
  /** Stops polling and waits for the job that is running, if any, to finish. */
  stop(): Promise<void>
  readonly running: boolean
}

export function createRunner(ctx: JobsContext, onRunError: (error: unknown) => void): JobRunner {
  let timer: NodeJS.Timeout | undefined
  let current: Promise<void> | undefined
  let stopped = true

  function schedule(delayMs: number): void {
    timer = setTimeout(tick, delayMs)
    // The app's close() stops the runner; a forgotten runner must not keep a process alive.
    timer.unref()
  }

  let leasesChecked = false
  async function poll(): Promise<void> {
    if (!leasesChecked) {
      await releaseAbandonedLeases(ctx)
      leasesChecked = true
    }
    await runDueJobs(ctx, () => stopped)
  }

  function tick(): void {
    timer = undefined
    current = poll().then(
      () => undefined,
      (error: unknown) => onRunError(error),
    )
    void current.then(() => {
      current = undefined
      if (!stopped) schedule(pollDelayMs(ctx))
    })
  }

  return {
    start() {
      if (!stopped) return
      stopped = false
      schedule(0)
    },
    async stop() {
      stopped = true
      if (timer !== undefined) clearTimeout(timer)
      timer = undefined
      await current
    },
    get running() {
      return !stopped
    },
  }
}
