import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, TEST_DATA_KEY, type TestApp } from '../../test-support/app.ts'
import { testDatabaseKind } from '../../test-support/database.ts'
import { signIn } from '../../test-support/identity.ts'
import { dataKeyFingerprint } from './index.ts'

let first: TestApp

beforeAll(async () => {
  first = await createTestApp()
})

afterAll(async () => {
  await first.close()
})

describe(`two processes on one ${testDatabaseKind()} database`, () => {
  it('refuses to start a second process with another data key, naming both fingerprints', async () => {
    const otherKey = Buffer.alloc(32, 9)
    const started = createTestApp({ database: first.database, dataKey: otherKey })
    await expect(started).rejects.toThrow(
      `the database expects data key fingerprint ${dataKeyFingerprint(TEST_DATA_KEY)}, ` +
        `this process has ${dataKeyFingerprint(otherKey)}. Set LQ_DATA_KEY`,
    )
  })

  it('serves the same user from two processes with the same key', async () => {
    const second = await createTestApp({ database: first.database, clock: first.clock })
    const user = await signIn(first, '13800005678')
    const me = await second.server.inject({ method: 'GET', url: '/api/v1/me', headers: user.auth })
    expect(me.statusCode, me.body).toBe(200)
    expect(me.json().id).toBe(user.userId)
    await second.server.close()
  })

  it('never stores the key itself', () => {
    expect(dataKeyFingerprint(TEST_DATA_KEY)).not.toContain(TEST_DATA_KEY.toString('hex'))
    expect(dataKeyFingerprint(TEST_DATA_KEY)).toMatch(/^[0-9a-f]{64}$/)
  })
})
