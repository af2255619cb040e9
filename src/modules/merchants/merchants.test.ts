import fc from 'fast-check'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeLuhnCardNumber } from '../../shared/bank-card.ts'
import { createSecretBox } from '../../shared/crypto.ts'
import { createTestApp, TEST_DATA_KEY, type TestApp } from '../../test-support/app.ts'
import { testDatabaseKind } from '../../test-support/database.ts'
import { feeFen } from './index.ts'

let app: TestApp
const CARD = makeLuhnCardNumber('622202', 19, 4242)
const wrongCheckDigit = `${CARD.slice(0, -1)}${(Number(CARD.slice(-1)) + 1) % 10}`

beforeAll(async () => {
  app = await createTestApp()
})

afterAll(async () => {
  await app.close()
})

const cafe = {
  creationKey: 'test:cafe',
  legalName: '上海测试咖啡有限公司',
  storeName: '测试咖啡',
  category: '5814',
  settlementCardNumber: CARD,
}

describe(`merchants on ${testDatabaseKind()}`, () => {
  it('onboards once per creation key, with a 10-digit mchid and the owner password shown once', async () => {
    const first = await app.merchants.onboard({ kind: 'system' }, cafe)
    expect(first.created).toBe(true)
    expect(first.merchant).toMatchObject({
      id: expect.stringMatching(/^[1-9]\d{9}$/),
      storeName: '测试咖啡',
      status: 'active',
      feeRateBp: 60,
      settlementCard: { bankCode: 'ICBC', last4: CARD.slice(-4), masked: `**** ${CARD.slice(-4)}` },
    })
    expect(first.owner.username).toBe(`${first.merchant.id}.owner`)
    expect(first.owner.password).toMatch(/^.{16}$/)
    const again = await app.merchants.onboard({ kind: 'system' }, { ...cafe, storeName: '别的' })
    expect(again).toEqual({ ...first, created: false, owner: { ...first.owner, password: null } })
    const parallel = await Promise.all(
      Array.from({ length: 8 }, () =>
        app.merchants.onboard({ kind: 'system' }, { ...cafe, creationKey: 'test:race' }),
      ),
    )
    expect(new Set(parallel.map((result) => result.merchant.id)).size).toBe(1)
    expect(parallel.filter((result) => result.created)).toHaveLength(1)
  })

  it('opens pending, settled and fee accounts once per merchant', async () => {
    const { merchant } = await app.merchants.onboard({ kind: 'system' }, cafe)
    const rows = await sql<{ purpose: string }>`
      select purpose from ledger_accounts where owner_kind = 'merchant' and owner_id = ${merchant.id}
      order by purpose`.execute(app.database.db)
    expect(rows.rows.map((row) => row.purpose)).toEqual([
      'merchant_fees',
      'merchant_pending',
      'merchant_settled',
    ])
    const accounts = await app.merchants.accounts(merchant.id)
    expect(accounts.merchant_pending.debitsMustNotExceedCredits).toBe(true)
  })

  it('stores the settlement card sealed: the number is nowhere in the table', async () => {
    const { merchant } = await app.merchants.onboard({ kind: 'system' }, cafe)
    const rows = await sql<Record<string, unknown>>`
      select * from merchants where id = ${merchant.id}`.execute(app.database.db)
    const stored = JSON.stringify(rows.rows)
    expect(stored).not.toContain(CARD)
    expect(stored).not.toContain(CARD.slice(0, 12))
    const sealed = String(rows.rows[0]?.settlement_card_enc)
    expect(createSecretBox(TEST_DATA_KEY).decrypt(sealed)).toBe(CARD)
  })

  it('refuses bad cards, categories and fee rates with stable codes', async () => {
    const onboard = (overrides: Partial<typeof cafe> & { feeRateBp?: number }) =>
      app.merchants.onboard({ kind: 'system' }, { ...cafe, creationKey: 'test:bad', ...overrides })
    await expect(onboard({ settlementCardNumber: wrongCheckDigit })).rejects.toMatchObject({
      code: 'CARD_NUMBER_INVALID',
    })
    await expect(
      onboard({ settlementCardNumber: makeLuhnCardNumber('622230', 16, 1) }),
    ).rejects.toMatchObject({ code: 'CARD_NOT_SUPPORTED' })
    await expect(onboard({ category: '0000' })).rejects.toMatchObject({ code: 'INVALID_REQUEST' })
    await expect(onboard({ feeRateBp: 10_001 })).rejects.toMatchObject({ code: 'INVALID_REQUEST' })
    await expect(app.merchants.get('1000000000')).rejects.toMatchObject({
      code: 'MERCHANT_NOT_FOUND',
    })
  })

  it('searches by mchid and name; suspends and activates with an audit entry each', async () => {
    const { merchant } = await app.merchants.onboard(
      { kind: 'system' },
      {
        ...cafe,
        creationKey: 'test:shop',
        storeName: '百分之百_商店',
      },
    )
    expect((await app.merchants.search(merchant.id)).map((found) => found.id)).toEqual([
      merchant.id,
    ])
    expect((await app.merchants.search('百分之百_')).map((found) => found.id)).toEqual([
      merchant.id,
    ])
    expect(await app.merchants.search('%')).toEqual([])
    const actor = { kind: 'operator' as const, id: 'op_test' }
    const request = { merchantId: merchant.id, reason: '测试' }
    const suspended = await app.merchants.changeStatus(actor, { ...request, status: 'suspended' })
    expect(suspended.status).toBe('suspended')
    await app.merchants.changeStatus(actor, { ...request, status: 'suspended' })
    const active = await app.merchants.changeStatus(actor, { ...request, status: 'active' })
    expect(active.status).toBe('active')
    const actions = (await app.audit.searchAudit({}, { limit: 50 })).map((entry) => entry.action)
    expect(actions.filter((action) => action === 'merchant.suspended')).toHaveLength(1)
    expect(actions.filter((action) => action === 'merchant.activated')).toHaveLength(1)
  })
})

describe('feeFen: round half up to the fen, never below 0, never above the amount', () => {
  it('matches the written examples', () => {
    expect(feeFen(10_000, 60)).toBe(60)
    expect(feeFen(83, 60)).toBe(0) // 0.498 fen
    expect(feeFen(84, 60)).toBe(1) // 0.504 fen
    expect(feeFen(5_000, 1)).toBe(1) // exactly 0.5 fen rounds up
    expect(feeFen(4_999, 1)).toBe(0)
    expect(feeFen(1, 10_000)).toBe(1)
    expect(feeFen(0, 60)).toBe(0)
    expect(() => feeFen(1.5, 60)).toThrow(RangeError)
    expect(() => feeFen(100, 10_001)).toThrow(RangeError)
  })

  it('is the exact fee rounded half up, within bounds, and monotone (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
        fc.integer({ min: 0, max: 10_000 }),
        (amountFen, rateBp) => {
          const fee = feeFen(amountFen, rateBp)
          const exactTimes10k = BigInt(amountFen) * BigInt(rateBp)
          // fee − 0.5 ≤ exact < fee + 0.5, in units of 1/10 000 fen.
          expect(BigInt(fee) * 20_000n - 10_000n <= exactTimes10k * 2n).toBe(true)
          expect(exactTimes10k * 2n < BigInt(fee) * 20_000n + 10_000n).toBe(true)
          expect(Number.isSafeInteger(fee) && fee >= 0 && fee <= amountFen).toBe(true)
          if (amountFen > 0) expect(feeFen(amountFen - 1, rateBp)).toBeLessThanOrEqual(fee)
        },
      ),
      { numRuns: 2_000 },
    )
  })
})
