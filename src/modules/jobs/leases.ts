/**
 * Keeping and giving up leases. A running handler's lease is renewed on a timer, so the lease
 * can be short and a dead runner's jobs come back soon. A runner that starts also frees at once
 * the leases of runners on this host whose process is gone (a crash or SIGKILL) — on PGlite,
 * where one process owns the data directory, that is every lease left behind.
 */
import { hostname } from 'node:os'
import type { Job, JobsContext } from './context.ts'

/** `host:pid:random`, so a runner can tell a dead local owner from a live one. */
export function runnerOwnerName(random: string): string {
  return `${hostname()}:${process.pid}:${random}`
}

export async function renewLease(ctx: JobsContext, job: Job): Promise<boolean> {
  const nowMs = ctx.clock.nowMs()
  const result = await ctx.db
    .updateTable('jobs')
    .set({ lease_expires_at_ms: nowMs + ctx.rules.leaseMs, updated_at_ms: nowMs })
    .where('id', '=', job.id)
    .where('status', '=', 'running')
    .where('lease_owner', '=', ctx.owner)
    .where('attempts', '=', job.attempts)
    .executeTakeFirst()
  return result.numUpdatedRows > 0n
}

/** Runs `work` while renewing `job`'s lease every third of the lease (real time). */
export async function withLeaseRenewal<T>(
  ctx: JobsContext,
  job: Job,
  work: () => Promise<T>,
): Promise<T> {
  const timer = setInterval(
    () => {
      // A failed renewal is retried on the next tick; the lease outlives two missed ones.
      renewLease(ctx, job).catch(() => {})
    },
    Math.max(Math.floor(ctx.rules.leaseMs / 3), 1),
  )
  timer.unref()
  try {
    return await work()
  } finally {
    clearInterval(timer)
  }
}

function isDeadLocalOwner(owner: string): boolean {
  const [host, pidText] = owner.split(':')
  const pid = Number(pidText)
  if (host !== hostname() || !Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid) {
    return false
  }
  try {
    process.kill(pid, 0)
    return false
  } catch (error) {
    // EPERM: the process exists under another user — alive.
    return (error as NodeJS.ErrnoException).code === 'ESRCH'
  }
}

/** Expires the leases of dead runners on this host now; returns how many jobs were freed. */
export async function releaseAbandonedLeases(ctx: JobsContext): Promise<number> {
  const owners = await ctx.db
    .selectFrom('jobs')
    .select('lease_owner')
    .distinct()
    .where('status', '=', 'running')
    .execute()
  const dead = owners
    .map((row) => row.lease_owner)
    .filter((owner): owner is string => owner !== null && isDeadLocalOwner(owner))
  if (dead.length === 0) return 0
  const result = await ctx.db
    .updateTable('jobs')
    .set({ lease_expires_at_ms: ctx.clock.nowMs() })
    .where('status', '=', 'running')
    .where('lease_owner', 'in', dead)
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}
