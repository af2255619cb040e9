/**
 * The record filters and search, on PGlite and PostgreSQL: a Shanghai month is [1st 00:00,
 * next 1st 00:00) Beijing time, the amount range is inclusive, a search term matches literally
 * (a `%` is a percent sign, not a wildcard), and keyset pages stay without gaps or repeats
 * while new records arrive between pages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ManualClock } from '../../adapters/clock/index.ts'
import { type DatabaseHandle, migrate } from '../../adapters/db/index.ts'
import { shanghaiMonthRangeMs } from '../../shared/shanghai-time.ts'
import { openTestDatabase, testDatabaseKind } from '../../test-support/database.ts'
import { createLedger } from '../ledger/index.ts'
import {
  createRecordsService,
  type RecordEntry,
  type RecordQuery,
  type RecordsService,
} from './index.ts'

let database: DatabaseHandle
let records: RecordsService
const clock = new ManualClock()
const DECEMBER = shanghaiMonthRangeMs('2026-12')

beforeAll(async () => {
  database = await openTestDatabase()
  await migrate(database)
  records = createRecordsService({
    db: database.db,
    clock,
    ledger: createLedger({ database, clock }),
  })
})

afterAll(async () => {
  await database.close()
})

let sequence = 0

function entry(userId: string, overrides: Partial<RecordEntry> = {}): RecordEntry {
  sequence += 1
  return {
    userId,
    sourceKind: 'PAYMENT',
    sourceId: `s${sequence}`,
    direction: 'out',
    amountFen: 1_000,
    status: 'SUCCESS',
    title: '零钱咖啡',
    counterparty: { kind: 'merchant', id: 'm1', name: '零钱咖啡' },
    method: { kind: 'balance' },
    category: '5814',
    occurredAtMs: DECEMBER.startMs + sequence * 60_000,
    ...overrides,
  }
}

async function sourceIds(userId: string, query: RecordQuery): Promise<string[]> {
  const page = await records.list(userId, { limit: 100, ...query })
  return page.records.map((record) => record.sourceId)
}

describe(`record filters on ${testDatabaseKind()}`, () => {
  it('filters by Shanghai month: the boundaries are Beijing midnight', async () => {
    const user = 'u-month'
    await records.upsert(entry(user, { sourceId: 'first', occurredAtMs: DECEMBER.startMs }))
    await records.upsert(entry(user, { sourceId: 'last', occurredAtMs: DECEMBER.endMs - 1 }))
    await records.upsert(entry(user, { sourceId: 'nov', occurredAtMs: DECEMBER.startMs - 1 }))
    await records.upsert(entry(user, { sourceId: 'jan', occurredAtMs: DECEMBER.endMs }))
    expect(await sourceIds(user, { month: '2026-12' })).toEqual(['last', 'first'])
    expect(await sourceIds(user, { month: '2026-11' })).toEqual(['nov'])
    expect(await sourceIds(user, { month: '2027-01' })).toEqual(['jan'])
    // 2026-11-30T16:00Z is already 1 December in Beijing.
    expect(new Date(DECEMBER.startMs).toISOString()).toBe('2026-11-30T16:00:00.000Z')
  })

  it('filters by type, direction and an inclusive amount range', async () => {
    const user = 'u-kinds'
    await records.upsert(entry(user, { sourceId: 'pay', amountFen: 999 }))
    await records.upsert(entry(user, { sourceId: 'pay-big', amountFen: 5_001 }))
    await records.upsert(
      entry(user, { sourceId: 'refund', sourceKind: 'REFUND', direction: 'in', amountFen: 1_000 }),
    )
    await records.upsert(
      entry(user, { sourceId: 'top', sourceKind: 'TOPUP', direction: 'in', amountFen: 5_000 }),
    )
    expect(await sourceIds(user, { sourceKind: 'REFUND' })).toEqual(['refund'])
    expect(await sourceIds(user, { direction: 'in' })).toEqual(['top', 'refund'])
    expect(await sourceIds(user, { minAmountFen: 1_000, maxAmountFen: 5_000 })).toEqual([
      'top',
      'refund',
    ])
    expect(await sourceIds(user, { direction: 'out', minAmountFen: 5_000 })).toEqual(['pay-big'])
    expect(await sourceIds(user, { maxAmountFen: 999 })).toEqual(['pay'])
  })

  it('searches counterparty names and titles literally, Latin names in any case', async () => {
    const user = 'u-search'
    const merchant = (name: string) => ({ kind: 'merchant' as const, id: name, name })
    await records.upsert(entry(user, { sourceId: 'cafe', counterparty: merchant('零钱咖啡') }))
    await records.upsert(
      entry(user, { sourceId: 'shop', counterparty: merchant('Lucky Shop'), title: 'Lucky Shop' }),
    )
    await records.upsert(
      entry(user, { sourceId: 'sale', counterparty: merchant('100% 折扣店'), title: '年终_大促' }),
    )
    expect(await sourceIds(user, { search: '咖啡' })).toEqual(['cafe'])
    expect(await sourceIds(user, { search: 'lucky' })).toEqual(['shop'])
    expect(await sourceIds(user, { search: '%' })).toEqual(['sale'])
    expect(await sourceIds(user, { search: '_' })).toEqual(['sale'])
    expect(await sourceIds(user, { search: '大促' })).toEqual(['sale'])
    expect(await sourceIds(user, { search: 'nothing' })).toEqual([])
    expect(await sourceIds('u-other-search', { search: '咖啡' })).toEqual([])
  })

  it('refuses malformed filters with INVALID_REQUEST naming the field', async () => {
    const refused = async (query: RecordQuery, field: string) =>
      expect(records.list('u-kinds', query)).rejects.toMatchObject({
        code: 'INVALID_REQUEST',
        details: { field },
      })
    await refused({ month: '2026-13' }, 'month')
    await refused({ month: '2026-1' }, 'month')
    await refused({ minAmountFen: -1 }, 'minAmountFen')
    await refused({ maxAmountFen: 1.5 }, 'maxAmountFen')
    await refused({ minAmountFen: 10, maxAmountFen: 9 }, 'maxAmountFen')
    await refused({ search: 'x'.repeat(51) }, 'search')
    await refused({ search: '   ' }, 'search')
    await expect(records.statement('u-kinds', '2026-00')).rejects.toMatchObject({
      code: 'INVALID_REQUEST',
    })
  })

  it('keeps keyset pages whole while new records arrive between pages', async () => {
    const user = 'u-live'
    for (let index = 0; index < 30; index += 1) {
      await records.upsert(entry(user, { sourceId: `old${index}`, occurredAtMs: 1_000 * index }))
    }
    const seen: string[] = []
    let cursor: string | undefined
    let arrived = 0
    do {
      const page = await records.list(user, { limit: 7, ...(cursor ? { cursor } : {}) })
      seen.push(...page.records.map((record) => record.sourceId))
      // A payment lands while the user scrolls: newer than every page, it never shifts them.
      arrived += 1
      await records.upsert(entry(user, { sourceId: `new${arrived}`, occurredAtMs: 1_000_000 }))
      cursor = page.nextCursor ?? undefined
    } while (cursor !== undefined)
    expect(seen).toEqual(Array.from({ length: 30 }, (_, index) => `old${29 - index}`))
  })

  it('pages a filtered list with the same filter', async () => {
    const user = 'u-filter-pages'
    for (let index = 0; index < 12; index += 1) {
      const direction = index % 2 === 0 ? 'in' : 'out'
      await records.upsert(entry(user, { sourceId: `r${index}`, direction, occurredAtMs: index }))
    }
    const first = await records.list(user, { direction: 'in', limit: 4 })
    const second = await records.list(user, {
      direction: 'in',
      limit: 4,
      cursor: first.nextCursor ?? '',
    })
    expect([...first.records, ...second.records].map((r) => r.sourceId)).toEqual([
      'r10',
      'r8',
      'r6',
      'r4',
      'r2',
      'r0',
    ])
    expect(second.nextCursor).toBeNull()
  })
})
