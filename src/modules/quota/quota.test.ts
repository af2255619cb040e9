/**
 * The quota primitive under parallel callers, on PGlite and PostgreSQL alike: exactly the
 * allowed amount is ever claimed, a multi-counter claim is all or nothing, a replayed claim
 * counts once and a release gives back exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ManualClock } from '../../adapters/clock/index.ts'
import type { DatabaseHandle } from '../../adapters/db/index.ts'
import { openTestDatabase, testDatabaseKind } from '../../test-support/database.ts'
import { createQuota, type Quota, QuotaExceededError } from './index.ts'

let database: DatabaseHandle
let quota: Quota
let sequence = 0

const fresh = (name: string) => `test:${name}:${++sequence}`

beforeAll(async () => {
  database = await openTestDatabase()
  quota = createQuota({ db: database.db, clock: new ManualClock() })
})

afterAll(async () => {
  await database.close()
})

async function settled<T>(work: Promise<T>[]) {
  const results = await Promise.allSettled(work)
  const refusals = results.filter((result) => result.status === 'rejected')
  for (const refusal of refusals) expect(refusal.reason).toBeInstanceOf(QuotaExceededError)
  const values = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []))
  return { values, refusedCount: refusals.length }
}

async function usedOf(key: string): Promise<number> {
  return (await quota.used([key])).get(key) ?? -1
}

describe(`quota counters on ${testDatabaseKind()}`, () => {
  it('100 parallel claims of 7 against 500: exactly 71 pass', async () => {
    const counterKey = fresh('all')
    const { values, refusedCount } = await settled(
      Array.from({ length: 100 }, (_, index) =>
        quota.claim([{ claimId: `${counterKey}:${index}`, counterKey, amount: 7, limit: 500 }]),
      ),
    )
    expect(values).toHaveLength(71)
    expect(refusedCount).toBe(29)
    expect(await usedOf(counterKey)).toBe(497)
  })

  it('partial claims share what is left exactly: 60 × 30 against 1,000', async () => {
    const counterKey = fresh('partial')
    const claims = await Promise.all(
      Array.from({ length: 60 }, (_, index) =>
        quota.claim([
          {
            claimId: `${counterKey}:${index}`,
            counterKey,
            amount: 30,
            limit: 1_000,
            partial: true,
          },
        ]),
      ),
    )
    const granted = claims.map(([claim]) => claim!.claimed).sort((a, b) => b - a)
    expect(granted.reduce((sum, each) => sum + each, 0)).toBe(1_000)
    expect(granted.slice(0, 34)).toEqual([...Array(33).fill(30), 10])
    expect(granted.slice(34).every((each) => each === 0)).toBe(true)
    // usedBefore + claimed chain up: each claim saw exactly what the earlier ones held.
    const befores = claims.map(([claim]) => claim!.usedBefore).sort((a, b) => a - b)
    expect(new Set(befores.slice(0, 34)).size).toBe(34)
    expect(await usedOf(counterKey)).toBe(1_000)
  })

  it('a claim on two counters is all or nothing, also in parallel', async () => {
    const year = fresh('year')
    const ever = fresh('ever')
    const { values, refusedCount } = await settled(
      Array.from({ length: 50 }, (_, index) =>
        quota.claim([
          { claimId: `${year}:${index}`, counterKey: year, amount: 10, limit: 1_000 },
          { claimId: `${ever}:${index}`, counterKey: ever, amount: 10, limit: 200 },
        ]),
      ),
    )
    expect(values).toHaveLength(20)
    expect(refusedCount).toBe(30)
    expect(await usedOf(year)).toBe(200)
    expect(await usedOf(ever)).toBe(200)
    const refusal = await quota
      .claim([{ claimId: fresh('late'), counterKey: ever, amount: 1, limit: 200 }])
      .catch((error: unknown) => error)
    expect(refusal).toMatchObject({ counterKey: ever, used: 200, limit: 200, requested: 1 })
  })

  it('a refusal on a later counter gives back the earlier one; the caller’s transaction goes on', async () => {
    const roomy = `a-${fresh('roomy')}`
    const full = `b-${fresh('full')}`
    await quota.claim([{ claimId: `${full}:fill`, counterKey: full, amount: 5, limit: 5 }])
    const claimBoth = (executor?: Parameters<typeof quota.claim>[1]) =>
      quota.claim(
        [
          { claimId: `${roomy}:1`, counterKey: roomy, amount: 3, limit: 100 },
          { claimId: `${full}:1`, counterKey: full, amount: 1, limit: 5 },
        ],
        executor,
      )
    // Alone (one statement, no transaction of its own): nothing stays claimed on either counter.
    await expect(claimBoth()).rejects.toMatchObject({ counterKey: full, used: 5, limit: 5 })
    expect(await usedOf(roomy)).toBe(0)
    // Inside the caller's transaction: refused, and the transaction can still do its work.
    const after = await database.db.transaction().execute(async (trx) => {
      await expect(claimBoth(trx)).rejects.toMatchObject({ counterKey: full })
      return quota.claim([{ claimId: `${roomy}:2`, counterKey: roomy, amount: 4, limit: 100 }], trx)
    })
    expect(after[0]).toMatchObject({ claimed: 4, usedBefore: 0 })
    expect(await usedOf(roomy)).toBe(4)
  })

  it('a replayed claim id counts once, even 20 replays at once', async () => {
    const counterKey = fresh('replay')
    const claimId = `${counterKey}:op`
    const claims = await Promise.all(
      Array.from({ length: 20 }, () =>
        quota.claim([{ claimId, counterKey, amount: 5, limit: 50 }]),
      ),
    )
    expect(claims.every(([claim]) => claim!.claimed === 5 && claim!.usedBefore === 0)).toBe(true)
    expect(await usedOf(counterKey)).toBe(5)
  })

  it('a release gives back exactly once, even 20 releases at once', async () => {
    const counterKey = fresh('release')
    await quota.claim([{ claimId: `${counterKey}:a`, counterKey, amount: 30, limit: 50 }])
    await quota.claim([{ claimId: `${counterKey}:b`, counterKey, amount: 20, limit: 50 }])
    const released = await Promise.all(
      Array.from({ length: 20 }, () => quota.release([`${counterKey}:a`])),
    )
    expect(released.reduce((sum, each) => sum + each, 0)).toBe(30)
    expect(await usedOf(counterKey)).toBe(20)
    expect(await quota.release([`${counterKey}:a`, 'never-claimed'])).toBe(0)
    // The room is there again for a new claim.
    await quota.claim([{ claimId: `${counterKey}:c`, counterKey, amount: 30, limit: 50 }])
    expect(await usedOf(counterKey)).toBe(50)
  })

  it('claims inside the caller’s transaction roll back with it', async () => {
    const counterKey = fresh('rollback')
    const failure = await database.db
      .transaction()
      .execute(async (trx) => {
        await quota.claim([{ claimId: `${counterKey}:x`, counterKey, amount: 9, limit: 10 }], trx)
        throw new Error('the caller’s own work failed')
      })
      .catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(Error)
    expect(await usedOf(counterKey)).toBe(0)
    await quota.claim([{ claimId: `${counterKey}:x`, counterKey, amount: 9, limit: 10 }])
    expect(await usedOf(counterKey)).toBe(9)
  })
})
