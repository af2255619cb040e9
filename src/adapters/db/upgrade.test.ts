/**
 * An existing database upgrades in place: a database made by each earlier release (its schema is
 * the numbered migrations it shipped, which are never edited; its rows written through that
 * schema's own SQL functions) is migrated by today's code, keeps every balance and row, passes
 * the ledger check, and serves the app. Add a line to RELEASES when a release ships.
 */
import { sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { ManualClock } from '../clock/index.ts'
import { createLedger } from '../../modules/ledger/index.ts'
import { createTestApp } from '../../test-support/app.ts'
import { testDatabaseKind } from '../../test-support/database.ts'
import {
  createScratchDatabase,
  type DatabaseHandle,
  loadMigrations,
  loadRepeatableMigrations,
  migrate,
  migrationsPending,
  openPglite,
  openPostgres,
} from './index.ts'

/** Each release and the last numbered migration it shipped. */
const RELEASES = [
  { name: '0.1.0', lastMigration: '0004_ledger_set_batch' },
  // Landed with the data-key fingerprint and the quota counters, before the job runner.
  { name: '0.2.0', lastMigration: '0009_quota_counters' },
  // Landed with the job runner, attempt limits and merchants (stop 16), before payments.
  { name: '0.3.0', lastMigration: '0017_merchants' },
  // Landed with payments, refunds, settlement, coupons, chat, transfers, red packets and the v3
  // merchant credentials (stop 17).
  { name: '0.4.0', lastMigration: '0028_merchant_api' },
]

const opened: DatabaseHandle[] = []

afterEach(async () => {
  for (const handle of opened.splice(0)) await handle.close()
})

/** An empty database, not migrated (the test template is migrated already). */
async function openEmptyDatabase(): Promise<DatabaseHandle> {
  const url = process.env.DATABASE_URL
  if (testDatabaseKind() === 'pglite' || url === undefined) return openPglite({})
  const { url: scratchUrl, drop } = await createScratchDatabase(url, 'lq_upgrade')
  const handle = await openPostgres({ connectionString: scratchUrl, poolMax: 4 })
  return {
    ...handle,
    async close() {
      await handle.close()
      await drop()
    },
  }
}

/** What a user of the release left behind: accounts, posted and pending money, a user row. */
async function writeReleaseRows(handle: DatabaseHandle, clock: ManualClock) {
  const ledger = createLedger({ database: handle, clock })
  const clearing = await ledger.openAccount({
    ownerKind: 'platform',
    ownerId: 'platform',
    purpose: 'bank_clearing:icbc',
    currency: 'CNY',
  })
  const balance = await ledger.openAccount({
    ownerKind: 'user',
    ownerId: 'u_0000000000000001',
    purpose: 'balance',
    currency: 'CNY',
    debitsMustNotExceedCredits: true,
  })
  const legs = (amountFen: number) => [
    { debitAccountId: clearing.id, creditAccountId: balance.id, amountFen },
  ]
  await ledger.createTransfer({
    kind: 'posted',
    idempotencyKey: 'r-1',
    code: 'TOPUP',
    legs: legs(50_000),
  })
  await ledger.createTransfers(
    Array.from({ length: 40 }, (_, index) => ({
      kind: 'posted' as const,
      idempotencyKey: `r-batch-${index}`,
      code: 'TOPUP',
      legs: legs(100 + index),
    })),
  )
  await ledger.createTransfer({
    kind: 'pending',
    idempotencyKey: 'r-hold',
    code: 'WITHDRAW',
    timeoutMs: 3_600_000,
    legs: [{ debitAccountId: balance.id, creditAccountId: clearing.id, amountFen: 7_000 }],
  })
  await sql`INSERT INTO users (id, phone, created_at) VALUES ('u_0000000000000001', '13800000001', now())`.execute(
    handle.db,
  )
  return { clearingId: clearing.id, balanceId: balance.id }
}

describe.each(RELEASES)('a database made by release $name', (release) => {
  it('upgrades in place on the next start, keeping every row and balance', async () => {
    const handle = await openEmptyDatabase()
    opened.push(handle)
    const clock = new ManualClock()
    const shipped = loadMigrations().filter((m) => m.version <= release.lastMigration)
    expect(shipped.length).toBeGreaterThan(0)
    await migrate(handle, shipped, [])
    const { clearingId, balanceId } = await writeReleaseRows(handle, clock)

    const before = await createLedger({ database: handle, clock }).getBalance(balanceId)
    expect((await migrationsPending(handle)).length).toBeGreaterThan(0)
    const applied = await migrate(handle)
    const newer = loadMigrations().filter((m) => m.version > release.lastMigration)
    const expected = [
      ...newer.map((m) => m.version),
      ...loadRepeatableMigrations().map((m) => `functions/${m.version}`),
    ]
    expect(applied).toEqual(expected)
    expect(await migrationsPending(handle)).toEqual([])

    const ledger = createLedger({ database: handle, clock })
    expect(await ledger.getBalance(balanceId)).toEqual(before)
    const report = await ledger.check()
    expect(report.problems).toEqual([])
    expect(report.stats.transfers).toBe(42)
    // The upgraded schema takes new money on the old accounts, retries included.
    const topUp = (idempotencyKey: string) =>
      ledger.createTransfer({
        kind: 'posted',
        code: 'TOPUP',
        idempotencyKey,
        legs: [{ debitAccountId: clearingId, creditAccountId: balanceId, amountFen: 50_000 }],
      })
    expect((await topUp('r-1')).replayed).toBe(true)
    expect((await topUp('r-after-upgrade')).replayed).toBe(false)
    expect((await ledger.getBalance(balanceId)).postedFen).toBe(before.postedFen + 50_000)

    // And the whole app starts on it (data key recorded on first start) and is ready.
    const app = await createTestApp({ database: { ...handle, close: async () => {} }, clock })
    const ready = await app.server.inject({ method: 'GET', url: '/readyz' })
    expect(ready.statusCode).toBe(200)
    const users = await sql<{ n: number }>`SELECT count(*)::int AS n FROM users`.execute(handle.db)
    expect(users.rows[0]?.n).toBe(1)
    await app.close()
  })
})
