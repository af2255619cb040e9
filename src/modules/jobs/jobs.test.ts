/**
 * The job queue against a real database (PGlite, or PostgreSQL with DATABASE_URL): due by the
 * Clock, retried with backoff, never run twice at once by two runners, exactly-once in effect
 * when a runner dies between the effect and the completion.
 */
import { hostname } from 'node:os'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ManualClock } from '../../adapters/clock/index.ts'
import type { DatabaseHandle } from '../../adapters/db/index.ts'
import { DomainError } from '../../shared/errors.ts'
import {
  createRestartableDatabase,
  type RestartableDatabase,
} from '../../test-support/restartable-database.ts'
import { createLedger } from '../ledger/index.ts'
import { createJobs, DEFAULT_JOBS_RULES, type Job, type JobsRules } from './index.ts'

const clock = new ManualClock()
let data: RestartableDatabase
let database: DatabaseHandle
/** A second process on the same data where the engine allows one (PostgreSQL), else the same. */
let otherDatabase: DatabaseHandle
let sequence = 0

beforeAll(async () => {
  data = await createRestartableDatabase()
  database = await data.open()
  otherDatabase = data.sharedByProcesses ? await data.open() : database
})

afterAll(async () => {
  if (otherDatabase !== database) await otherDatabase.close()
  await database.close()
  await data.dispose()
})

/** A kind no other test registers, so each test sees only its own jobs. */
function freshKind(name: string): string {
  sequence += 1
  return `test.${name}.${sequence}`
}

function jobsOn(handle: DatabaseHandle, rules: Partial<JobsRules> = {}, owner?: string) {
  return createJobs({ db: handle.db, clock, rules, ...(owner ? { owner } : {}) })
}

function deferred() {
  let resolve!: () => void
  const promise = new Promise<void>((done) => {
    resolve = done
  })
  return { promise, resolve }
}

describe('scheduling', () => {
  it('is idempotent by kind and key, and a job fires only when the Clock reaches its time', async () => {
    const jobs = jobsOn(database)
    const kind = freshKind('remind')
    const fired: Job[] = []
    jobs.register(kind, async (job) => {
      fired.push(job)
    })
    const runAtMs = clock.nowMs() + 60_000
    const first = await jobs.schedule({ kind, key: 'order:1', payload: { orderId: 1 }, runAtMs })
    const again = await jobs.schedule({ kind, key: 'order:1', payload: { orderId: 2 } })
    expect(first.created).toBe(true)
    expect(again).toMatchObject({ created: false, job: { id: first.job.id, runAtMs } })
    expect(await jobs.runDueJobs()).toEqual({ succeeded: 0, failed: 0 })
    clock.advanceMs(59_999)
    expect((await jobs.runDueJobs()).succeeded).toBe(0)
    clock.advanceMs(1)
    expect((await jobs.runDueJobs()).succeeded).toBe(1)
    expect(fired.map((job) => job.payload)).toEqual([{ orderId: 1 }])
    clock.advanceMs(3600_000)
    expect((await jobs.runDueJobs()).succeeded).toBe(0)
    expect(await jobs.find(kind, 'order:1')).toMatchObject({ status: 'done', attempts: 1 })
  })

  it('prunes done jobs after they were kept long enough, and keeps failed ones', async () => {
    const jobs = jobsOn(database)
    const kind = freshKind('prune')
    jobs.register(
      kind,
      async (job) => {
        if (job.key === 'bad') throw new Error('no')
      },
      { maxAttempts: 1 },
    )
    await jobs.schedule({ kind, key: 'good' })
    await jobs.schedule({ kind, key: 'bad' })
    await jobs.runDueJobs()
    clock.advanceMs(1_000)
    await jobs.pruneDone(1_000)
    expect(await jobs.find(kind, 'good')).toMatchObject({ status: 'done' })
    clock.advanceMs(1)
    expect(await jobs.pruneDone(1_000)).toBeGreaterThanOrEqual(1)
    expect(await jobs.find(kind, 'good')).toBeUndefined()
    expect(await jobs.find(kind, 'bad')).toMatchObject({ status: 'failed' })
  })

  it('refuses a payload over the bound before it reaches the database', async () => {
    const jobs = jobsOn(database)
    const payload = { text: 'x'.repeat(5000) }
    await expect(jobs.schedule({ kind: freshKind('big'), key: 'k', payload })).rejects.toThrow(
      /payload over 4096 bytes/,
    )
  })

  it('leaves a job whose kind this runner has no handler for', async () => {
    const kind = freshKind('elsewhere')
    await jobsOn(database).schedule({ kind, key: 'k' })
    const jobs = jobsOn(database)
    jobs.register(freshKind('other'), async () => {})
    await jobs.runDueJobs()
    expect(await jobs.find(kind, 'k')).toMatchObject({ status: 'pending', attempts: 0 })
  })
})

