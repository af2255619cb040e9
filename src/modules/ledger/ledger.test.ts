import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ManualClock } from '../../adapters/clock/index.ts'
import type { DatabaseHandle } from '../../adapters/db/index.ts'
import { DomainError } from '../../shared/errors.ts'
import { SQLSTATE } from '../../shared/sqlstate.ts'
import { openTestDatabase, testDatabaseKind } from '../../test-support/database.ts'
import { type Account, createLedger, type Ledger } from './index.ts'

let database: DatabaseHandle
let ledger: Ledger
const clock = new ManualClock()
let sequence = 0

beforeAll(async () => {
  database = await openTestDatabase()
  ledger = createLedger({ database, clock })
})

afterAll(async () => {
  const report = await ledger.check()
  expect(report.problems).toEqual([])
  await database.close()
})

/** A fresh world per test: a funding source (may go negative) and two user balances. */
async function world(fundFen = 10_000) {
  sequence += 1
  const source = await ledger.openAccount({
    ownerKind: 'platform',
    ownerId: 'platform',
    purpose: `bank_clearing:t${sequence}`,
    currency: 'CNY',
  })
  const alice = await userBalance(`alice-${sequence}`)
  const bob = await userBalance(`bob-${sequence}`)
  if (fundFen > 0) await move(source, alice, fundFen, `fund-${sequence}`)
  return { source, alice, bob }
}

function userBalance(ownerId: string): Promise<Account> {
  return ledger.openAccount({
    ownerKind: 'user',
    ownerId,
    purpose: 'balance',
    currency: 'CNY',
    debitsMustNotExceedCredits: true,
  })
}

function move(from: Account, to: Account, amountFen: number, idempotencyKey: string) {
  return ledger.createTransfer({
    kind: 'posted',
    idempotencyKey,
    code: 'TRANSFER',
    legs: [{ debitAccountId: from.id, creditAccountId: to.id, amountFen }],
  })
}

async function expectCode(promise: Promise<unknown>, code: string): Promise<DomainError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  )
  expect(error).toBeInstanceOf(DomainError)
  expect((error as DomainError).code).toBe(code)
  return error as DomainError
}

