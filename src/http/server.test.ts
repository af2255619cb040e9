import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../test-support/app.ts'
import { testDatabaseKind } from '../test-support/database.ts'

let app: TestApp

beforeAll(async () => {
  app = await createTestApp()
})

afterAll(async () => {
  await app.close()
})

describe(`HTTP server on ${testDatabaseKind()}`, () => {
  it('answers /healthz and /readyz with the database kind and migrations', async () => {
    const health = await app.server.inject({ method: 'GET', url: '/healthz' })
    expect(health.json()).toEqual({ status: 'ok' })
    const ready = await app.server.inject({ method: 'GET', url: '/readyz' })
    expect(ready.statusCode).toBe(200)
    expect(ready.json()).toMatchObject({
      status: 'ready',
      database: testDatabaseKind(),
      pendingMigrations: [],
    })
    expect(ready.json().migrations).toBeGreaterThanOrEqual(1)
  })

  it('reports not ready when the database is gone', async () => {
    const broken = await createTestApp()
    await broken.database.close()
    const ready = await broken.server.inject({ method: 'GET', url: '/readyz' })
    expect(ready.statusCode).toBe(503)
    expect(ready.json().status).toBe('not_ready')
    await broken.server.close()
  })

  it('describes every public route in /openapi.json', async () => {
    const response = await app.server.inject({ method: 'GET', url: '/openapi.json' })
    const document = response.json()
    expect(document.openapi).toBe('3.0.3')
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/healthz', '/readyz']))
    for (const path of Object.keys(document.paths)) expect(path).not.toMatch(/\*/)
  })

  it('exports Prometheus metrics including HTTP and ledger series', async () => {
    await app.server.inject({ method: 'GET', url: '/healthz' })
    const response = await app.server.inject({ method: 'GET', url: '/metrics' })
    expect(response.headers['content-type']).toMatch(/text\/plain/)
    expect(response.body).toMatch(
      /lingqian_http_requests_total\{method="GET",route="\/healthz",status="200"\} \d+/,
    )
    expect(response.body).toMatch(/lingqian_ledger_batch_transfers_bucket/)
    expect(response.body).toMatch(/# TYPE lingqian_ledger_batches_total counter/)
    expect(response.body).toMatch(/lingqian_process_cpu_seconds_total/)
  })

  it('answers unknown routes and malformed bodies with a stable code, never a 500', async () => {
    const missing = await app.server.inject({
      method: 'GET',
      url: '/api/v1/nope',
      headers: { accept: 'application/json' },
    })
    expect(missing.statusCode).toBe(404)
    expect(missing.json()).toMatchObject({
      code: 'NOT_FOUND',
      message: { zh: expect.any(String), en: 'Not found' },
    })
    const malformed = await app.server.inject({
      method: 'POST',
      url: '/healthz',
      headers: { 'content-type': 'application/json' },
      payload: '{"broken":',
    })
    expect(malformed.statusCode).toBeLessThan(500)
  })

  it('echoes a request id and writes it on every request log line, with secrets redacted', async () => {
    const response = await app.server.inject({
      method: 'GET',
      url: '/healthz',
      headers: {
        'x-request-id': 'req-test-42',
        authorization: 'Bearer very-secret-token',
        cookie: 'lq_session=abc',
      },
    })
    expect(response.headers['x-request-id']).toBe('req-test-42')
    const lines = app.logLines().filter((line) => line.requestId === 'req-test-42')
    expect(lines.length).toBeGreaterThanOrEqual(2)
    const text = JSON.stringify(app.logLines())
    expect(text).not.toContain('very-secret-token')
    expect(text).not.toContain('lq_session=abc')
    // An unsafe incoming id is replaced, not logged.
    const unsafe = await app.server.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': 'x'.repeat(300) },
    })
    expect(unsafe.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)
  })
})