describe('failures', () => {
  it('retries a throwing handler with backoff, then marks it failed', async () => {
    const jobs = jobsOn(database, { retryDelayBaseMs: 10_000 })
    const kind = freshKind('flaky')
    let calls = 0
    jobs.register(
      kind,
      async () => {
        calls += 1
        throw new DomainError('BANK_UNAVAILABLE')
      },
      { maxAttempts: 3 },
    )
    await jobs.schedule({ kind, key: 'k' })
    expect(await jobs.runDueJobs()).toEqual({ succeeded: 0, failed: 1 })
    expect(await jobs.find(kind, 'k')).toMatchObject({
      status: 'pending',
      attempts: 1,
      runAtMs: clock.nowMs() + 10_000,
      lastErrorCode: 'BANK_UNAVAILABLE',
      leaseOwner: null,
    })
    clock.advanceMs(9_999)
    expect((await jobs.runDueJobs()).failed).toBe(0)
    clock.advanceMs(1)
    expect((await jobs.runDueJobs()).failed).toBe(1)
    // The second delay doubles.
    expect((await jobs.find(kind, 'k'))?.runAtMs).toBe(clock.nowMs() + 20_000)
    clock.advanceMs(20_000)
    expect((await jobs.runDueJobs()).failed).toBe(1)
    expect(await jobs.find(kind, 'k')).toMatchObject({
      status: 'failed',
      attempts: 3,
      finishedAtMs: clock.nowMs(),
      lastErrorMessage: expect.stringContaining('BANK_UNAVAILABLE'),
    })
    clock.advanceMs(24 * 3600_000)
    await jobs.runDueJobs()
    expect(calls).toBe(3)
    const failed = await jobs.list({ status: 'failed' })
    expect(failed.map((job) => job.kind)).toContain(kind)
    expect((await jobs.counts()).failed).toBeGreaterThanOrEqual(1)
  })

  it('re-schedules a recurring job after each run and never fails it', async () => {
    const jobs = jobsOn(database, { retryDelayBaseMs: 10_000 })
    const kind = freshKind('sweep')
    let failing = true
    let calls = 0
    await jobs.registerRecurring(kind, 60_000, async () => {
      calls += 1
      if (failing) throw new Error('bank down')
    })
    for (let attempt = 1; attempt <= 8; attempt += 1) {
      expect((await jobs.runDueJobs()).failed).toBe(1)
      const job = await jobs.find(kind, 'recurring')
      // Retried with backoff, but never later than the interval.
      expect(job).toMatchObject({ status: 'pending', attempts: attempt, lastErrorCode: 'Error' })
      expect(job?.runAtMs).toBe(clock.nowMs() + Math.min(10_000 * 2 ** (attempt - 1), 60_000))
      clock.setMs(job?.runAtMs ?? 0)
    }
    failing = false
    expect((await jobs.runDueJobs()).succeeded).toBe(1)
    expect(await jobs.find(kind, 'recurring')).toMatchObject({
      status: 'pending',
      attempts: 0,
      lastErrorCode: null,
      runAtMs: clock.nowMs() + 60_000,
    })
    expect(calls).toBe(9)
  })
})

