/**
 * The job runner as the app wires it: jobs survive a restart of the app, the app's background
 * work (pending-transfer expiry, bank resolver) runs as recurring jobs, `createApp` starts the
 * runner when asked and `close()` stops it, and operators list jobs over the admin API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ManualClock } from '../../adapters/clock/index.ts'
import { DomainError } from '../../shared/errors.ts'
import { APP_JOB_KINDS, APP_ONE_TIME_JOB_KINDS } from '../../shared/job-kinds.ts'
import { createTestApp, type TestApp } from '../../test-support/app.ts'
import { signInOperator } from '../../test-support/operators.ts'
import { createRestartableDatabase } from '../../test-support/restartable-database.ts'
import type { JobPayload } from './index.ts'

const DAY_MS = 24 * 3600_000

describe('restart', () => {
  it('A job that survives a restart and fires once when the Clock passes its time', async () => {
    const data = await createRestartableDatabase()
    const clock = new ManualClock()
    const fired: JobPayload[] = []
    const withHandler = (app: TestApp) => {
      app.jobs.register('test.return-packet', async (job) => {
        fired.push(job.payload)
      })
      return app
    }
    const before = withHandler(await createTestApp({ database: await data.open(), clock }))
    const runAtMs = clock.nowMs() + DAY_MS
    const key = 'packet:1'
    await before.jobs.schedule({
      kind: 'test.return-packet',
      key,
      payload: { packetId: 1 },
      runAtMs,
    })
    await before.jobs.runDueJobs()
    await before.close()

    const after = withHandler(await createTestApp({ database: await data.open(), clock }))
    try {
      expect(await after.jobs.find('test.return-packet', key)).toMatchObject({ status: 'pending' })
      clock.advanceMs(DAY_MS - 1)
      await after.jobs.runDueJobs()
      expect(fired).toEqual([])
      clock.advanceMs(1)
      await after.jobs.runDueJobs()
      expect(fired).toEqual([{ packetId: 1 }])
      clock.advanceMs(DAY_MS)
      await after.jobs.runDueJobs()
      expect(fired).toHaveLength(1)
      expect(await after.jobs.find('test.return-packet', key)).toMatchObject({
        status: 'done',
        attempts: 1,
        finishedAtMs: runAtMs,
      })
    } finally {
      await after.close()
      await data.dispose()
    }
  })
})

describe('background work', () => {
  it('createApp starts the runner when asked and close() stops it', async () => {
    const app = await createTestApp({ runJobs: true })
    let fire!: () => void
    const fired = new Promise<void>((resolve) => {
      fire = resolve
    })
    app.jobs.register('test.now', async () => fire())
    expect(app.jobs.running).toBe(true)
    await app.jobs.schedule({ kind: 'test.now', key: 'k' })
    await fired
    await app.close()
    expect(app.jobs.running).toBe(false)
  })

  it('voids an expired hold and runs the bank resolver as recurring jobs', async () => {
    const app = await createTestApp()
    try {
      const source = await app.ledger.openAccount({
        ownerKind: 'platform',
        ownerId: 'platform',
        purpose: 'bank_clearing:jobs-app',
        currency: 'CNY',
      })
      const user = await app.ledger.openAccount({
        ownerKind: 'user',
        ownerId: 'jobs-app-user',
        purpose: 'balance',
        currency: 'CNY',
      })
      await app.jobs.runDueJobs()
      const hold = await app.ledger.createTransfer({
        kind: 'pending',
        idempotencyKey: 'jobs-app-hold',
        code: 'TRANSFER',
        timeoutMs: 60_000,
        legs: [{ debitAccountId: source.id, creditAccountId: user.id, amountFen: 500 }],
      })
      const resolverBefore = await app.jobs.find('wallet.resolve-bank', 'recurring')
      app.clock.advanceMs(60_000)
      expect(await app.ledger.isPending(hold.transferId)).toBe(true)
      // Every recurring job on the sweep interval is due again (expiry, wallet, payments…);
      // none failed, and the expiry voided the hold.
      const run = await app.jobs.runDueJobs()
      expect(run.succeeded).toBeGreaterThanOrEqual(2)
      expect(run).toMatchObject({ failed: 0 })
      expect(await app.ledger.isPending(hold.transferId)).toBe(false)
      const resolverAfter = await app.jobs.find('wallet.resolve-bank', 'recurring')
      expect(resolverAfter?.runAtMs).toBeGreaterThan(resolverBefore?.runAtMs ?? Infinity)
      expect(resolverAfter?.everyMs).toBe(app.config.expirySweepIntervalMs)
    } finally {
      await app.close()
    }
  })
})

describe('GET /api/v1/admin/jobs', () => {
  let app: TestApp

  beforeAll(async () => {
    app = await createTestApp()
    app.jobs.register(
      'test.broken',
      async () => {
        throw new DomainError('BANK_UNAVAILABLE')
      },
      { maxAttempts: 1 },
    )
    await app.jobs.schedule({ kind: 'test.broken', key: 'order:9', payload: { orderId: 9 } })
    await app.jobs.runDueJobs()
  })

  afterAll(() => app.close())

  it('lists failed jobs with their error for risk and admin', async () => {
    for (const role of ['risk', 'admin'] as const) {
      const { auth } = await signInOperator(app, role)
      const response = await app.server.inject({
        method: 'GET',
        url: '/api/v1/admin/jobs?status=failed&limit=10',
        headers: auth,
      })
      expect(response.statusCode, response.body).toBe(200)
      const body = response.json()
      expect(body.jobs).toEqual([
        expect.objectContaining({
          kind: 'test.broken',
          key: 'order:9',
          payload: { orderId: 9 },
          status: 'failed',
          attempts: 1,
          lastErrorCode: 'BANK_UNAVAILABLE',
        }),
      ])
      expect(body.counts).toMatchObject({ failed: 1 })
    }
  })

  it('lists what is not done by default, and gives counts for an overview', async () => {
    const { auth } = await signInOperator(app, 'admin')
    const list = await app.server.inject({
      method: 'GET',
      url: '/api/v1/admin/jobs',
      headers: auth,
    })
    const kinds = list.json().jobs.map((job: { kind: string }) => job.kind)
    // Every recurring kind has its row; per-item kinds (a red packet's return) only once scheduled.
    const recurring = APP_JOB_KINDS.filter(
      (kind) => !APP_ONE_TIME_JOB_KINDS.includes(kind) && kind !== 'redpackets.expire',
    )
    expect(kinds.sort()).toEqual([...recurring, 'test.broken'].sort())
    const counts = await app.server.inject({
      method: 'GET',
      url: '/api/v1/admin/jobs/counts',
      headers: auth,
    })
    expect(counts.json()).toEqual({
      pending: recurring.length,
      running: 0,
      failed: 1,
      due: 0,
    })
  })

  it('is closed to support, to anonymous callers, and to bad queries', async () => {
    const support = await signInOperator(app, 'support')
    const forbidden = await app.server.inject({
      method: 'GET',
      url: '/api/v1/admin/jobs',
      headers: support.auth,
    })
    expect(forbidden.statusCode).toBe(403)
    expect(forbidden.json().code).toBe('FORBIDDEN')
    const anonymous = await app.server.inject({ method: 'GET', url: '/api/v1/admin/jobs/counts' })
    expect(anonymous.statusCode).toBe(401)
    const { auth } = await signInOperator(app, 'admin')
    for (const query of ['status=lost', 'limit=0', 'limit=101', 'limit=1.5']) {
      const response = await app.server.inject({
        method: 'GET',
        url: `/api/v1/admin/jobs?${query}`,
        headers: auth,
      })
      expect(response.statusCode, query).toBe(400)
    }
  })
})
