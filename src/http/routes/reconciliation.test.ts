/** The reconciliation report over HTTP when the bank cannot be asked: a 503, never a 500. */
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
})
