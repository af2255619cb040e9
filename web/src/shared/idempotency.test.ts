import { describe, expect, it } from 'vitest'
import { newIdempotencyKey } from './idempotency'

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe('newIdempotencyKey', () => {
  it('is a UUID v4, different every time', () => {
    const keys = new Set(Array.from({ length: 50 }, () => newIdempotencyKey()))
    expect(keys.size).toBe(50)
    for (const key of keys) expect(key).toMatch(UUID_V4)
  })

  it('builds one from getRandomValues where randomUUID is missing (plain http)', () => {
    const key = newIdempotencyKey({ getRandomValues: (array) => crypto.getRandomValues(array) })
    expect(key).toMatch(UUID_V4)
  })
})