describe(`ledger on ${testDatabaseKind()}`, () => {
  it('opens accounts idempotently', async () => {
    const first = await userBalance('same-owner')
    const again = await userBalance('same-owner')
    expect(again.id).toBe(first.id)
    expect(first).toMatchObject({
      status: 'active',
      currency: 'CNY',
      debitsMustNotExceedCredits: true,
    })
  })

  it('moves money with balanced entries and exact balances', async () => {
    const { source, alice, bob } = await world(10_000)
    const created = await move(alice, bob, 2_501, `pay-${sequence}`)
    expect(created.replayed).toBe(false)
    const [a, b, s] = await ledger.getBalances([alice.id, bob.id, source.id])
    expect(a).toMatchObject({ postedFen: 7_499, availableFen: 7_499, version: 2 })
    expect(b).toMatchObject({ postedFen: 2_501, availableFen: 2_501, version: 1 })
    expect(s?.postedFen).toBe(-10_000)
    const transfer = await ledger.getTransfer(created.transferId)
    expect(transfer.legs).toEqual([
      { debitAccountId: alice.id, creditAccountId: bob.id, amountFen: 2_501 },
    ])
  })

  it('refuses to overdraw with NOT_ENOUGH and changes nothing', async () => {
    const { alice, bob } = await world(100)
    const error = await expectCode(move(alice, bob, 101, `over-${sequence}`), 'NOT_ENOUGH')
    expect(error.details.accountId).toBe(alice.id)
    expect((await ledger.getBalance(alice.id)).postedFen).toBe(100)
    expect(await ledger.findTransferByKey(`over-${sequence}`)).toBeUndefined()
    await move(alice, bob, 100, `exact-${sequence}`)
    expect((await ledger.getBalance(alice.id)).postedFen).toBe(0)
  })

  it('replays a retry with the same key and refuses the key with other content', async () => {
    const { alice, bob } = await world(1_000)
    const key = `retry-${sequence}`
    const first = await move(alice, bob, 300, key)
    const retry = await move(alice, bob, 300, key)
    expect(retry).toMatchObject({ transferId: first.transferId, replayed: true })
    expect((await ledger.getBalance(bob.id)).postedFen).toBe(300)
    await expectCode(move(alice, bob, 301, key), 'IDEMPOTENCY_CONFLICT')
    // A retry after the money is gone still reports the original success, not NOT_ENOUGH.
    await move(alice, bob, 700, `drain-${sequence}`)
    expect((await move(alice, bob, 300, key)).replayed).toBe(true)
  })

  it('rejects invalid amounts and unknown accounts', async () => {
    const { alice, bob } = await world(1_000)
    await expectCode(move(alice, bob, 0, `zero-${sequence}`), 'INVALID_AMOUNT')
    await expectCode(move(alice, bob, -5, `neg-${sequence}`), 'INVALID_AMOUNT')
    await expectCode(move(alice, bob, 1.5, `frac-${sequence}`), 'INVALID_AMOUNT')
    await expectCode(move(alice, bob, 2 ** 53, `huge-${sequence}`), 'INVALID_AMOUNT')
    await expectCode(move(alice, alice, 1, `self-${sequence}`), 'INVALID_REQUEST')
    const ghost = { ...bob, id: 9_000_000_000 }
    await expectCode(move(alice, ghost, 1, `ghost-${sequence}`), 'ACCOUNT_NOT_FOUND')
  })

  it('refuses transfers touching frozen or closed accounts, in either direction', async () => {
    const { alice, bob } = await world(1_000)
    await ledger.setAccountStatus(bob.id, 'frozen')
    await expectCode(move(alice, bob, 1, `to-frozen-${sequence}`), 'ACCOUNT_FROZEN')
    await expectCode(move(bob, alice, 1, `from-frozen-${sequence}`), 'ACCOUNT_FROZEN')
    await ledger.setAccountStatus(bob.id, 'active')
    await move(alice, bob, 1, `after-thaw-${sequence}`)
    await ledger.setAccountStatus(bob.id, 'closed')
    await expectCode(move(alice, bob, 1, `to-closed-${sequence}`), 'ACCOUNT_CLOSED')
    await expectCode(ledger.setAccountStatus(bob.id, 'active'), 'ACCOUNT_CLOSED')
  })

  it('refuses legs between currencies', async () => {
    const { alice } = await world(1_000)
    // Only CNY exists in the app today; the ledger must still never assume it.
    const rows = await sql<{ id: number }>`
      INSERT INTO ledger_accounts (owner_kind, owner_id, purpose, currency, created_at)
      VALUES ('user', ${`usd-${sequence}`}, 'balance', 'USD', now()) RETURNING id`.execute(
      database.db,
    )
    const usd = { ...alice, id: Number(rows.rows[0]?.id) }
    await expectCode(move(alice, usd, 1, `fx-${sequence}`), 'CURRENCY_MISMATCH')
  })

  it('applies multi-leg transfers atomically', async () => {
    const { source, alice, bob } = await world(1_000)
    const fees = await ledger.openAccount({
      ownerKind: 'platform',
      ownerId: 'platform',
      purpose: `fees:t${sequence}`,
      currency: 'CNY',
    })
    await ledger.createTransfer({
      kind: 'posted',
      idempotencyKey: `split-${sequence}`,
      code: 'PAYMENT',
      legs: [
        { debitAccountId: alice.id, creditAccountId: bob.id, amountFen: 900 },
        { debitAccountId: bob.id, creditAccountId: fees.id, amountFen: 6 },
      ],
    })
    const [a, b, f] = await ledger.getBalances([alice.id, bob.id, fees.id])
    expect([a?.postedFen, b?.postedFen, f?.postedFen]).toEqual([100, 894, 6])
    // Bob had both a debit and a credit: two entries, the debit first.
    const page = await ledger.listEntries(bob.id)
    expect(page.entries.map((entry) => [entry.side, entry.balanceAfterFen])).toEqual([
      ['C', 894],
      ['D', -6],
    ])
    // One leg failing fails the whole transfer.
    await expectCode(
      ledger.createTransfer({
        kind: 'posted',
        idempotencyKey: `split-fail-${sequence}`,
        code: 'PAYMENT',
        legs: [
          { debitAccountId: source.id, creditAccountId: bob.id, amountFen: 5 },
          { debitAccountId: alice.id, creditAccountId: fees.id, amountFen: 101 },
        ],
      }),
      'NOT_ENOUGH',
    )
    expect((await ledger.getBalance(bob.id)).postedFen).toBe(894)
  })

  it('holds funds with a pending transfer and posts part of it', async () => {
    const { alice, bob } = await world(1_000)
    const hold = await ledger.createTransfer({
      kind: 'pending',
      idempotencyKey: `hold-${sequence}`,
      code: 'WITHDRAW',
      legs: [{ debitAccountId: alice.id, creditAccountId: bob.id, amountFen: 800 }],
    })
    expect(await ledger.getBalance(alice.id)).toMatchObject({
      postedFen: 1_000,
      debitsPendingFen: 800,
      availableFen: 200,
    })
    expect((await ledger.getBalance(bob.id)).creditsPendingFen).toBe(800)
    await expectCode(move(alice, bob, 201, `spend-held-${sequence}`), 'NOT_ENOUGH')
    await expectCode(
      ledger.createTransfer({
        kind: 'post',
        idempotencyKey: `post-big-${sequence}`,
        pendingId: hold.transferId,
        amountFen: 801,
      }),
      'AMOUNT_EXCEEDS_PENDING',
    )
    await ledger.createTransfer({
      kind: 'post',
      idempotencyKey: `post-${sequence}`,
      pendingId: hold.transferId,
      amountFen: 750,
    })
    expect(await ledger.getBalance(alice.id)).toMatchObject({
      postedFen: 250,
      debitsPendingFen: 0,
      availableFen: 250,
    })
    expect(await ledger.getBalance(bob.id)).toMatchObject({ postedFen: 750, creditsPendingFen: 0 })
    expect(await ledger.isPending(hold.transferId)).toBe(false)
    const again = ledger.createTransfer({
      kind: 'void',
      idempotencyKey: `void-late-${sequence}`,
      pendingId: hold.transferId,
    })
    const error = await expectCode(again, 'TRANSFER_NOT_PENDING')
    expect(error.details.resolvedBy).toBe('post')
  })

  it('voids a hold, returning the money, and refuses to resolve it twice', async () => {
    const { alice, bob } = await world(500)
    const hold = await ledger.createTransfer({
      kind: 'pending',
      idempotencyKey: `hold-v-${sequence}`,
      code: 'WITHDRAW',
      legs: [{ debitAccountId: alice.id, creditAccountId: bob.id, amountFen: 500 }],
    })
    // A frozen account still lets an existing hold resolve: the bank already answered.
    await ledger.setAccountStatus(alice.id, 'frozen')
    await ledger.createTransfer({
      kind: 'void',
      idempotencyKey: `void-${sequence}`,
      pendingId: hold.transferId,
    })
    expect(await ledger.getBalance(alice.id)).toMatchObject({ postedFen: 500, availableFen: 500 })
    await expectCode(
      ledger.createTransfer({
        kind: 'post',
        idempotencyKey: `post-after-void-${sequence}`,
        pendingId: hold.transferId,
      }),
      'TRANSFER_NOT_PENDING',
    )
    await expectCode(
      ledger.createTransfer({
        kind: 'post',
        idempotencyKey: `post-none-${sequence}`,
        pendingId: 8_000_000_000,
      }),
      'TRANSFER_NOT_FOUND',
    )
  })

  it('expires holds after their timeout and refuses a late post', async () => {
    const { alice, bob } = await world(500)
    const hold = await ledger.createTransfer({
      kind: 'pending',
      idempotencyKey: `hold-t-${sequence}`,
      code: 'REDPACKET_SEND',
      legs: [{ debitAccountId: alice.id, creditAccountId: bob.id, amountFen: 300 }],
      timeoutMs: 24 * 3600 * 1000,
    })
    await expectCode(
      ledger.createTransfer({
        kind: 'expire',
        idempotencyKey: `expire-early-${sequence}`,
        pendingId: hold.transferId,
      }),
      'PENDING_NOT_EXPIRED',
    )
    clock.advanceMs(24 * 3600 * 1000)
    await expectCode(
      ledger.createTransfer({
        kind: 'post',
        idempotencyKey: `post-late-${sequence}`,
        pendingId: hold.transferId,
      }),
      'PENDING_EXPIRED',
    )
    expect(await ledger.expirePendingTransfers()).toBeGreaterThanOrEqual(1)
    expect(await ledger.isPending(hold.transferId)).toBe(false)
    expect(await ledger.getBalance(alice.id)).toMatchObject({ postedFen: 500, availableFen: 500 })
    expect(await ledger.expirePendingTransfers()).toBe(0)
  })

  it('returns one result per transfer in a batch, each on its own', async () => {
    const { alice, bob } = await world(1_000)
    const outcomes = await ledger.createTransfers([
      {
        kind: 'posted',
        idempotencyKey: `b1-${sequence}`,
        code: 'TRANSFER',
        legs: [{ debitAccountId: alice.id, creditAccountId: bob.id, amountFen: 600 }],
      },
      {
        kind: 'posted',
        idempotencyKey: `b2-${sequence}`,
        code: 'TRANSFER',
        legs: [{ debitAccountId: alice.id, creditAccountId: bob.id, amountFen: 600 }],
      },
      {
        kind: 'posted',
        idempotencyKey: `b3-${sequence}`,
        code: 'TRANSFER',
        legs: [{ debitAccountId: alice.id, creditAccountId: bob.id, amountFen: 0 }],
      },
      {
        kind: 'posted',
        idempotencyKey: `b1-${sequence}`,
        code: 'TRANSFER',
        legs: [{ debitAccountId: alice.id, creditAccountId: bob.id, amountFen: 600 }],
      },
      {
        kind: 'posted',
        idempotencyKey: `b5-${sequence}`,
        code: 'TRANSFER',
        legs: [{ debitAccountId: alice.id, creditAccountId: bob.id, amountFen: 400 }],
      },
    ])
    expect(
      outcomes.map((outcome) => (outcome.ok ? (outcome.replayed ? 'exists' : 'ok') : outcome.code)),
    ).toEqual(['ok', 'NOT_ENOUGH', 'INVALID_AMOUNT', 'exists', 'ok'])
    expect((await ledger.getBalance(alice.id)).postedFen).toBe(0)
  })

  it('reads balances as of a past moment and pages entries newest first', async () => {
    const { alice, bob } = await world(0)
    const { source } = await world(0)
    const startMs = clock.nowMs()
    for (let index = 1; index <= 5; index++) {
      clock.advanceMs(60_000)
      await move(source, alice, index * 100, `hist-${sequence}-${index}`)
    }
    expect((await ledger.getBalanceAt(alice.id, startMs)).postedFen).toBe(0)
    expect((await ledger.getBalanceAt(alice.id, startMs + 2 * 60_000)).postedFen).toBe(300)
    expect((await ledger.getBalanceAt(alice.id, clock.nowMs())).postedFen).toBe(1_500)
    const first = await ledger.listEntries(alice.id, { limit: 2 })
    expect(first.entries.map((entry) => entry.version)).toEqual([5, 4])
    expect(first.nextBeforeVersion).toBe(4)
    const second = await ledger.listEntries(alice.id, { limit: 2, beforeVersion: 4 })
    expect(second.entries.map((entry) => entry.balanceAfterFen)).toEqual([600, 300])
    const last = await ledger.listEntries(alice.id, { limit: 2, beforeVersion: 2 })
    expect(last.entries).toHaveLength(1)
    expect(last.nextBeforeVersion).toBeNull()
    expect(bob.id).toBeGreaterThan(0)
  })

  it('keeps journal rows append-only', async () => {
    const { alice, bob } = await world(100)
    const created = await move(alice, bob, 1, `immutable-${sequence}`)
    const appendOnly = { code: SQLSTATE.appendOnlyRow, message: /append-only/ }
    const id = created.transferId
    await expect(
      sql`UPDATE ledger_transfers SET code = 'FEE' WHERE id = ${id}`.execute(database.db),
    ).rejects.toMatchObject(appendOnly)
    await expect(
      sql`DELETE FROM ledger_entries WHERE transfer_id = ${id}`.execute(database.db),
    ).rejects.toMatchObject(appendOnly)
  })
})

