/**
 * Every top-up and withdrawal writes its 账单 record with the operation's own status changes:
 * PROCESSING while the bank has not answered, then SUCCEEDED (with the balance after) or FAILED
 * (a bank refusal too). A withdrawal's record is what left the balance, fee included. The
 * backfill writes the records of older operations once and never overwrites a newer one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ManualClock } from '../../adapters/clock/index.ts'
import { createTestApp, type TestApp } from '../../test-support/app.ts'
import { startTestBank, type TestBank } from '../../test-support/bank.ts'
import { testDatabaseKind } from '../../test-support/database.ts'
import {
  balanceOf,
  bindCard,
  moneyRequest,
  openWalletUser,
  type WalletUser,
} from '../../test-support/wallet-user.ts'

const ZHANG_DEBIT = '6222020000000000018'
let app: TestApp
let bank: TestBank
let zhang: WalletUser
let cardId: string

beforeAll(async () => {
  const clock = new ManualClock()
  bank = await startTestBank({ clock: () => clock.nowMs(), hangMs: 1_500 })
  app = await createTestApp({ bankUrl: bank.url, clock, bankTimeoutMs: 500 })
  zhang = await openWalletUser(app, '13800000001')
  cardId = await bindCard(app, zhang, { cardNumber: ZHANG_DEBIT })
})

afterAll(async () => {
  await app.close()
  await bank.close()
})

async function recordOf(operationId: string) {
  const page = await app.records.list(zhang.userId, { limit: 100 })
  return page.records.find((record) => record.sourceId === operationId)
}

describe(`the wallet writes its records on ${testDatabaseKind()}`, () => {
  it('a top-up: one SUCCEEDED record with the bank card and the balance after', async () => {
    const response = await moneyRequest(app, zhang, 'top-ups', cardId, 100_000)
    expect(response.json().status).toBe('SUCCEEDED')
    expect(await recordOf(response.json().id)).toMatchObject({
      sourceKind: 'TOPUP',
      direction: 'in',
      amountFen: 100_000,
      status: 'SUCCEEDED',
      title: '零钱充值',
      counterparty: { kind: 'bank', id: 'ICBC', name: '中国工商银行' },
      method: { kind: 'card', cardId, label: '中国工商银行(0018)' },
      balanceAfterFen: 100_000,
      detail: { operationId: response.json().id, feeFen: 0, failureCode: null },
    })
  })

  it('a withdrawal: amount plus fee out, and the balance after it', async () => {
    const response = await moneyRequest(app, zhang, 'withdrawals', cardId, 150_000 - 100_000)
    expect(response.json().status).toBe('SUCCEEDED')
    const balance = await balanceOf(app, zhang)
    const record = await recordOf(response.json().id)
    expect(record).toMatchObject({
      sourceKind: 'WITHDRAW',
      direction: 'out',
      amountFen: 50_000 + response.json().feeFen,
      status: 'SUCCEEDED',
      title: '零钱提现',
      balanceAfterFen: balance.balanceFen,
    })
  })

  it('a bank refusal: the record says FAILED with the reason, no balance after', async () => {
    await bank.admin('POST', '/admin/faults', { bankCode: 'ICBC', mode: 'DOWN', count: 1 })
    const response = await moneyRequest(app, zhang, 'withdrawals', cardId, 5_000)
    expect(response.json().status).toBe('FAILED')
    expect(await recordOf(response.json().id)).toMatchObject({
      status: 'FAILED',
      balanceAfterFen: null,
      detail: { failureCode: 'BANK_UNAVAILABLE' },
    })
    const statement = await app.records.statement(
      zhang.userId,
      new Date(app.clock.nowMs() + 8 * 3600_000).toISOString().slice(0, 7),
    )
    // The failed withdrawal moved nothing: only the successful two count (不计收支).
    expect(statement.ownMoney.inFen).toBe(100_000)
    expect(statement.ownMoney.outFen).toBe(50_000)
  })

  it('an unanswered top-up is PROCESSING, then SUCCEEDED when the resolver settles it', async () => {
    await bank.admin('POST', '/admin/faults', {
      cardNumber: ZHANG_DEBIT,
      mode: 'TIMEOUT_AFTER',
      count: 1,
    })
    const response = await moneyRequest(app, zhang, 'top-ups', cardId, 20_000)
    expect(response.json().status).toBe('PROCESSING')
    expect(await recordOf(response.json().id)).toMatchObject({
      status: 'PROCESSING',
      balanceAfterFen: null,
    })
    app.clock.advanceMs(60_000)
    expect(await app.wallet.resolveProcessing()).toBe(1)
    expect(await recordOf(response.json().id)).toMatchObject({
      status: 'SUCCEEDED',
      balanceAfterFen: (await balanceOf(app, zhang)).balanceFen,
    })
  })

  it('the backfill adds nothing twice and leaves newer records alone', async () => {
    const before = (await app.records.list(zhang.userId, { limit: 100 })).records
    expect(await app.wallet.backfillRecords()).toBe(before.length)
    expect(await app.wallet.backfillRecords()).toBe(before.length)
    const after = (await app.records.list(zhang.userId, { limit: 100 })).records
    expect(after).toEqual(before)
  })
})