describe('recurring intervals', () => {
  it('follows a changed interval on the next start, pulling the next run in', async () => {
    const kind = freshKind('interval')
    const first = jobsOn(database)
    const before = await first.registerRecurring(kind, 3600_000, async () => {})
    expect((await first.runDueJobs()).succeeded).toBe(1)
    expect(await first.find(kind, 'recurring')).toMatchObject({
      everyMs: 3600_000,
      runAtMs: clock.nowMs() + 3600_000,
    })
    const restarted = jobsOn(database)
    let runs = 0
    const after = await restarted.registerRecurring(kind, 60_000, async () => {
      runs += 1
    })
    expect(after).toMatchObject({ id: before.id, everyMs: 60_000, runAtMs: clock.nowMs() + 60_000 })
    expect((await restarted.runDueJobs()).succeeded).toBe(0)
    clock.advanceMs(60_000)
    expect((await restarted.runDueJobs()).succeeded).toBe(1)
    clock.advanceMs(60_000)
    expect((await restarted.runDueJobs()).succeeded).toBe(1)
    expect(runs).toBe(2)
  })
})

describe('two runners', () => {
  it('never run one job twice: 200 jobs, two runners, each effect once', async () => {
    const kind = freshKind('count')
    const rules = { jobsPerRunMax: 1_000 }
    const runners = [jobsOn(database, rules, 'runner-a'), jobsOn(otherDatabase, rules, 'runner-b')]
    const effects = new Map<string, number>()
    const byRunner = new Map<string, number>()
    for (const [index, runner] of runners.entries()) {
      const handle = index === 0 ? database : otherDatabase
      runner.register(kind, async (job) => {
        // A round trip inside the handler, so the two runners interleave.
        await sql`SELECT 1`.execute(handle.db)
        effects.set(job.key, (effects.get(job.key) ?? 0) + 1)
        byRunner.set(runner.owner, (byRunner.get(runner.owner) ?? 0) + 1)
      })
    }
    for (let index = 0; index < 200; index += 1) {
      await runners[0]?.schedule({ kind, key: `job:${index}` })
    }
    const outcomes = await Promise.all(runners.map((runner) => runner.runDueJobs()))
    expect(outcomes.reduce((sum, outcome) => sum + outcome.succeeded, 0)).toBe(200)
    expect(effects.size).toBe(200)
    expect([...effects.values()].every((count) => count === 1)).toBe(true)
    const done = await runners[0]?.list({ status: 'done', limit: 100 })
    expect(done?.length).toBe(100)
    console.info('jobs run per runner', Object.fromEntries(byRunner))
  })
})

describe('a runner that dies mid-job', () => {
  it('re-runs the job after the lease expires, and the ledger moves the money once', async () => {
    const ledger = createLedger({ database, clock })
    const source = await ledger.openAccount({
      ownerKind: 'platform',
      ownerId: 'platform',
      purpose: 'bank_clearing:jobs-test',
      currency: 'CNY',
    })
    const user = await ledger.openAccount({
      ownerKind: 'user',
      ownerId: 'jobs-test-user',
      purpose: 'balance',
      currency: 'CNY',
      debitsMustNotExceedCredits: true,
    })
    const kind = freshKind('payout')
    const crashed = deferred()
    const effectDone = deferred()
    const handler = (crash: boolean) => async (job: Job) => {
      await ledger.createTransfer({
        kind: 'posted',
        idempotencyKey: `job-payout:${job.key}`,
        code: 'TRANSFER',
        legs: [{ debitAccountId: source.id, creditAccountId: user.id, amountFen: 1_234 }],
      })
      effectDone.resolve()
      // The process "dies" here: the effect is in, the completion never written.
      if (crash) await crashed.promise
    }
    const leaseMs = 60_000
    const dying = jobsOn(database, { leaseMs }, 'dying')
    const survivor = jobsOn(otherDatabase, { leaseMs }, 'survivor')
    dying.register(kind, handler(true))
    survivor.register(kind, handler(false))
    await dying.schedule({ kind, key: 'payout:1' })
    const dyingRun = dying.runDueJobs()
    await effectDone.promise
    expect(await survivor.runDueJobs()).toEqual({ succeeded: 0, failed: 0 })
    clock.advanceMs(leaseMs)
    expect((await survivor.runDueJobs()).succeeded).toBe(1)
    expect(await survivor.find(kind, 'payout:1')).toMatchObject({ status: 'done', attempts: 2 })
    // The dead runner's late completion is refused: it no longer holds the lease.
    crashed.resolve()
    await dyingRun
    expect(await survivor.find(kind, 'payout:1')).toMatchObject({ status: 'done', attempts: 2 })
    expect((await ledger.getBalance(user.id)).postedFen).toBe(1_234)
    expect((await ledger.check()).problems).toEqual([])
  })
})

