/**
 * Upgrading a data directory of release 0.3.0 (no records yet) gives the top-ups and withdrawals
 * made before it their 账单 records: the app's one-time backfill job writes each once, with the
 * status it ended in and the balance after, and running it again changes nothing.
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
  migrate,
  openPglite,
  openPostgres,
} from './index.ts'

const RELEASE_0_3_0_LAST_MIGRATION = '0017_merchants'
const USER = 'u_0000000000000001'
const opened: DatabaseHandle[] = []

afterEach(async () => {
  for (const handle of opened.splice(0)) await handle.close()
})

async function openEmptyDatabase(): Promise<DatabaseHandle> {
  const url = process.env.DATABASE_URL
  if (testDatabaseKind() === 'pglite' || url === undefined) return openPglite({})
  const { url: scratchUrl, drop } = await createScratchDatabase(url, 'lq_upgrade_records')
  const handle = await openPostgres({ connectionString: scratchUrl, poolMax: 4 })
  return {
    ...handle,
    async close() {
      await handle.close()
      await drop()
    },
  }
}

/** What release 0.3.0 left behind: a user with a card, a top-up that succeeded, one that failed. */
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
    ownerId: USER,
    purpose: 'balance',
    currency: 'CNY',
    debitsMustNotExceedCredits: true,
  })
  const hold = await ledger.createTransfer({
    kind: 'pending',
    idempotencyKey: 'op:tu_old_ok:hold',
    code: 'TOPUP',
    legs: [{ debitAccountId: clearing.id, creditAccountId: balance.id, amountFen: 30_000 }],
  })
  await ledger.createTransfer({
    kind: 'post',
    idempotencyKey: 'op:tu_old_ok:post',
    pendingId: hold.transferId,
  })
  const db = handle.db
  await sql`INSERT INTO users (id, phone, created_at) VALUES (${USER}, '13800000001', now())`.execute(
    db,
  )
  await sql`INSERT INTO bank_cards (id, user_id, bank_code, card_type, last4, card_number_enc,
    card_number_hash, created_at) VALUES ('card_old', ${USER}, 'ICBC', 'DEBIT', '0018', 'x', 'h',
    now())`.execute(db)
  const operation = (id: string, status: string, failure: string | null, atMs: number) => sql`
    INSERT INTO wallet_operations (id, user_id, kind, card_id, bank_code, card_last4, amount_fen,
      status, failure_code, idempotency_key, request_hash, hold_transfer_id, created_at,
      updated_at, completed_at)
    VALUES (${id}, ${USER}, 'TOPUP', 'card_old', 'ICBC', '0018', 30000, ${status}, ${failure},
      ${id}, 'hash', ${hold.transferId}, ${new Date(atMs)}, ${new Date(atMs)}, ${new Date(atMs)})`
  await operation('tu_old_ok', 'SUCCEEDED', null, clock.nowMs() - 60_000).execute(db)
  await operation('tu_old_failed', 'FAILED', 'BANK_LIMIT_EXCEEDED', clock.nowMs()).execute(db)
}

describe(`an upgrade from release 0.3.0 on ${testDatabaseKind()}`, () => {
  it('writes the records of past top-ups once, by the one-time backfill job', async () => {
    const handle = await openEmptyDatabase()
    opened.push(handle)
    const clock = new ManualClock()
    const shipped = loadMigrations().filter((m) => m.version <= RELEASE_0_3_0_LAST_MIGRATION)
    await migrate(handle, shipped, [])
    await writeReleaseRows(handle, clock)

    const app = await createTestApp({ database: { ...handle, close: async () => {} }, clock })
    expect((await app.records.list(USER)).records).toEqual([])
    await app.jobs.runDueJobs()
    const records = (await app.records.list(USER)).records
    expect(records.map((r) => [r.sourceId, r.status, r.amountFen, r.balanceAfterFen])).toEqual([
      ['tu_old_failed', 'FAILED', 30_000, null],
      ['tu_old_ok', 'SUCCEEDED', 30_000, 30_000],
    ])
    expect(records[0]?.detail).toMatchObject({ failureCode: 'BANK_LIMIT_EXCEEDED' })
    // A second start schedules nothing new; a second run writes nothing new.
    expect(await app.wallet.backfillRecords()).toBe(2)
    expect((await app.records.list(USER)).records).toEqual(records)
    await app.close()
  })
})
