/**
 * Random sequences of transfers, holds, posts, voids, expiries and retries against a simple
 * in-memory model: every outcome and every balance must match the model, and the invariants
 * must hold after every sequence.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ManualClock } from '../../adapters/clock/index.ts'
import type { DatabaseHandle } from '../../adapters/db/index.ts'
import { openTestDatabase, testDatabaseKind } from '../../test-support/database.ts'
import { createLedger, type Ledger, type TransferOutcome, type TransferRequest } from './index.ts'

const USERS = 4
const HOLD_TIMEOUT_MS = 60_000

type Operation =
  | {
      type: 'transfer'
      from: number
      to: number
      amountFen: number
      pending: boolean
      timeout: boolean
    }
  | { type: 'split'; from: number; to: number; fee: number; amountFen: number }
  | { type: 'post'; pick: number; partialFen: number | null }
  | { type: 'void'; pick: number }
  | { type: 'advance'; ms: number }
  | { type: 'retry'; pick: number; tamper: boolean }

// Account 0 is the unrestricted source (a bank clearing account); 1..USERS are user balances.
const account = fc.integer({ min: 0, max: USERS })
const operation: fc.Arbitrary<Operation> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      type: fc.constant('transfer' as const),
      from: account,
      to: account,
      amountFen: fc.integer({ min: 1, max: 5_000 }),
      pending: fc.boolean(),
      timeout: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('split' as const),
      from: account,
      to: account,
      fee: account,
      amountFen: fc.integer({ min: 1, max: 3_000 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('post' as const),
      pick: fc.nat(),
      partialFen: fc.option(fc.integer({ min: 1, max: 5_000 })),
    }),
  },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('void' as const), pick: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('advance' as const),
      ms: fc.integer({ min: 1_000, max: 90_000 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('retry' as const),
      pick: fc.nat(),
      tamper: fc.boolean(),
    }),
  },
)

interface ModelAccount {
  debitsPosted: number
  creditsPosted: number
  debitsPending: number
  creditsPending: number
  limited: boolean
}

interface ModelHold {
  id: number
  legs: [number, number, number][]
  timeoutAtMs: number | null
  resolved: boolean
}

class Model {
  accounts: ModelAccount[] = Array.from({ length: USERS + 1 }, (_, index) => ({
    debitsPosted: 0,
    creditsPosted: 0,
    debitsPending: 0,
    creditsPending: 0,
    limited: index > 0,
  }))
  holds: ModelHold[] = []

  /** The outcome the ledger must give for new legs (indexes into accounts). */
  check(legs: [number, number, number][], posted: boolean): string {
    if (legs.some(([from, to]) => from === to)) return 'INVALID_REQUEST'
    const debit = new Map<number, number>()
    const credit = new Map<number, number>()
    for (const [from, to, amount] of legs) {
      debit.set(from, (debit.get(from) ?? 0) + amount)
      credit.set(to, (credit.get(to) ?? 0) + amount)
    }
    for (const [index, amount] of [...debit].sort(([a], [b]) => a - b)) {
      const state = this.accounts[index] as ModelAccount
      const credited = posted ? (credit.get(index) ?? 0) : 0
      if (
        state.limited &&
        state.debitsPosted + state.debitsPending + amount > state.creditsPosted + credited
      ) {
        return 'NOT_ENOUGH'
      }
    }
    return 'ok'
  }

  apply(legs: [number, number, number][], postedFen: number[], pendingFen: number[]): void {
    legs.forEach(([from, to], index) => {
      const debit = this.accounts[from] as ModelAccount
      const credit = this.accounts[to] as ModelAccount
      debit.debitsPosted += postedFen[index] as number
      credit.creditsPosted += postedFen[index] as number
      debit.debitsPending += pendingFen[index] as number
      credit.creditsPending += pendingFen[index] as number
    })
  }
}

let database: DatabaseHandle
let ledger: Ledger
let run = 0

beforeAll(async () => {
  database = await openTestDatabase()
})

afterAll(async () => {
  await database.close()
})

function outcomeName(outcome: TransferOutcome): string {
  if (!outcome.ok) return outcome.code
  return outcome.replayed ? 'exists' : 'ok'
}

