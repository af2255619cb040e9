/**
 * The records API over HTTP: the filters reach the list, another user's record is NOT_FOUND,
 * bad input (month 2026-13, amounts out of range, a forged cursor) is our error envelope and
 * never a 500, the statement adds up and the CSV is a download with BOM and a filename.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { shanghaiMonthRangeMs } from '../../shared/shanghai-time.ts'
import { createTestApp, type TestApp } from '../../test-support/app.ts'
import { testDatabaseKind } from '../../test-support/database.ts'
import { signIn, type SignedIn } from '../../test-support/identity.ts'
import type { RecordEntry } from '../../modules/records/index.ts'

let app: TestApp
let owner: SignedIn
let other: SignedIn
const DECEMBER = shanghaiMonthRangeMs('2026-12')

function payment(userId: string, sourceId: string, overrides: Partial<RecordEntry> = {}) {
  return {
    userId,
    sourceKind: 'PAYMENT',
    sourceId,
    direction: 'out',
    amountFen: 2_350,
    status: 'SUCCESS',
    title: '零钱咖啡',
    counterparty: { kind: 'merchant', id: '1900000001', name: '零钱咖啡' },
    method: { kind: 'balance' },
    category: '5814',
    detail: { orderNumber: 'A-1' },
    occurredAtMs: DECEMBER.startMs + 3_600_000,
    ...overrides,
  } satisfies RecordEntry
}

beforeAll(async () => {
  app = await createTestApp()
  owner = await signIn(app, '13800000011')
  other = await signIn(app, '13800000012')
  await app.records.upsert(payment(owner.userId, 'p1'))
  await app.records.upsert(
    payment(owner.userId, 'p2', {
      amountFen: 99_900,
      title: 'Lucky Shop',
      counterparty: { kind: 'merchant', id: '1900000002', name: 'Lucky Shop' },
      category: '5411',
    }),
  )
  await app.records.upsert(
    payment(owner.userId, 'r1', { sourceKind: 'REFUND', direction: 'in', amountFen: 350 }),
  )
  await app.records.upsert(payment(other.userId, 'theirs'))
})

afterAll(async () => {
  await app.close()
})

const get = (user: SignedIn, url: string) =>
  app.server.inject({ method: 'GET', url, headers: user.auth })

describe(`records over HTTP on ${testDatabaseKind()}`, () => {
  it('lists my records with filters and search, never anyone else’s', async () => {
    const all = await get(owner, '/api/v1/me/records?month=2026-12')
    expect(all.statusCode, all.body).toBe(200)
    expect(
      all
        .json()
        .records.map((r: { sourceId: string }) => r.sourceId)
        .sort(),
    ).toEqual(['p1', 'p2', 'r1'])
    expect(all.json().records[0]).toMatchObject({ outcome: 'done', balanceAfterFen: null })
    const search = await get(owner, `/api/v1/me/records?search=${encodeURIComponent('咖啡')}`)
    expect(search.json().records).toHaveLength(2)
    const big = await get(owner, '/api/v1/me/records?direction=out&minAmountFen=10000')
    expect(big.json().records.map((r: { sourceId: string }) => r.sourceId)).toEqual(['p2'])
    const refunds = await get(owner, '/api/v1/me/records?sourceKind=REFUND')
    expect(refunds.json().records.map((r: { sourceId: string }) => r.sourceId)).toEqual(['r1'])
    const paged = await get(owner, '/api/v1/me/records?limit=2')
    expect(paged.json().nextCursor).toMatch(/^\d+\.\d+$/)
    const rest = await get(owner, `/api/v1/me/records?limit=2&cursor=${paged.json().nextCursor}`)
    expect(rest.json()).toMatchObject({ nextCursor: null })
    expect(rest.json().records).toHaveLength(1)
  })

  it("shows a record's detail to its owner only", async () => {
    const [mine] = (
      await get(owner, '/api/v1/me/records?sourceKind=PAYMENT&maxAmountFen=2350')
    ).json().records
    const detail = await get(owner, `/api/v1/me/records/${mine.id}`)
    expect(detail.statusCode).toBe(200)
    expect(detail.json()).toMatchObject({ sourceId: 'p1', detail: { orderNumber: 'A-1' } })
    const foreign = await get(other, `/api/v1/me/records/${mine.id}`)
    expect(foreign.statusCode).toBe(404)
    expect(foreign.json()).toMatchObject({ code: 'NOT_FOUND', message: { zh: expect.any(String) } })
    const anonymous = await app.server.inject({
      method: 'GET',
      url: `/api/v1/me/records/${mine.id}`,
    })
    expect(anonymous.statusCode).toBe(401)
  })

  it('answers bad input with the error envelope', async () => {
    const bad = [
      '/api/v1/me/records?month=2026-13',
      '/api/v1/me/records?month=2026-1',
      '/api/v1/me/records?minAmountFen=-1',
      '/api/v1/me/records?maxAmountFen=100000000001',
      '/api/v1/me/records?minAmountFen=1.5',
      '/api/v1/me/records?minAmountFen=500&maxAmountFen=100',
      '/api/v1/me/records?sourceKind=LOAN',
      '/api/v1/me/records?cursor=1%27%20OR%201%3D1',
      '/api/v1/me/records?limit=101',
      `/api/v1/me/records?search=${'x'.repeat(51)}`,
      '/api/v1/me/records?search=%20%20',
      '/api/v1/me/records/abc',
      '/api/v1/me/statements/2026-13',
      '/api/v1/me/statements/2026-13/records.csv',
      '/api/v1/me/statements/2026-12/records.csv?lang=fr',
    ]
    for (const url of bad) {
      const response = await get(owner, url)
      expect(response.statusCode, url).toBe(400)
      expect(response.json(), url).toMatchObject({ code: 'INVALID_REQUEST' })
    }
    const missing = await get(owner, '/api/v1/me/records/999999999')
    expect(missing.json()).toMatchObject({ code: 'NOT_FOUND' })
  })

  it('gives the statement of a month', async () => {
    const response = await get(owner, '/api/v1/me/statements/2026-12')
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json()).toMatchObject({
      month: '2026-12',
      incomeFen: 350,
      expenseFen: 2_350 + 99_900,
      categories: [
        { category: '5411', label: { zh: '超市便利店' }, amountFen: 99_900, count: 1 },
        { category: '5814', label: { en: 'Cafés and fast food' }, amountFen: 2_350, count: 1 },
      ],
      topMerchants: [{ name: 'Lucky Shop' }, { name: '零钱咖啡' }],
    })
    expect((await get(other, '/api/v1/me/statements/2026-12')).json().expenseFen).toBe(2_350)
  })

  it('downloads the CSV as an attachment with BOM', async () => {
    const response = await get(owner, '/api/v1/me/statements/2026-12/records.csv')
    expect(response.statusCode, response.body).toBe(200)
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8')
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="lingqian-records-2026-12.csv"',
    )
    expect(response.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
    const lines = response.body.split('\r\n')
    expect(lines[0]).toContain('交易时间')
    expect(lines).toHaveLength(5)
    expect(response.body).toContain(',零钱咖啡,零钱咖啡,23.50,零钱,SUCCESS,')
    expect(response.body).toContain(',Lucky Shop,Lucky Shop,999.00,')
    const english = await get(owner, '/api/v1/me/statements/2026-12/records.csv?lang=en')
    expect(english.body.split('\r\n')[0]).toContain('Counterparty')
  })
})
