import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../test-support/app.ts'
import { testDatabaseKind } from '../test-support/database.ts'
import { signIn, type SignedIn } from '../test-support/identity.ts'
import { FROZEN_ALLOWED_WRITES } from './auth.ts'

let app: TestApp
let frozen: SignedIn

const PHONE = '13800001234'

beforeAll(async () => {
  app = await createTestApp()
  const first = await signIn(app, PHONE)
  await app.identity.setStatusByOperator({
    userId: first.userId,
    status: 'frozen',
    reason: 'test',
    operatorId: 'test-operator',
  })
  frozen = await signIn(app, PHONE)
})

afterAll(async () => {
  await app.close()
})

/** Every non-GET user route the running app describes (operator routes have their own auth). */
async function userWriteRoutes(): Promise<{ method: string; url: string; pattern: string }[]> {
  const document = (await app.server.inject({ method: 'GET', url: '/openapi.json' })).json()
  const routes: { method: string; url: string; pattern: string }[] = []
  for (const [path, operations] of Object.entries(document.paths as Record<string, object>)) {
    if (path.startsWith('/api/v1/admin/') || !path.startsWith('/api/')) continue
    const pattern = path.replace(/\{(\w+)\}/g, ':$1')
    const url = path.replace(/\{\w+\}/g, 'x1')
    for (const method of Object.keys(operations)) {
      if (method !== 'get' && method !== 'head')
        routes.push({ method: method.toUpperCase(), url, pattern })
    }
  }
  return routes
}

describe(`a frozen account on ${testDatabaseKind()}`, () => {
  it('may only appeal and sign out; every other write answers ACCOUNT_FROZEN', async () => {
    const routes = await userWriteRoutes()
    expect(routes.length).toBeGreaterThan(10)
    const allowed: string[] = []
    for (const route of routes) {
      const key = `${route.method} ${route.pattern}`
      if (FROZEN_ALLOWED_WRITES.has(key)) {
        allowed.push(key)
        continue
      }
      const response = await app.server.inject({
        method: route.method as 'POST',
        url: route.url,
        headers: frozen.auth,
        payload: {},
      })
      expect(response.json().code, `${key}: ${response.body}`).toBe('ACCOUNT_FROZEN')
    }
    expect(allowed).toEqual(expect.arrayContaining(['POST /api/v1/me/appeals']))
  })

  it('still reads its own data and can sign out', async () => {
    const me = await app.server.inject({ method: 'GET', url: '/api/v1/me', headers: frozen.auth })
    expect(me.statusCode).toBe(200)
    const out = await app.server.inject({
      method: 'DELETE',
      url: '/api/v1/sessions/current',
      headers: frozen.auth,
    })
    expect(out.statusCode).toBeLessThan(300)
  })
})
