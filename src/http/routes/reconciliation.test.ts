/**
 * The reconciliation report over HTTP when the bank cannot be asked (a 503, never a 500), and a
 * day that has not begun in Shanghai (a 400, not an empty "all matched" report).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signInOperator } from '../../test-support/operators.ts'
import { createTestApp, type TestApp } from '../../test-support/app.ts'

let app: TestApp

beforeAll(async () => {
  // The test app's bank is 127.0.0.1:9, where nothing listens.
  app = await createTestApp()
})

afterAll(() => app.close())

describe('GET /api/v1/admin/reconciliation', () => {
  it('answers BANK_UNAVAILABLE when the bank is unreachable', async () => {
    const operator = await signInOperator(app, 'admin')
    const response = await app.server.inject({
      method: 'GET',
      url: '/api/v1/admin/reconciliation?date=2026-01-05',
      headers: operator.auth,
    })
    expect(response.statusCode).toBe(503)
    expect(response.json().code).toBe('BANK_UNAVAILABLE')
  })

  it('refuses a date after today in Shanghai, naming the field', async () => {
    const operator = await signInOperator(app, 'admin')
    // The clock starts at 2026-01-05 10:00 Shanghai.
    const response = await app.server.inject({
      method: 'GET',
      url: '/api/v1/admin/reconciliation?date=2026-01-06',
      headers: operator.auth,
    })
    expect(response.statusCode).toBe(400)
    const body = response.json()
    expect(body.code).toBe('RECONCILIATION_DATE_IN_FUTURE')
    expect(body.message.zh).toContain('不能晚于今天')
    expect(body.details).toMatchObject({
      date: '2026-01-06',
      today: '2026-01-05',
      fields: ['/date'],
    })
  })

  it('takes today by the Shanghai calendar, not UTC', async () => {
    // 2026-01-05 16:30 UTC is already 2026-01-06 00:30 in Shanghai: the 6th is today, so the
    // request reaches the bank (unreachable here) instead of being refused as the future.
    app.clock.setMs(Date.UTC(2026, 0, 5, 16, 30))
    const operator = await signInOperator(app, 'admin')
    const response = await app.server.inject({
      method: 'GET',
      url: '/api/v1/admin/reconciliation?date=2026-01-06',
      headers: operator.auth,
    })
    expect(response.statusCode).toBe(503)
    expect(response.json().code).toBe('BANK_UNAVAILABLE')
  })
})
