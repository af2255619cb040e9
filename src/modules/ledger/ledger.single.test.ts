/**
 * A refused single-leg transfer changes nothing, whichever of its two accounts (the lower or the
 * higher id, the order they are locked in) refuses it, and a retry of a created one changes
 * nothing either: no balance, no version; the answer names the refusing account; the books check.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ManualClock } from '../../adapters/clock/index.ts'
import type { DatabaseHandle } from '../../adapters/db/index.ts'
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

async function open(name: string): Promise<Account> {
  sequence += 1
  return ledger.openAccount({
    ownerKind: 'user',
    ownerId: `${name}-${sequence}`,
    purpose: 'balance',
    currency: 'CNY',
    debitsMustNotExceedCredits: true,
  })
}

/** A funded balance, opened before `later` accounts so its id is the lower one. */
async function funded(amountFen: number): Promise<Account> {
  const source = await ledger.openAccount({
    ownerKind: 'platform',
    ownerId: 'platform',
    purpose: `single-source-${++sequence}`,
    currency: 'CNY',
  })
  const account = await open('funded')
  if (amountFen > 0) await send(source, account, amountFen, `fund-${sequence}`)
  return account
}

function send(from: Account, to: Account, amountFen: number, idempotencyKey: string) {
  return ledger.createTransfer({
    kind: 'posted',
    idempotencyKey,
    code: 'TRANSFER',
    legs: [{ debitAccountId: from.id, creditAccountId: to.id, amountFen }],
  })
}

async function states(...accounts: Account[]) {
  return ledger.getBalances(accounts.map((account) => account.id))
}

describe(`single transfers on ${testDatabaseKind()}`, () => {
  it('changes nothing when the higher-id credit account refuses', async () => {
    const payer = await funded(1_000)
    const frozen = await open('frozen')
    expect(payer.id).toBeLessThan(frozen.id)
    await ledger.setAccountStatus(frozen.id, 'frozen')
    const before = await states(payer, frozen)
    await expect(send(payer, frozen, 100, `to-frozen-${sequence}`)).rejects.toMatchObject({
      code: 'ACCOUNT_FROZEN',
      details: { accountId: frozen.id },
    })
    expect(await states(payer, frozen)).toEqual(before)
  })

  it('changes nothing when the higher-id debit account has not enough', async () => {
    const receiver = await funded(0)
    const poor = await open('poor')
    expect(receiver.id).toBeLessThan(poor.id)
    const before = await states(receiver, poor)
    await expect(send(poor, receiver, 1, `from-poor-${sequence}`)).rejects.toMatchObject({
      code: 'NOT_ENOUGH',
      details: { accountId: poor.id },
    })
    expect(await states(receiver, poor)).toEqual(before)
  })

  it('changes nothing on a retry', async () => {
    const payer = await funded(1_000)
    const friend = await open('friend')
    const first = await send(payer, friend, 300, `once-${sequence}`)
    const afterFirst = await states(payer, friend)
    const retry = await send(payer, friend, 300, `once-${sequence}`)
    expect(retry).toEqual({ ...first, replayed: true })
    expect(await states(payer, friend)).toEqual(afterFirst)
    expect(afterFirst.map((balance) => balance.postedFen)).toEqual([700, 300])
  })
})