describe('leases', () => {
  it('renews the lease while a slow handler runs, so no other runner takes the job', async () => {
    const kind = freshKind('slow-lease')
    const release = deferred()
    const started = deferred()
    // 30 ms lease: renewed every 10 ms of real time while the handler waits.
    const slow = jobsOn(database, { leaseMs: 30 }, 'slow')
    const other = jobsOn(otherDatabase, { leaseMs: 30 }, 'other')
    let runs = 0
    for (const runner of [slow, other]) {
      runner.register(kind, async () => {
        runs += 1
        started.resolve()
        if (runs === 1) await release.promise
      })
    }
    await slow.schedule({ kind, key: 'k' })
    const slowRun = slow.runDueJobs()
    await started.promise
    clock.advanceMs(1_000)
    // Wait (bounded) until a renewal has moved the lease past the new time.
    for (let tries = 0; tries < 500; tries += 1) {
      const job = await other.find(kind, 'k')
      if ((job?.leaseExpiresAtMs ?? 0) > clock.nowMs()) break
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    expect((await other.find(kind, 'k'))?.leaseExpiresAtMs).toBeGreaterThan(clock.nowMs())
    expect(await other.runDueJobs()).toEqual({ succeeded: 0, failed: 0 })
    release.resolve()
    await slowRun
    expect(runs).toBe(1)
    expect(await other.find(kind, 'k')).toMatchObject({ status: 'done', attempts: 1 })
  })

  it('frees at once the leases of a dead runner on this host', async () => {
    const kind = freshKind('orphan')
    const deadOwner = `${hostname()}:2147483647:dead`
    const dead = jobsOn(database, {}, deadOwner)
    const never = deferred()
    dead.register(kind, () => never.promise)
    await dead.schedule({ kind, key: 'k' })
    const deadRun = dead.runDueJobs()
    const live = jobsOn(database, {}, `${hostname()}:${process.pid}:live`)
    let ran = 0
    live.register(kind, async () => {
      ran += 1
    })
    for (let tries = 0; tries < 500; tries += 1) {
      if ((await live.find(kind, 'k'))?.status === 'running') break
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    expect(await live.runDueJobs()).toEqual({ succeeded: 0, failed: 0 })
    expect(await live.releaseAbandonedLeases()).toBe(1)
    expect((await live.runDueJobs()).succeeded).toBe(1)
    expect(ran).toBe(1)
    never.resolve()
    await deadRun
    expect(await live.find(kind, 'k')).toMatchObject({ status: 'done', leaseOwner: null })
  })
})

describe('the started runner', () => {
  it('polls by itself, and stop() waits for the running job', async () => {
    const jobs = jobsOn(database, { pollMs: 10 })
    const kind = freshKind('slow')
    const started = deferred()
    const release = deferred()
    jobs.register(kind, async () => {
      started.resolve()
      await release.promise
    })
    await jobs.schedule({ kind, key: 'k' })
    jobs.start()
    await started.promise
    let stopped = false
    const stopping = jobs.stop().then(() => {
      stopped = true
    })
    await new Promise((resolve) => setImmediate(resolve))
    expect(stopped).toBe(false)
    release.resolve()
    await stopping
    expect(jobs.running).toBe(false)
    expect(await jobs.find(kind, 'k')).toMatchObject({ status: 'done' })
    expect(DEFAULT_JOBS_RULES.pollMs).toBeGreaterThan(0)
  })
})
