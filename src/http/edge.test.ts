import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../test-support/app.ts'
import { testDatabaseKind } from '../test-support/database.ts'
import { loadConfig } from '../config.ts'
import { databaseErrorCode, handleError } from './errors.ts'

let app: TestApp

beforeAll(async () => {
  app = await createTestApp()
})

afterAll(async () => {
  await app.close()
})

function expectEnvelope(body: unknown): void {
  expect(body).toMatchObject({
    code: expect.any(String),
    message: { zh: expect.any(String), en: expect.any(String) },
  })
}

describe(`the edge on ${testDatabaseKind()}`, () => {
  it.each([
    ['NUL in a JSON body', { phone: '138\u00000000000' }],
    ['a lone surrogate in a JSON body', { phone: '138\uD800' }],
    ['a lone low surrogate in a nested key', { nested: { ['\uDC00']: 1 } }],
  ])('refuses %s with 400 INVALID_REQUEST', async (_name, payload) => {
    const response = await app.server.inject({
      method: 'POST',
      url: '/api/v1/sms-codes',
      payload,
    })
    expect(response.statusCode).toBe(400)
    expect(response.json().code).toBe('INVALID_REQUEST')
  })

  it.each([
    ['NUL in a query string', '/api/v1/dev/sms?phone=%00'],
    ['invalid percent-encoded UTF-8 in a query string', '/api/v1/dev/sms?phone=%C3%28'],
    ['a lone surrogate in a query string', '/api/v1/dev/sms?phone=%ED%A0%80'],
  ])('refuses %s without a 5xx', async (_name, url) => {
    const response = await app.server.inject({ method: 'GET', url })
    expect(response.statusCode).toBeLessThan(500)
    expectEnvelope(response.json())
  })

  it.each([
    ['%zz in a path', '/api/v1/me/cards/%zz'],
    ['a path parameter over 100 characters', `/api/v1/me/cards/${'a'.repeat(150)}`],
    ['an unknown route', '/api/v1/nothing-here'],
  ])('answers %s in the envelope, never 500', async (_name, url) => {
    const response = await app.server.inject({ method: 'GET', url })
    expect(response.statusCode).toBeGreaterThanOrEqual(400)
    expect(response.statusCode).toBeLessThan(500)
    expectEnvelope(response.json())
  })

  it.each([
    ['bad JSON', '{"phone":', 'application/json'],
    ['an unsupported media type', 'phone=1', 'text/csv'],
    ['a body over the limit', JSON.stringify({ phone: 'x'.repeat(2_000_000) }), 'application/json'],
  ])('answers %s in the envelope', async (_name, payload, contentType) => {
    const response = await app.server.inject({
      method: 'POST',
      url: '/api/v1/sms-codes',
      payload,
      headers: { 'content-type': contentType },
    })
    expect(response.statusCode).toBeGreaterThanOrEqual(400)
    expect(response.statusCode).toBeLessThan(500)
    expectEnvelope(response.json())
  })

  it('refuses a cookie-authenticated write from another origin with 403', async () => {
    const write = (origin: string) =>
      app.server.inject({
        method: 'DELETE',
        url: '/api/v1/sessions/current',
        headers: { cookie: 'lq_session=abc', origin, host: 'wallet.example' },
      })
    const cross = await write('https://evil.example')
    expect(cross.statusCode).toBe(403)
    expect(cross.json()).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'origin' } })
    const same = await write('https://wallet.example')
    expect(same.statusCode).not.toBe(403)
  })

  it('marks cookies Secure unless the server is on loopback or told otherwise', () => {
    expect(loadConfig({}).cookieSecure).toBe(false)
    expect(loadConfig({ HOST: '0.0.0.0' }).cookieSecure).toBe(true)
    expect(loadConfig({ HOST: '0.0.0.0', LQ_COOKIE_SECURE: '0' }).cookieSecure).toBe(false)
    expect(loadConfig({ LQ_COOKIE_SECURE: '1' }).cookieSecure).toBe(true)
  })

  it('logs the route pattern, never the raw URL with its query', async () => {
    await app.server.inject({ method: 'GET', url: '/api/v1/dev/sms?phone=13912345678' })
    await app.server.inject({ method: 'GET', url: '/nothing?phone=13912345679' })
    const lines = JSON.stringify(app.logLines())
    expect(lines).toContain('/api/v1/dev/sms')
    expect(lines).not.toContain('1391234567')
  })

  it('sends the browser security headers and no-store on API responses', async () => {
    const response = await app.server.inject({ method: 'GET', url: '/healthz' })
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'")
    expect(response.headers['x-frame-options']).toBe('DENY')
    expect(response.headers['x-content-type-options']).toBe('nosniff')
    expect(response.headers['referrer-policy']).toBe('no-referrer')
    expect(response.headers['cache-control']).toBe('no-store')
    const missing = await app.server.inject({ method: 'GET', url: '/api/v1/nothing' })
    expect(missing.headers['x-frame-options']).toBe('DENY')
  })

  it('serves /metrics and the dev outbox to loopback only', async () => {
    const local = await app.server.inject({ method: 'GET', url: '/metrics' })
    expect(local.statusCode).toBe(200)
    const remote = await app.server.inject({
      method: 'GET',
      url: '/metrics',
      remoteAddress: '203.0.113.9',
    })
    expect(remote.statusCode).toBe(403)
    expectEnvelope(remote.json())
    const outbox = await app.server.inject({
      method: 'GET',
      url: '/api/v1/dev/sms',
      remoteAddress: '203.0.113.9',
    })
    expect(outbox.statusCode).toBe(404)
  })

  it('turns a database data exception into 400 and logs no parameters', async () => {
    const failure = await app.database.db
      .selectNoFrom((eb) => eb.cast(eb.val('2026-13-45 secret'), 'date').as('d'))
      .execute()
      .then(
        () => undefined,
        (error: unknown) => error,
      )
    expect(databaseErrorCode(failure)?.startsWith('22')).toBe(true)
    let status = 0
    let sent: unknown
    const logged: unknown[] = []
    const reply = {
      status(code: number) {
        status = code
        return this
      },
      send(body: unknown) {
        sent = body
        return this
      },
    }
    const request = { log: { error: (entry: unknown) => logged.push(entry) }, routeOptions: {} }
    handleError(failure as Error, request as never, reply as never)
    expect(status).toBe(400)
    expect((sent as { code: string }).code).toBe('INVALID_REQUEST')
    expect(JSON.stringify(logged)).not.toContain('secret')
  })
})