describe(`ledger check on ${testDatabaseKind()}`, () => {
  it('reports a tampered balance and a broken journal', async () => {
    const scratch = await openTestDatabase()
    try {
      const scratchLedger = createLedger({ database: scratch, clock })
      const from = await scratchLedger.openAccount({
        ownerKind: 'platform',
        ownerId: 'p',
        purpose: 'src',
        currency: 'CNY',
      })
      const to = await scratchLedger.openAccount({
        ownerKind: 'user',
        ownerId: 'u',
        purpose: 'balance',
        currency: 'CNY',
      })
      await scratchLedger.createTransfer({
        kind: 'posted',
        idempotencyKey: 'k1',
        code: 'TOPUP',
        legs: [{ debitAccountId: from.id, creditAccountId: to.id, amountFen: 100 }],
      })
      expect((await scratchLedger.check()).ok).toBe(true)
      await sql`UPDATE ledger_accounts SET credits_posted = credits_posted + 1 WHERE id = ${to.id}`.execute(
        scratch.db,
      )
      const report = await scratchLedger.check()
      expect(report.ok).toBe(false)
      expect(report.problems.join('\n')).toMatch(/sum to zero/)
      expect(report.problems.join('\n')).toMatch(/sum of its entries/)
    } finally {
      await scratch.close()
    }
  })
})
