/**
 * Migration 0011 upgrades a database in place: an operator locked (or part-way to a lock) under
 * the old per-operator columns stays so under the per-username attempts table.
 */
import { sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { ManualClock } from '../../adapters/clock/index.ts'
import {
  type DatabaseHandle,
  loadMigrations,
  migrate,
  openPglite,
  openPostgres,
} from '../../adapters/db/index.ts'
import { createScratchDatabase, testDatabaseKind } from '../../test-support/database.ts'
import { createAuditLog } from '../audit/index.ts'
import type { IdentityService } from '../identity/index.ts'
import { createOpsService } from './index.ts'

const PASSWORD = 'correct-horse-battery'
const cleanups: (() => Promise<void>)[] = []

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup()
})

/** An empty database, not migrated (the test template is migrated already). */
async function openEmptyDatabase(): Promise<DatabaseHandle> {
  const url = process.env.DATABASE_URL
  if (url === undefined) return openPglite({})
  const { url: scratchUrl, drop } = await createScratchDatabase(url, 'lq_upgrade_ops')
  cleanups.push(drop)
  return openPostgres({ connectionString: scratchUrl, poolMax: 4 })
}

describe(`migration 0011 on ${testDatabaseKind()}`, () => {
  it('carries operator locks and counts over to credential_attempts', async () => {
    const database = await openEmptyDatabase()
    cleanups.push(() => database.close())
    const before = loadMigrations().filter((m) => m.version < '0011')
    await migrate(database, before, [])
    const clock = new ManualClock()
    const ops = createOpsService({
      db: database.db,
      clock,
      audit: createAuditLog(database.db, clock),
      identity: {} as IdentityService,
    })
    for (const username of ['old.locked', 'old.counted']) {
      await ops.ensureOperator({
        username,
        displayName: username,
        password: PASSWORD,
        role: 'admin',
      })
    }
    // What the code before 0011 wrote: a lock, and 4 misses in a row.
    const unlockAtMs = clock.nowMs() + 600_000
    await sql`update operators set locked_until = ${new Date(unlockAtMs)}
      where username = 'old.locked'`.execute(database.db)
    await sql`update operators set failed_attempts = 4
      where username = 'old.counted'`.execute(database.db)
    expect(await migrate(database)).toContain('0011_attempt_limits')
    await expect(ops.signIn({ username: 'old.locked', password: PASSWORD })).rejects.toMatchObject({
      code: 'OPERATOR_LOCKED',
      details: { unlockAtMs },
    })
    const fifthMiss = ops.signIn({ username: 'old.counted', password: 'wrong-password' })
    await expect(fifthMiss).rejects.toMatchObject({ code: 'OPERATOR_LOCKED' })
  })
})
