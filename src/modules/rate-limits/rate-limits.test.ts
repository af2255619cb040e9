/**
 * Sliding windows under parallel callers, on PGlite and PostgreSQL alike: exactly `limit` hits
 * of a burst are counted, a slot frees when the oldest counted hit leaves the window, a
 * multi-window claim is all or nothing, and a reset empties the window.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ManualClock } from '../../adapters/clock/index.ts'
import type { DatabaseHandle } from '../../adapters/db/index.ts'
import { openTestDatabase, testDatabaseKind } from '../../test-support/database.ts'
import { createRateLimits, RateLimitedError, type RateLimits } from './index.ts'

const MINUTE_MS = 60_000
let database: DatabaseHandle
let clock: ManualClock
let rateLimits: RateLimits

beforeAll(async () => {
  database = await openTestDatabase()
  clock = new ManualClock()
  rateLimits = createRateLimits({ db: database.db, clock })
})

afterAll(async () => {
  await database.close()
})

async function burst(count: number, claims: Parameters<RateLimits['claim']>[0]) {
  const results = await Promise.allSettled(
    Array.from({ length: count }, () => rateLimits.claim(claims)),
  )
  const refused = results.filter((result) => result.status === 'rejected')
  for (const refusal of refused) expect(refusal.reason).toBeInstanceOf(RateLimitedError)
  return { passed: count - refused.length, refused: refused.map((r) => r.reason) }
}

describe(`rate-limit windows on ${testDatabaseKind()}`, () => {
  it('counts exactly the limit of 60 parallel hits, then reopens after the window', async () => {
    const claim = { key: 'test:burst', limit: 5, windowMs: MINUTE_MS, name: 'burst' }
    const { passed, refused } = await burst(60, [claim])
    expect(passed).toBe(5)
    expect(refused[0]).toMatchObject({ limitName: 'burst', retryAfterMs: MINUTE_MS })
    clock.advanceMs(MINUTE_MS - 1)
    expect((await burst(3, [claim])).passed).toBe(0)
    clock.advanceMs(1)
    expect((await burst(60, [claim])).passed).toBe(5)
  })

  it('slides: a slot frees when the oldest hit that counts leaves the window', async () => {
    const claim = { key: 'test:slide', limit: 5, windowMs: MINUTE_MS, name: 'slide' }
    expect((await burst(3, [claim])).passed).toBe(3)
    clock.advanceMs(MINUTE_MS / 2)
    expect((await burst(10, [claim])).passed).toBe(2)
    clock.advanceMs(MINUTE_MS / 2)
    const { passed, refused } = await burst(10, [claim])
    expect(passed).toBe(3)
    expect(refused[0]).toMatchObject({ retryAfterMs: MINUTE_MS / 2 })
    // Hits that left the window are gone: the key holds only the 5 that count.
    const rows = await database.db
      .selectFrom('rate_limit_hits')
      .select('id')
      .where('key', '=', claim.key)
      .execute()
    expect(rows).toHaveLength(5)
  })

  it('claims several windows all or nothing', async () => {
    const wide = { key: 'test:wide', limit: 10, windowMs: MINUTE_MS, name: 'wide' }
    const narrow = { key: 'test:narrow', limit: 3, windowMs: MINUTE_MS, name: 'narrow' }
    expect((await burst(20, [wide, narrow])).passed).toBe(3)
    // The refused claims counted nothing on the wide window: 7 of its 10 are left.
    expect((await burst(20, [wide])).passed).toBe(7)
  })

  it('reopens a window that is reset', async () => {
    const claim = { key: 'test:reset', limit: 1, windowMs: MINUTE_MS, name: 'reset' }
    expect((await burst(5, [claim])).passed).toBe(1)
    await rateLimits.reset(claim.key)
    expect((await burst(5, [claim])).passed).toBe(1)
  })

  it('forgets idle keys, and a claim racing the prune still counts exactly', async () => {
    const DAY_MS = 24 * 3600_000
    const idle = { key: 'test:idle', limit: 5, windowMs: MINUTE_MS, name: 'idle' }
    const busy = { key: 'test:busy', limit: 5, windowMs: MINUTE_MS, name: 'busy' }
    expect((await burst(3, [idle])).passed).toBe(3)
    clock.advanceMs(2 * DAY_MS)
    expect((await burst(1, [busy])).passed).toBe(1)
    const keyRows = (key: string) =>
      database.db.selectFrom('rate_limit_keys').select('key').where('key', '=', key).execute()
    const hitRows = (key: string) =>
      database.db.selectFrom('rate_limit_hits').select('id').where('key', '=', key).execute()
    // Every key idle for two days goes (the earlier tests' too), the busy one stays.
    expect(await rateLimits.pruneIdle(2 * DAY_MS - 1)).toBeGreaterThanOrEqual(1)
    expect(await keyRows(idle.key)).toHaveLength(0)
    expect(await hitRows(idle.key)).toHaveLength(0)
    expect(await keyRows(busy.key)).toHaveLength(1)
    // An idle key pruned while 60 claims arrive: no claim fails for a vanished row, 5 pass.
    const racing = { key: 'test:racing', limit: 5, windowMs: MINUTE_MS, name: 'racing' }
    expect((await burst(1, [racing])).passed).toBe(1)
    clock.advanceMs(2 * DAY_MS)
    const [, { passed }] = await Promise.all([rateLimits.pruneIdle(DAY_MS), burst(60, [racing])])
    expect(passed).toBe(5)
    expect(await hitRows(racing.key)).toHaveLength(5)
  })
})
