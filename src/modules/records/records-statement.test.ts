/**
 * The monthly statement and the CSV export. Property: for any mix of records in and around a
 * month, the statement's income and expense equal the sums of that month's listed records whose
 * money moved (own-money top-ups and withdrawals apart), and the categories add up to the
 * expense. The CSV opens in spreadsheets: BOM, header line, RFC 4180 quoting, yuan from fen.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ManualClock } from '../../adapters/clock/index.ts'
import { type DatabaseHandle, migrate } from '../../adapters/db/index.ts'
import { shanghaiMonthRangeMs } from '../../shared/shanghai-time.ts'
import { openTestDatabase, testDatabaseKind } from '../../test-support/database.ts'
import { createLedger } from '../ledger/index.ts'
import {
  createRecordsService,
  type MoneyRecord,
  RECORD_SOURCE_KINDS,
  type RecordEntry,
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

async function allOfMonth(userId: string, month: string): Promise<MoneyRecord[]> {
  const all: MoneyRecord[] = []
  let cursor: string | undefined
  do {
    const page = await records.list(userId, { month, limit: 7, ...(cursor ? { cursor } : {}) })
    all.push(...page.records)
    cursor = page.nextCursor ?? undefined
  } while (cursor !== undefined)
  return all
}

const recordArbitrary = fc.record({
  sourceKind: fc.constantFrom(...RECORD_SOURCE_KINDS),
  direction: fc.constantFrom('in' as const, 'out' as const, 'none' as const),
  amountFen: fc.integer({ min: 0, max: 100_000_000_000 }),
  status: fc.constantFrom('SUCCESS', 'SUCCEEDED', 'REFUNDED', 'FAILED', 'PROCESSING', 'CLOSED'),
  category: fc.option(fc.constantFrom('5812', '5814', '5411'), { nil: undefined }),
  merchant: fc.constantFrom('咖啡店', '超市', '书店'),
  // A day before the month to a day after it.
  atMs: fc.integer({ min: DECEMBER.startMs - 86_400_000, max: DECEMBER.endMs + 86_400_000 }),
})

let userSequence = 0

describe(`monthly statement and CSV on ${testDatabaseKind()}`, () => {
  it('totals equal the sums of the listed records (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(recordArbitrary, { maxLength: 25 }), async (generated) => {
        userSequence += 1
        const userId = `u-prop-${userSequence}`
        for (const [index, item] of generated.entries()) {
          await records.upsert({
            userId,
            sourceKind: item.sourceKind,
            sourceId: `p${index}`,
            direction: item.direction,
            amountFen: item.amountFen,
            status: item.status,
            title: item.merchant,
            counterparty: { kind: 'merchant', id: item.merchant, name: item.merchant },
            method: { kind: 'balance' },
            ...(item.category ? { category: item.category } : {}),
            occurredAtMs: item.atMs,
          })
        }
        const statement = await records.statement(userId, '2026-12')
        const moved = (await allOfMonth(userId, '2026-12')).filter(
          (record) => !['FAILED', 'PROCESSING', 'CLOSED'].includes(record.status),
        )
        const sum = (list: MoneyRecord[]) => list.reduce((total, r) => total + r.amountFen, 0)
        const own = (record: MoneyRecord) => ['TOPUP', 'WITHDRAW'].includes(record.sourceKind)
        const expenses = moved.filter((r) => r.direction === 'out' && !own(r))
        expect(statement.incomeFen).toBe(sum(moved.filter((r) => r.direction === 'in' && !own(r))))
        expect(statement.expenseFen).toBe(sum(expenses))
        expect(statement.expenseCount).toBe(expenses.length)
        expect(statement.ownMoney.inFen).toBe(
          sum(moved.filter((r) => r.direction === 'in' && own(r))),
        )
        expect(statement.ownMoney.outFen).toBe(
          sum(moved.filter((r) => r.direction === 'out' && own(r))),
        )
        expect(statement.categories.reduce((total, c) => total + c.amountFen, 0)).toBe(
          statement.expenseFen,
        )
        const top = statement.topMerchants[0]
        if (top !== undefined) {
          expect(top.amountFen).toBe(sum(expenses.filter((r) => r.counterparty.name === top.name)))
        }
      }),
      { numRuns: 20 },
    )
  })

  it('ranks categories and top merchants by spending', async () => {
    const userId = 'u-ranks'
    const pay = (id: string, name: string, category: string, amountFen: number) =>
      records.upsert({
        userId,
        sourceKind: 'PAYMENT',
        sourceId: id,
        direction: 'out',
        amountFen,
        status: 'SUCCESS',
        title: name,
        counterparty: { kind: 'merchant', id: name, name },
        method: { kind: 'balance' },
        category,
        occurredAtMs: DECEMBER.startMs + 1_000,
      })
    await pay('a', '咖啡店', '5814', 2_500)
    await pay('b', '咖啡店', '5814', 2_500)
    await pay('c', '超市', '5411', 4_000)
    await pay('d', '餐厅', '5812', 100)
    const statement = await records.statement(userId, '2026-12')
    expect(statement.categories.map((c) => [c.category, c.amountFen, c.count])).toEqual([
      ['5814', 5_000, 2],
      ['5411', 4_000, 1],
      ['5812', 100, 1],
    ])
    expect(statement.topMerchants.map((m) => [m.name, m.amountFen])).toEqual([
      ['咖啡店', 5_000],
      ['超市', 4_000],
      ['餐厅', 100],
    ])
    expect(await records.statement(userId, '2026-11')).toMatchObject({
      incomeFen: 0,
      expenseFen: 0,
      categories: [],
      topMerchants: [],
    })
  })

  it('exports CSV with BOM, a header, quoting, a Chinese name and yuan from fen', async () => {
    const userId = 'u-csv'
    const base: Omit<RecordEntry, 'sourceId' | 'amountFen' | 'title' | 'counterparty'> = {
      userId,
      sourceKind: 'PAYMENT',
      direction: 'out',
      status: 'SUCCESS',
      method: { kind: 'balance' },
      occurredAtMs: DECEMBER.startMs,
    }
    await records.upsert({
      ...base,
      sourceId: 'c1',
      amountFen: 123_456,
      title: '拿铁, 大杯 "热"',
      counterparty: { kind: 'merchant', name: '零钱咖啡' },
    })
    await records.upsert({
      ...base,
      sourceId: 'c2',
      amountFen: 5,
      title: '=HYPERLINK("x")',
      counterparty: { kind: 'merchant', name: 'Line\nbreak' },
      occurredAtMs: DECEMBER.startMs + 3_600_000,
    })
    await records.upsert({
      ...base,
      sourceId: 'c-nov',
      amountFen: 1,
      title: 'November',
      counterparty: { kind: 'merchant', name: 'X' },
      occurredAtMs: DECEMBER.startMs - 1,
    })
    const csv = await records.csv(userId, { month: '2026-12' })
    expect(csv.startsWith('\uFEFF交易时间,交易类型,收/支,交易对方,说明,金额(元)')).toBe(true)
    const lines = csv.slice(1).split('\r\n')
    expect(lines).toHaveLength(4) // header, two records, the empty string after the last CRLF
    expect(lines[1]).toMatch(
      /^2026-12-01 01:00:00,消费,支出,"Line\nbreak","'=HYPERLINK\(""x""\)",0\.05,零钱,SUCCESS,,/,
    )
    expect(lines[2]).toMatch(
      /^2026-12-01 00:00:00,消费,支出,零钱咖啡,"拿铁, 大杯 ""热""",1234\.56,零钱,SUCCESS,,\d+,c1$/,
    )
    expect(lines[3]).toBe('')
    expect(csv).not.toContain('November')
    const english = await records.csv(userId, { month: '2026-12' }, 'en')
    expect(english.startsWith('\uFEFFTime,Type,In/out,Counterparty')).toBe(true)
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
  })
})
