/** The demo seed's own actions are the system's in the audit log, not a missing operator's. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../test-support/app.ts'
import { signInOperator } from '../test-support/operators.ts'
import { seedDemoData } from './demo.ts'

const FROZEN_PHONE = '13800000003'

let app: TestApp

beforeAll(async () => {
  app = await createTestApp()
})

afterAll(() => app.close())

describe('seedDemoData', () => {
  it('freezes the demo account once, as the system', async () => {
    await seedDemoData(app)
    await seedDemoData(app)
    const operator = await signInOperator(app, 'admin', 'seed-reader')
    const response = await app.server.inject({
      method: 'GET',
      url: `/api/v1/admin/audit?user=${FROZEN_PHONE}&action=account.frozen`,
      headers: operator.auth,
    })
    expect(response.statusCode, response.body).toBe(200)
    const { entries, operators } = response.json()
    expect(entries).toHaveLength(1)
    expect(entries[0].actor).toEqual({ kind: 'system', id: 'demo-seed' })
    expect(operators).toEqual([])
  })

  it('gives the café a static code and the shop an order, the same ones on a re-run', async () => {
    const first = await seedDemoData(app)
    const again = await seedDemoData(app)
    expect(again).toEqual(first)
    expect(first.join('\n')).toMatch(/\/pay\/m\/[\w-]{8,}/)
    expect(first.join('\n')).toMatch(/\/pay\/o\/[\w-]{16,}/)
  })
})
