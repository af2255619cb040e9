/**
 * The set-based batch path (ledger_create_simple_transfers) must answer exactly as the
 * per-transfer path would: same results, same entries, same balances. Each case runs the same
 * batches through two ledgers on mirrored accounts, one taking the set path and one forced to
 * decide transfer by transfer, and compares everything but ids.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ManualClock } from '../../adapters/clock/index.ts'
import type { DatabaseHandle } from '../../adapters/db/index.ts'
import { openTestDatabase, testDatabaseKind } from '../../test-support/database.ts'
import {
  type Account,
  type BatchPath,
  createLedger,
  type Ledger,
  type TransferOutcome,
  type TransferRequest,
} from './index.ts'

let database: DatabaseHandle
const clock = new ManualClock()
const paths: BatchPath[] = []
let setLedger: Ledger
let eachLedger: Ledger
let worldSequence = 0

beforeAll(async () => {
  database = await openTestDatabase()
  setLedger = createLedger({
    database,
    clock,
    writer: { setBatchMin: 2, onBatch: (_size, _durationMs, path) => paths.push(path) },
  })
  // The same code with the set path switched off: the reference every answer is compared with.
  eachLedger = createLedger({ database, clock, writer: { setBatchMin: Number.MAX_SAFE_INTEGER } })
})

afterAll(async () => {
  const report = await setLedger.check()
  expect(report.problems).toEqual([])
  await database.close()
})

const USERS = 5

interface World {
  name: string
  ledger: Ledger
  /** [0] source (unlimited), [1..USERS] user balances, [USERS+1] merchant (credits limited), [USERS+2] frozen user. */
  accounts: Account[]
}

async function openWorld(ledger: Ledger, name: string, fundFen: number): Promise<World> {
  const open = (ownerId: string, purpose: string, flags: object) =>
    ledger.openAccount({ ownerKind: 'user', ownerId, purpose, currency: 'CNY', ...flags })
  const accounts: Account[] = [
    await ledger.openAccount({
      ownerKind: 'platform',
      ownerId: 'platform',
      purpose: `src_${name}`,
      currency: 'CNY',
    }),
  ]
  for (let index = 1; index <= USERS; index++) {
    accounts.push(await open(`${name}-u${index}`, 'balance', { debitsMustNotExceedCredits: true }))
  }
  accounts.push(await open(`${name}-merchant`, 'settlement', { creditsMustNotExceedDebits: true }))
  accounts.push(await open(`${name}-frozen`, 'balance', { debitsMustNotExceedCredits: true }))
  const funding = accounts.slice(1, USERS + 1).map((account, index): TransferRequest => ({
    kind: 'posted',
    idempotencyKey: `${name}-fund-${index}`,
    code: 'TOPUP',
    legs: [{ debitAccountId: accounts[0]!.id, creditAccountId: account.id, amountFen: fundFen }],
  }))
  // The merchant account may only be credited what it was debited first.
  funding.push({
    kind: 'posted',
    idempotencyKey: `${name}-fund-merchant`,
    code: 'TOPUP',
    legs: [
      {
        debitAccountId: accounts[USERS + 1]!.id,
        creditAccountId: accounts[0]!.id,
        amountFen: fundFen,
      },
    ],
  })
  expect((await ledger.createTransfers(funding)).every((outcome) => outcome.ok)).toBe(true)
  await ledger.setAccountStatus(accounts[USERS + 2]!.id, 'frozen')
  return { name, ledger, accounts }
}

/** A transfer described by account positions in a world, so it can be replayed in its mirror. */
interface Move {
  kind: 'posted' | 'pending'
  key: number
  from: number
  to: number
  amountFen: number
  timeoutMs?: number
  note?: string
}

function toRequest(world: World, move: Move): TransferRequest {
  const legs = [
    {
      debitAccountId: world.accounts[move.from]!.id,
      creditAccountId: world.accounts[move.to]!.id,
      amountFen: move.amountFen,
    },
  ]
  const base = {
    idempotencyKey: `${world.name}-k${move.key}`,
    code: 'TRANSFER' as const,
    legs,
    ...(move.note === undefined ? {} : { metadata: { note: move.note } }),
  }
  return move.kind === 'posted'
    ? { kind: 'posted', ...base }
    : {
        kind: 'pending',
        ...base,
        ...(move.timeoutMs === undefined ? {} : { timeoutMs: move.timeoutMs }),
      }
}

/** Outcomes without ids (ids differ between the worlds, and ids of replays point into each). */
function comparable(outcome: TransferOutcome) {
  if (outcome.ok) return { ok: true, replayed: outcome.replayed, atMs: outcome.createdAtMs }
  const { accountId, ...details } = outcome.details as { accountId?: number }
  return {
    ok: false,
    code: outcome.code,
    accountIsSet: accountId !== undefined,
    details: Object.keys(details).sort(),
  }
}

