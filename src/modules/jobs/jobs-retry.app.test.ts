/**
 * An operator retries a failed job over the admin API: admins only, only a failed job, once
 * when two retries race, audited; the retried job is due at once and runs again to success.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DomainError } from '../../shared/errors.ts'
import { createTestApp, type TestApp } from '../../test-support/app.ts'
import { signInOperator } from '../../test-support/operators.ts'

const HOUR_MS = 3600_000

describe('POST /api/v1/admin/jobs/:jobId/retry', () => {
  let app: TestApp
  let bankUp = false
  const runs: number[] = []

  beforeAll(async () => {
    app = await createTestApp()
    app.jobs.register(
      'test.bank-call',
      async (job) => {
        runs.push(job.attempts)
        if (!bankUp) throw new DomainError('BANK_UNAVAILABLE')
      },
      { maxAttempts: 2 },
    )
  })

  afterAll(() => app.close())

  /** A job that failed both its attempts while the bank was down. */
  async function failedJob(key: string): Promise<number> {
    bankUp = false
    const { job } = await app.jobs.schedule({ kind: 'test.bank-call', key })
    await app.jobs.runDueJobs()
    app.clock.advanceMs(HOUR_MS)
    await app.jobs.runDueJobs()
    const failed = await app.jobs.find('test.bank-call', key)
    expect(failed).toMatchObject({ status: 'failed', attempts: 2 })
    return job.id
  }

  const retry = (jobId: number | string, headers: Record<string, string>) =>
    app.server.inject({ method: 'POST', url: `/api/v1/admin/jobs/${jobId}/retry`, headers })

  const retriedEntries = async () =>
    app.audit.searchAudit({ action: 'job.retried' }, { limit: 100 })

  it('is for admins: support may not even read jobs, risk reads but may not retry', async () => {
    const jobId = await failedJob('order:roles')
    const support = await signInOperator(app, 'support')
    const risk = await signInOperator(app, 'risk')
    for (const auth of [support.auth, risk.auth]) {
      const refused = await retry(jobId, auth)
      expect(refused.statusCode, refused.body).toBe(403)
      expect(refused.json()).toMatchObject({
        code: 'FORBIDDEN',
        message: { zh: expect.any(String), en: expect.any(String) },
      })
    }
    const supportList = await app.server.inject({
      method: 'GET',
      url: '/api/v1/admin/jobs?status=failed',
      headers: support.auth,
    })
    expect(supportList.statusCode).toBe(403)
    const riskList = await app.server.inject({
      method: 'GET',
      url: '/api/v1/admin/jobs?status=failed',
      headers: risk.auth,
    })
    expect(riskList.statusCode).toBe(200)
    expect(riskList.json().jobs.map((job: { id: number }) => job.id)).toContain(jobId)
    expect(await app.jobs.find('test.bank-call', 'order:roles')).toMatchObject({
      status: 'failed',
    })
    expect(await retry(jobId, {}).then((response) => response.statusCode)).toBe(401)
  })

  it('puts a failed job back, due now with its attempts reset, and it runs to success', async () => {
    const jobId = await failedJob('order:fixed')
    const admin = await signInOperator(app, 'admin')
    const auditBefore = (await retriedEntries()).length
    app.clock.advanceMs(HOUR_MS)
    await app.jobs.runDueJobs() // the app's recurring jobs, due again an hour on
    const response = await retry(jobId, admin.auth)
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json()).toMatchObject({
      id: jobId,
      status: 'pending',
      runAtMs: app.clock.nowMs(),
      attempts: 0,
      maxAttempts: 2,
      finishedAtMs: null,
      lastErrorCode: 'BANK_UNAVAILABLE',
    })
    const entries = await retriedEntries()
    expect(entries).toHaveLength(auditBefore + 1)
    expect(entries[0]).toMatchObject({
      userId: null,
      actor: { kind: 'operator', id: admin.id },
      detail: {
        jobId,
        jobKind: 'test.bank-call',
        jobKey: 'order:fixed',
        errorCode: 'BANK_UNAVAILABLE',
      },
    })

    bankUp = true
    runs.length = 0
    const outcome = await app.jobs.runDueJobs()
    expect(outcome).toEqual({ succeeded: 1, failed: 0 })
    expect(runs).toEqual([1])
    expect(await app.jobs.find('test.bank-call', 'order:fixed')).toMatchObject({
      status: 'done',
      attempts: 1,
      finishedAtMs: app.clock.nowMs(),
    })
    // Done now: a second retry is refused, and nothing more is audited.
    const again = await retry(jobId, admin.auth)
    expect(again.statusCode).toBe(409)
    expect(again.json()).toMatchObject({ code: 'JOB_NOT_FAILED', details: { status: 'done' } })
    expect(await retriedEntries()).toHaveLength(auditBefore + 1)
  })

  it('gives the retried job its full attempts again: it fails only after both', async () => {
    const jobId = await failedJob('order:still-down')
    const admin = await signInOperator(app, 'admin')
    expect((await retry(jobId, admin.auth)).statusCode).toBe(200)
    await app.jobs.runDueJobs()
    expect(await app.jobs.find('test.bank-call', 'order:still-down')).toMatchObject({
      status: 'pending',
      attempts: 1,
    })
    app.clock.advanceMs(HOUR_MS)
    await app.jobs.runDueJobs()
    expect(await app.jobs.find('test.bank-call', 'order:still-down')).toMatchObject({
      status: 'failed',
      attempts: 2,
    })
  })

  it('takes the job once when two retries race: one 200, one 409', async () => {
    const jobId = await failedJob('order:race')
    const admin = await signInOperator(app, 'admin')
    const auditBefore = (await retriedEntries()).length
    const responses = await Promise.all([retry(jobId, admin.auth), retry(jobId, admin.auth)])
    const statuses = responses.map((response) => response.statusCode).sort()
    expect(statuses).toEqual([200, 409])
    const refused = responses.find((response) => response.statusCode === 409)
    expect(refused?.json()).toMatchObject({
      code: 'JOB_NOT_FAILED',
      details: { jobId, status: 'pending' },
    })
    expect(await retriedEntries()).toHaveLength(auditBefore + 1)
  })

  it('answers an unknown job with 404, a job that is not failed with 409, a bad id with 400', async () => {
    const admin = await signInOperator(app, 'admin')
    const unknown = await retry(987_654_321, admin.auth)
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json()).toMatchObject({ code: 'JOB_NOT_FOUND', details: { jobId: 987654321 } })
    const { job } = await app.jobs.schedule({
      kind: 'test.bank-call',
      key: 'order:later',
      runAtMs: app.clock.nowMs() + HOUR_MS,
    })
    const pending = await retry(job.id, admin.auth)
    expect(pending.statusCode).toBe(409)
    expect(pending.json()).toMatchObject({ code: 'JOB_NOT_FAILED', details: { status: 'pending' } })
    const recurring = await app.jobs.find('ledger.expire-pending', 'recurring')
    expect((await retry(recurring?.id ?? 0, admin.auth)).statusCode).toBe(409)
    for (const bad of ['abc', '0', '-1', '1.5', '99999999999999999999']) {
      const response = await retry(bad, admin.auth)
      expect(response.statusCode, bad).toBe(400)
      expect(response.json().code, bad).toBe('INVALID_REQUEST')
    }
  })
})
