/**
 * The record list's contract, on PGlite and PostgreSQL alike: an upsert per (user, source)
 * creates one line and later upserts change it in place, pages follow the keyset without gaps
 * or repeats, another user's record is never visible, and the balance after comes from the
 * ledger transfer the record points at.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ManualClock } from '../../adapters/clock/index.ts'
import type { DatabaseHandle } from '../../adapters/db/index.ts'
import { migrate } from '../../adapters/db/index.ts'
import { openTestDatabase, testDatabaseKind } from '../../test-support/database.ts'
import { createLedger, type Ledger } from '../ledger/index.ts'
import { createRecordsService, type RecordEntry, type RecordsService } from './index.ts'

let database: DatabaseHandle
let records: RecordsService
let ledger: Ledger
const clock = new ManualClock()

beforeAll(async () => {
  database = await openTestDatabase()
  await migrate(database)
  ledger = createLedger({ database, clock })
  records = createRecordsService({ db: database.db, clock, ledger })
})

afterAll(async () => {
  await database.close()
})

function entry(userId: string, sourceId: string, overrides: Partial<RecordEntry> = {}) {
  return {
    userId,
    sourceKind: 'PAYMENT',
    sourceId,
    direction: 'out',
    amountFen: 2_350,
    status: 'PROCESSING',
    title: '零钱咖啡',
    counterparty: { kind: 'merchant', id: '1900000001', name: '零钱咖啡' },
    method: { kind: 'balance' },
    category: '5814',
    occurredAtMs: clock.nowMs(),
    ...overrides,
  } satisfies RecordEntry
}

describe(`records on ${testDatabaseKind()}`, () => {
  it('an upsert of the same source changes the one record in place', async () => {
    await records.upsert(entry('u-upsert', 'p1'))
    await records.upsert(entry('u-upsert', 'p1', { status: 'SUCCESS', detail: { order: 'A1' } }))
    const page = await records.list('u-upsert')
    expect(page.records).toHaveLength(1)
    expect(page.records[0]).toMatchObject({ status: 'SUCCESS', detail: { order: 'A1' } })
  })

  it('pages newest first without gaps or repeats, also with equal times', async () => {
    for (let index = 0; index < 25; index += 1) {
      if (index % 3 === 0) clock.advanceMs(1_000)
      await records.upsert(entry('u-pages', `p${index}`, { occurredAtMs: clock.nowMs() }))
    }
    const seen: string[] = []
    let cursor: string | undefined
    do {
      const page = await records.list('u-pages', { limit: 4, ...(cursor ? { cursor } : {}) })
      seen.push(...page.records.map((record) => record.sourceId))
      cursor = page.nextCursor ?? undefined
    } while (cursor !== undefined)
    expect(seen).toHaveLength(25)
    expect(new Set(seen).size).toBe(25)
    expect(seen[0]).toBe('p24')
    expect(seen.at(-1)).toBe('p0')
  })

  it("never shows another user's record", async () => {
    await records.upsert(entry('u-owner', 'mine'))
    const [mine] = (await records.list('u-owner')).records
    await expect(records.get('u-other', mine?.id ?? '')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    })
    expect((await records.get('u-owner', mine?.id ?? '')).sourceId).toBe('mine')
  })

  it('shows the balance right after the ledger transfer the record names', async () => {
    const open = (ownerId: string, purpose: string, floor: boolean) =>
      ledger.openAccount({
        ownerKind: 'user',
        ownerId,
        purpose,
        currency: 'CNY',
        debitsMustNotExceedCredits: floor,
      })
    const source = await open('u-balance-src', 'funding-test', false)
    const balance = await open('u-balance', 'balance', true)
    const credit = (key: string, amountFen: number) =>
      ledger.createTransfer({
        kind: 'posted',
        idempotencyKey: key,
        code: 'TOPUP',
        legs: [{ debitAccountId: source.id, creditAccountId: balance.id, amountFen }],
      })
    const first = await credit('records-test-1', 10_000)
    const second = await credit('records-test-2', 500)
    await records.upsert(
      entry('u-balance', 't1', {
        balance: { accountId: balance.id, transferId: first.transferId },
      }),
    )
    await records.upsert(
      entry('u-balance', 't2', {
        balance: { accountId: balance.id, transferId: second.transferId },
      }),
    )
    const after = new Map(
      (await records.list('u-balance')).records.map((r) => [r.sourceId, r.balanceAfterFen]),
    )
    expect(after).toEqual(
      new Map([
        ['t2', 10_500],
        ['t1', 10_000],
      ]),
    )
  })

  it('refuses a malformed cursor with INVALID_REQUEST', async () => {
    await expect(records.list('u-pages', { cursor: "1' OR 1=1" })).rejects.toMatchObject({
      code: 'INVALID_REQUEST',
    })
  })
})