async function journal(world: World) {
  const accounts = []
  for (const account of world.accounts) {
    const balance = await world.ledger.getBalance(account.id)
    const page = await world.ledger.listEntries(account.id, { limit: 200 })
    accounts.push({
      balance: { ...balance, accountId: 0 },
      entries: page.entries.map((entry) => ({ ...entry, accountId: 0, transferId: 0 })),
    })
  }
  return accounts
}

const moveArbitrary = fc.record({
  kind: fc.constantFrom('posted' as const, 'posted' as const, 'pending' as const),
  // Few keys, so batches repeat keys (retries, and the same key with other content).
  key: fc.integer({ min: 0, max: 60 }),
  from: fc.integer({ min: 0, max: USERS + 2 }),
  to: fc.integer({ min: 0, max: USERS + 2 }),
  // Mostly affordable, sometimes more than a balance holds.
  amountFen: fc.oneof(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 3_000 })),
  timeoutMs: fc.option(fc.integer({ min: 1_000, max: 60_000 }), { nil: undefined }),
  note: fc.option(fc.constantFrom('a', '红包', 'order-1'), { nil: undefined }),
})

describe(`set-based ledger batches on ${testDatabaseKind()}`, () => {
  it('answers every batch exactly as the per-transfer path does', async () => {
    paths.length = 0
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(moveArbitrary, { minLength: 2, maxLength: 40 }), {
          minLength: 1,
          maxLength: 6,
        }),
        async (batches) => {
          worldSequence += 1
          const viaSet = await openWorld(setLedger, `s${worldSequence}`, 2_000)
          const viaEach = await openWorld(eachLedger, `e${worldSequence}`, 2_000)
          for (const batch of batches) {
            // A leg from an account to itself is refused in TypeScript before the database.
            const moves = batch.map((move) =>
              move.from === move.to ? { ...move, to: (move.to + 1) % (USERS + 3) } : move,
            )
            const setOutcomes = await viaSet.ledger.createTransfers(
              moves.map((move) => toRequest(viaSet, move)),
            )
            const eachOutcomes = await viaEach.ledger.createTransfers(
              moves.map((move) => toRequest(viaEach, move)),
            )
            expect(setOutcomes.map(comparable)).toEqual(eachOutcomes.map(comparable))
            clock.advanceMs(1_500)
          }
          expect(await journal(viaSet)).toEqual(await journal(viaEach))
        },
      ),
      { numRuns: testDatabaseKind() === 'pglite' ? 25 : 50, seed: 20261203 },
    )
    // Both paths were exercised: batches the set path applied whole, and batches it handed over.
    expect(paths.filter((path) => path === 'set').length).toBeGreaterThan(10)
    expect(paths.filter((path) => path === 'each').length).toBeGreaterThan(10)
  })

  it('applies an all-valid batch on the set path, and hands a batch with a refusal to the per-transfer path', async () => {
    worldSequence += 1
    const world = await openWorld(setLedger, `p${worldSequence}`, 1_000)
    const good: Move[] = [
      { kind: 'posted', key: 1, from: 1, to: 2, amountFen: 600 },
      { kind: 'pending', key: 2, from: 1, to: 3, amountFen: 400, timeoutMs: 5_000 },
      { kind: 'posted', key: 3, from: 2, to: 1, amountFen: 1_600 },
    ]
    paths.length = 0
    const outcomes = await world.ledger.createTransfers(good.map((move) => toRequest(world, move)))
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, true, true])
    expect(paths).toEqual(['set'])
    // Account 1: +1000 funding, -600, +1600 from account 2 → 2000 posted; 400 held.
    expect(await world.ledger.getBalance(world.accounts[1]!.id)).toMatchObject({
      postedFen: 2_000,
      availableFen: 1_600,
    })

    paths.length = 0
    const mixed = await world.ledger.createTransfers(
      [
        { kind: 'posted', key: 4, from: 3, to: 4, amountFen: 900 },
        { kind: 'posted', key: 5, from: 3, to: 4, amountFen: 200 },
        { kind: 'posted', key: 6, from: 5, to: 4, amountFen: 5 },
      ].map((move) => toRequest(world, move as Move)),
    )
    expect(paths).toEqual(['each'])
    expect(mixed.map((outcome) => (outcome.ok ? 'ok' : outcome.code))).toEqual([
      'ok',
      'NOT_ENOUGH',
      'ok',
    ])

    // The whole first batch again: every transfer answers as the original, nothing moves twice.
    paths.length = 0
    const retried = await world.ledger.createTransfers(good.map((move) => toRequest(world, move)))
    expect(paths).toEqual(['each'])
    expect(retried.map((outcome) => outcome.ok && outcome.replayed)).toEqual([true, true, true])
    expect(retried.map((outcome) => outcome.ok && outcome.transferId)).toEqual(
      outcomes.map((outcome) => outcome.ok && outcome.transferId),
    )
  })

  it("counts holds and the batch's own earlier legs against every limit, to the fen", async () => {
    worldSequence += 1
    const world = await openWorld(setLedger, `l${worldSequence}`, 1_000)
    const merchant = USERS + 1
    const run = async (moves: Move[]) => {
      paths.length = 0
      const outcomes = await world.ledger.createTransfers(
        moves.map((move) => toRequest(world, move)),
      )
      return {
        codes: outcomes.map((outcome) => (outcome.ok ? 'ok' : outcome.code)),
        paths: [...paths],
      }
    }
    // A hold of 600 and a spend of 400 use the balance exactly; the merchant takes exactly its 1000.
    expect(
      await run([
        { kind: 'pending', key: 1, from: 1, to: 2, amountFen: 600 },
        { kind: 'posted', key: 2, from: 1, to: 2, amountFen: 400 },
        { kind: 'posted', key: 3, from: 0, to: merchant, amountFen: 700 },
        { kind: 'pending', key: 4, from: 0, to: merchant, amountFen: 300 },
      ]),
    ).toEqual({ codes: ['ok', 'ok', 'ok', 'ok'], paths: ['set'] })
    expect(await world.ledger.getBalance(world.accounts[1]!.id)).toMatchObject({
      postedFen: 600,
      availableFen: 0,
    })
    // One fen more on either limit is refused, and only that transfer.
    expect(
      await run([
        { kind: 'posted', key: 5, from: 2, to: 3, amountFen: 1_400 },
        { kind: 'pending', key: 6, from: 1, to: 3, amountFen: 1 },
      ]),
    ).toEqual({ codes: ['ok', 'NOT_ENOUGH'], paths: ['each'] })
    expect(
      await run([
        { kind: 'pending', key: 7, from: 0, to: merchant, amountFen: 1 },
        { kind: 'posted', key: 8, from: 0, to: 4, amountFen: 1 },
      ]),
    ).toEqual({ codes: ['CREDITS_EXCEED_DEBITS', 'ok'], paths: ['each'] })
    // Money received earlier in the same batch can be spent later in it.
    expect(
      await run([
        { kind: 'posted', key: 9, from: 3, to: 1, amountFen: 2_000 },
        { kind: 'posted', key: 10, from: 1, to: 4, amountFen: 2_000 },
      ]),
    ).toEqual({ codes: ['ok', 'ok'], paths: ['set'] })
  })

  it('keeps concurrent overlapping batches consistent (no deadlock, no lost update)', async () => {
    worldSequence += 1
    const world = await openWorld(setLedger, `c${worldSequence}`, 1_000_000)
    const users = world.accounts.slice(1, USERS + 1)
    let key = 0
    const batch = (offset: number): TransferRequest[] =>
      Array.from({ length: 200 }, (_, index) => ({
        kind: 'posted',
        idempotencyKey: `${world.name}-x${key++}`,
        code: 'TRANSFER',
        legs: [
          {
            debitAccountId: users[(index + offset) % USERS]!.id,
            creditAccountId: users[(index + offset + 1 + (index % (USERS - 1))) % USERS]!.id,
            amountFen: 1 + index,
          },
        ],
      }))
    const batches = Array.from({ length: 8 }, (_, index) => batch(index))
    const expectedFen = new Map(users.map((user) => [user.id, 1_000_000]))
    for (const request of batches.flat()) {
      const leg = request.kind === 'posted' ? request.legs[0]! : undefined
      expectedFen.set(leg!.debitAccountId, expectedFen.get(leg!.debitAccountId)! - leg!.amountFen)
      expectedFen.set(leg!.creditAccountId, expectedFen.get(leg!.creditAccountId)! + leg!.amountFen)
    }
    const outcomes = (
      await Promise.all(batches.map((requests) => world.ledger.createTransfers(requests)))
    ).flat()
    expect(outcomes.filter((outcome) => !outcome.ok)).toEqual([])
    for (const user of users) {
      const balance = await world.ledger.getBalance(user.id)
      expect(balance.postedFen).toBe(expectedFen.get(user.id))
      const newest = (await world.ledger.listEntries(user.id, { limit: 1 })).entries[0]!
      expect(newest.balanceAfterFen).toBe(balance.postedFen)
    }
    const report = await world.ledger.check()
    expect(report.problems).toEqual([])
  })
})
