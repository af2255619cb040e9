/**
 * Concurrency: many callers spending from one balance at once, and transfers crossing in both
 * directions. On PostgreSQL these really run in parallel on several connections; on PGlite they
 * are serialised by its single connection, and the same outcomes must hold.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ManualClock } from '../../adapters/clock/index.ts'
import type { DatabaseHandle } from '../../adapters/db/index.ts'
import { openTestDatabase, testDatabaseKind } from '../../test-support/database.ts'
import { type Account, createLedger, type Ledger } from './index.ts'

let database: DatabaseHandle
let ledger: Ledger

beforeAll(async () => {
  database = await openTestDatabase()
  ledger = createLedger({ database, clock: new ManualClock() })
})

afterAll(async () => {
  const report = await ledger.check()
  expect(report.problems).toEqual([])
  await database.close()
})

function openUser(ownerId: string): Promise<Account> {
  return ledger.openAccount({
    ownerKind: 'user',
    ownerId,
    purpose: 'balance',
    currency: 'CNY',
    debitsMustNotExceedCredits: true,
  })
}

describe(`ledger concurrency on ${testDatabaseKind()}`, () => {
  it('lets exactly 37 of 100 concurrent spends through when the balance affords 37', async () => {
    const source = await ledger.openAccount({
      ownerKind: 'platform',
      ownerId: 'platform',
      purpose: 'src-37',
      currency: 'CNY',
    })
    const payer = await openUser('payer-37')
    const merchants = await Promise.all(
      [1, 2, 3, 4].map((index) => openUser(`merchant-37-${index}`)),
    )
    const priceFen = 1_999
    await ledger.createTransfer({
      kind: 'posted',
      idempotencyKey: 'fund-37',
      code: 'TOPUP',
      legs: [{ debitAccountId: source.id, creditAccountId: payer.id, amountFen: 37 * priceFen }],
    })
    // Separate writers (no shared coalescer) so the database sees 100 truly concurrent calls.
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, index) =>
        ledger
          .createTransfers([
            {
              kind: 'posted',
              idempotencyKey: `spend-37-${index}`,
              code: 'PAYMENT',
              legs: [
                {
                  debitAccountId: payer.id,
                  creditAccountId: (merchants[index % 4] as Account).id,
                  amountFen: priceFen,
                },
              ],
            },
          ])
          .then(([outcome]) => (outcome?.ok ? 'ok' : outcome?.code)),
      ),
    )
    expect(results.filter((result) => result === 'ok')).toHaveLength(37)
    expect(results.filter((result) => result === 'NOT_ENOUGH')).toHaveLength(63)
    expect(await ledger.getBalance(payer.id)).toMatchObject({ postedFen: 0, availableFen: 0 })
    const received = await ledger.getBalances(merchants.map((merchant) => merchant.id))
    expect(received.reduce((sum, balance) => sum + balance.postedFen, 0)).toBe(37 * priceFen)
  })

  it('goes through the coalescer the same way: exactly the affordable spends succeed', async () => {
    const source = await ledger.openAccount({
      ownerKind: 'platform',
      ownerId: 'platform',
      purpose: 'src-co',
      currency: 'CNY',
    })
    const payer = await openUser('payer-co')
    const payee = await openUser('payee-co')
    await ledger.createTransfer({
      kind: 'posted',
      idempotencyKey: 'fund-co',
      code: 'TOPUP',
      legs: [{ debitAccountId: source.id, creditAccountId: payer.id, amountFen: 25 * 100 }],
    })
    const results = await Promise.allSettled(
      Array.from({ length: 60 }, (_, index) =>
        ledger.createTransfer({
          kind: 'posted',
          idempotencyKey: `spend-co-${index}`,
          code: 'PAYMENT',
          legs: [{ debitAccountId: payer.id, creditAccountId: payee.id, amountFen: 100 }],
        }),
      ),
    )
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(25)
    expect((await ledger.getBalance(payee.id)).postedFen).toBe(2_500)
  })

  it('finishes transfers crossing in both directions between the same accounts without deadlock', async () => {
    const source = await ledger.openAccount({
      ownerKind: 'platform',
      ownerId: 'platform',
      purpose: 'src-x',
      currency: 'CNY',
    })
    const accounts = await Promise.all([0, 1, 2].map((index) => openUser(`cross-${index}`)))
    await ledger.createTransfers(
      accounts.map((account, index) => ({
        kind: 'posted' as const,
        idempotencyKey: `fund-x-${index}`,
        code: 'TOPUP' as const,
        legs: [{ debitAccountId: source.id, creditAccountId: account.id, amountFen: 1_000_000 }],
      })),
    )
    const [a, b, c] = accounts as [Account, Account, Account]
    const pairs: [Account, Account][] = [
      [a, b],
      [b, a],
      [b, c],
      [c, b],
      [c, a],
      [a, c],
    ]
    // Multi-account batches that overlap in opposite orders are the classic deadlock shape.
    const batches = Array.from({ length: 60 }, (_, index) => {
      const [first, second] = pairs[index % pairs.length] as [Account, Account]
      return ledger.createTransfers([
        {
          kind: 'posted',
          idempotencyKey: `x-${index}-1`,
          code: 'TRANSFER',
          legs: [{ debitAccountId: first.id, creditAccountId: second.id, amountFen: 7 }],
        },
        {
          kind: 'posted',
          idempotencyKey: `x-${index}-2`,
          code: 'TRANSFER',
          legs: [{ debitAccountId: second.id, creditAccountId: first.id, amountFen: 3 }],
        },
      ])
    })
    const outcomes = (await Promise.all(batches)).flat()
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true)
    const balances = await ledger.getBalances(accounts.map((account) => account.id))
    expect(balances.reduce((sum, balance) => sum + balance.postedFen, 0)).toBe(3_000_000)
  })

  it('applies a transfer retried concurrently with the same key exactly once', async () => {
    const source = await ledger.openAccount({
      ownerKind: 'platform',
      ownerId: 'platform',
      purpose: 'src-dup',
      currency: 'CNY',
    })
    const payee = await openUser('payee-dup')
    const attempts = await Promise.all(
      Array.from({ length: 20 }, () =>
        ledger.createTransfers([
          {
            kind: 'posted',
            idempotencyKey: 'dup-key',
            code: 'TOPUP',
            legs: [{ debitAccountId: source.id, creditAccountId: payee.id, amountFen: 500 }],
          },
        ]),
      ),
    )
    const outcomes = attempts.flat()
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true)
    expect(outcomes.filter((outcome) => outcome.ok && !outcome.replayed)).toHaveLength(1)
    expect((await ledger.getBalance(payee.id)).postedFen).toBe(500)
  })
})