async function runSequence(operations: Operation[]): Promise<void> {
  run += 1
  const clock = new ManualClock()
  ledger = createLedger({ database, clock })
  const ids: number[] = []
  for (let index = 0; index <= USERS; index++) {
    const opened = await ledger.openAccount({
      ownerKind: index === 0 ? 'platform' : 'user',
      ownerId: `prop-${run}-${index}`,
      purpose: 'balance',
      currency: 'CNY',
      debitsMustNotExceedCredits: index > 0,
    })
    ids.push(opened.id)
  }
  const model = new Model()
  const sent: { request: TransferRequest; transferId: number | null }[] = []
  const idOf = (index: number) => ids[index] as number

  for (const [step, op] of operations.entries()) {
    const key = `p${run}-${step}`
    let request: TransferRequest | undefined
    let expected = 'ok'
    let effect: () => void = () => {}
    if (op.type === 'advance') {
      clock.advanceMs(op.ms)
      continue
    }
    if (op.type === 'transfer' || op.type === 'split') {
      const legs: [number, number, number][] =
        op.type === 'transfer'
          ? [[op.from, op.to, op.amountFen]]
          : [
              [op.from, op.to, op.amountFen],
              [op.to, op.fee, Math.max(1, Math.floor(op.amountFen / 100))],
            ]
      const pending = op.type === 'transfer' && op.pending
      const timeoutAtMs =
        op.type === 'transfer' && op.timeout ? clock.nowMs() + HOLD_TIMEOUT_MS : null
      expected = model.check(legs, !pending)
      request = {
        kind: pending ? 'pending' : 'posted',
        idempotencyKey: key,
        code: 'TRANSFER',
        legs: legs.map(([from, to, amountFen]) => ({
          debitAccountId: idOf(from),
          creditAccountId: idOf(to),
          amountFen,
        })),
        ...(pending && timeoutAtMs !== null ? { timeoutMs: HOLD_TIMEOUT_MS } : {}),
      } as TransferRequest
      const zeros = legs.map(() => 0)
      const amounts = legs.map((leg) => leg[2])
      effect = pending
        ? () => model.apply(legs, zeros, amounts)
        : () => model.apply(legs, amounts, zeros)
      if (pending) {
        const holdLegs = legs
        effect = () => {
          model.apply(holdLegs, zeros, amounts)
          model.holds.push({ id: -1, legs: holdLegs, timeoutAtMs, resolved: false })
        }
      }
    } else if (op.type === 'post' || op.type === 'void') {
      if (model.holds.length === 0) continue
      const hold = model.holds[op.pick % model.holds.length] as ModelHold
      const expired = hold.timeoutAtMs !== null && hold.timeoutAtMs <= clock.nowMs()
      const amounts = hold.legs.map((leg) => leg[2])
      const release = amounts.map((amount) => -amount)
      if (op.type === 'post') {
        const partial = op.partialFen
        request = {
          kind: 'post',
          idempotencyKey: key,
          pendingId: hold.id,
          ...(partial !== null ? { amountFen: partial } : {}),
        }
        const posted = partial === null ? amounts : [partial]
        expected = hold.resolved
          ? 'TRANSFER_NOT_PENDING'
          : expired
            ? 'PENDING_EXPIRED'
            : partial !== null && partial > (amounts[0] as number)
              ? 'AMOUNT_EXCEEDS_PENDING'
              : 'ok'
        effect = () => {
          model.apply(hold.legs, posted, release)
          hold.resolved = true
        }
      } else {
        request = { kind: 'void', idempotencyKey: key, pendingId: hold.id }
        expected = hold.resolved ? 'TRANSFER_NOT_PENDING' : 'ok'
        effect = () => {
          model.apply(
            hold.legs,
            amounts.map(() => 0),
            release,
          )
          hold.resolved = true
        }
      }
    } else {
      if (sent.length === 0) continue
      const previous = sent[op.pick % sent.length] as {
        request: TransferRequest
        transferId: number | null
      }
      if (previous.transferId === null) continue
      const tampered = op.tamper
        ? { ...previous.request, metadata: { tampered: true } }
        : previous.request
      const outcome = await ledger.createTransfer(tampered).then(
        (created) => `${created.replayed ? 'exists' : 'ok'}:${created.transferId}`,
        (error: { code: string }) => error.code,
      )
      expect(outcome).toBe(op.tamper ? 'IDEMPOTENCY_CONFLICT' : `exists:${previous.transferId}`)
      continue
    }
    if (request === undefined) continue
    const [outcome] = await ledger.createTransfers([request])
    expect(outcomeName(outcome as TransferOutcome), `step ${step} ${JSON.stringify(op)}`).toBe(
      expected,
    )
    if (outcome?.ok === true) {
      effect()
      const last = model.holds.at(-1)
      if (last !== undefined && last.id === -1) last.id = outcome.transferId
      sent.push({ request, transferId: outcome.transferId })
    }
  }

  // Expire what is due, as the sweep would, then compare every balance with the model.
  const nowMs = clock.nowMs()
  await ledger.expirePendingTransfers()
  for (const hold of model.holds) {
    if (!hold.resolved && hold.timeoutAtMs !== null && hold.timeoutAtMs <= nowMs) {
      model.apply(
        hold.legs,
        hold.legs.map(() => 0),
        hold.legs.map((leg) => -leg[2]),
      )
      hold.resolved = true
    }
  }
  const balances = await ledger.getBalances(ids)
  balances.forEach((balance, index) => {
    const state = model.accounts[index] as ModelAccount
    expect(balance.postedFen, `account ${index} posted`).toBe(
      state.creditsPosted - state.debitsPosted,
    )
    expect(balance.debitsPendingFen, `account ${index} pending debits`).toBe(state.debitsPending)
    expect(balance.creditsPendingFen, `account ${index} pending credits`).toBe(state.creditsPending)
    if (state.limited) expect(balance.availableFen).toBeGreaterThanOrEqual(0)
  })
}

describe(`ledger model on ${testDatabaseKind()}`, () => {
  it('matches a simple in-memory model for random operation sequences', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 5, maxLength: 40 }), runSequence),
      { numRuns: 40, seed: Number(process.env.LQ_PROPERTY_SEED ?? Date.now() % 1_000_000) },
    )
    const report = await ledger.check()
    expect(report.problems).toEqual([])
    // Random sequences vary; at least some of them must have moved money.
    expect(report.stats.transfers).toBeGreaterThan(10)
  })
})
