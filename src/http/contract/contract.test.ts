/** The contract as /openapi.json publishes it: every integer anywhere is bounded both ways. */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../test-support/app.ts'

let app: TestApp

beforeAll(async () => {
  app = await createTestApp()
})

afterAll(async () => {
  await app.close()
})

/** JSON paths of every `type: integer` schema missing a minimum or a maximum. */
function unboundedIntegers(node: unknown, path: string, found: string[], depth = 0): string[] {
  expect(depth).toBeLessThan(64)
  if (Array.isArray(node)) {
    node.forEach((item, index) => unboundedIntegers(item, `${path}/${index}`, found, depth + 1))
  } else if (typeof node === 'object' && node !== null) {
    const record = node as Record<string, unknown>
    if (record.type === 'integer' && (record.minimum === undefined || record.maximum === undefined))
      found.push(path)
    for (const [key, value] of Object.entries(record))
      unboundedIntegers(value, `${path}/${key}`, found, depth + 1)
  }
  return found
}

it('bounds every integer in every request and response schema', async () => {
  const document = (await app.server.inject({ method: 'GET', url: '/openapi.json' })).json()
  const integers = JSON.stringify(document).match(/"type":"integer"/g) ?? []
  expect(integers.length).toBeGreaterThan(40)
  expect(unboundedIntegers(document, '', [])).toEqual([])
})

it('names the error registry codes in the error body', async () => {
  const document = (await app.server.inject({ method: 'GET', url: '/openapi.json' })).json()
  const text = JSON.stringify(document)
  expect(text).toContain('"INVALID_REQUEST"')
  expect(text).toContain('"SECOND_FACTOR_REQUIRED"')
})
