/**
 * The admin console's read-outs against the bank simulator: the overview's counts, a user's
 * money (cards masked to bank + last 4) and the reconciliation report's rows and totals.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ManualClock } from '../../adapters/clock/index.ts'
import { createTestApp, type TestApp } from '../../test-support/app.ts'
import { startTestBank, type TestBank } from '../../test-support/bank.ts'
import { testDatabaseKind } from '../../test-support/database.ts'
import { requestCode } from '../../test-support/identity.ts'
import { type SignedInOperator, signInOperator } from '../../test-support/operators.ts'
import {
  bindCard,
  moneyRequest,
  openWalletUser,
  type WalletUser,
} from '../../test-support/wallet-user.ts'
import { shanghaiDate } from '../../shared/shanghai-time.ts'
import { buildServer } from '../server.ts'
import { demoResident } from '../../../demo/residents.ts'
import { signIn } from '../../test-support/identity.ts'

const ZHANG_DEBIT = '6222020000000000018'
let app: TestApp
let bank: TestBank
let zhang: WalletUser
let cardId: string
let support: SignedInOperator
let admin: SignedInOperator

beforeAll(async () => {
  const clock = new ManualClock()
  bank = await startTestBank({ clock: () => clock.nowMs(), hangMs: 1_500 })
  app = await createTestApp({ bankUrl: bank.url, clock, bankTimeoutMs: 500 })
  zhang = await openWalletUser(app, '13800000001')
  cardId = await bindCard(app, zhang, { cardNumber: ZHANG_DEBIT })
  for (const [amountFen, key] of [
    [1_234_56, 'top-1'],
    [1_00, 'top-2'],
  ] as const) {
    clock.advanceMs(1_000)
    const response = await moneyRequest(app, zhang, 'top-ups', cardId, amountFen, key)
    expect(response.statusCode, response.body).toBe(200)
  }
  support = await signInOperator(app, 'support')
  admin = await signInOperator(app, 'admin')
})

afterAll(async () => {
  await app.close()
  await bank.close()
})

function get(url: string, operator: SignedInOperator) {
  return app.server.inject({ method: 'GET', url, headers: operator.auth })
}

describe(`the admin console's read-outs on ${testDatabaseKind()}`, () => {
  it("shows any role a user's balance, cards as bank + last 4, and newest movements", async () => {
    for (const operator of [support, admin]) {
      const response = await get(`/api/v1/admin/users/${zhang.userId}/money`, operator)
      expect(response.statusCode, response.body).toBe(200)
      const money = response.json()
      expect(money.balance).toEqual({
        balanceFen: 1_235_56,
        availableFen: 1_235_56,
        pendingInFen: 0,
        pendingOutFen: 0,
      })
      expect(money.cards).toEqual([
        expect.objectContaining({ id: cardId, last4: '0018', isDefault: true }),
      ])
      expect(response.body).not.toContain(ZHANG_DEBIT)
      expect(
        money.operations.map((operation: { amountFen: number }) => operation.amountFen),
      ).toEqual([1_00, 1_234_56])
    }
    for (const userId of ['u_doesnotexist00000000', 'nonsense']) {
      const unknown = await get(`/api/v1/admin/users/${userId}/money`, admin)
      expect([unknown.statusCode, unknown.json().code]).toEqual([404, 'NOT_FOUND'])
    }
    const user = await app.server.inject({
      method: 'GET',
      url: `/api/v1/admin/users/${zhang.userId}/money`,
      headers: zhang.auth,
    })
    expect(user.statusCode).toBe(401)
  })

  it('lists matched and mismatched movements with both sides and the totals in fen', async () => {
    const requestId = 'unknown-to-wallet-1'
    const direct = await fetch(`${bank.url}/v1/debits`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        requestId,
        cardNumber: ZHANG_DEBIT,
        amountFen: 5_00,
        purpose: 'PAYMENT',
      }),
    })
    expect(direct.status).toBe(200)
    const date = shanghaiDate(app.clock.nowMs())
    const report = (await get(`/api/v1/admin/reconciliation?date=${date}`, support)).json()
    expect(report.matched).toBe(2)
    expect(report.matchedMovements).toHaveLength(2)
    expect(
      report.matchedMovements.map((row: { amountFen: number }) => row.amountFen).sort(),
    ).toEqual([1_00, 1_234_56].sort())
    expect(report.mismatches).toEqual([
      { requestId, problem: 'MISSING_IN_WALLET', walletAmountFen: null, bankAmountFen: 5_00 },
    ])
    expect(report.totals).toEqual({
      walletFen: 1_235_56,
      bankFen: 1_240_56,
      matchedFen: 1_235_56,
    })
  })

  it('counts what needs attention on the overview: appeals, mismatches, the ledger', async () => {
    const before = (await get('/api/v1/admin/overview', support)).json()
    expect(before).toEqual({
      pendingAppeals: 0,
      // The job runner has failed nothing yet.
      failedJobs: 0,
      reconciliation: { date: shanghaiDate(app.clock.nowMs()), mismatches: 1 },
      ledger: { ok: true, problems: 0, checkedAtMs: app.clock.nowMs() },
    })
    // Frozen by SMS (挂失), the user appeals with name and ID number.
    app.clock.advanceMs(61_000)
    const code = await requestCode(app, zhang.phone, 'freeze')
    const frozen = await app.server.inject({
      method: 'POST',
      url: '/api/v1/freeze',
      payload: { phone: zhang.phone, code },
    })
    expect(frozen.statusCode, frozen.body).toBe(200)
    const again = await signIn(app, zhang.phone)
    const resident = demoResident(zhang.phone)
    const appeal = await app.server.inject({
      method: 'POST',
      url: '/api/v1/me/appeals',
      headers: again.auth,
      payload: { statement: '手机找回了', realName: resident.name, idNumber: resident.idNumber },
    })
    expect(appeal.statusCode, appeal.body).toBe(201)
    const after = (await get('/api/v1/admin/overview', admin)).json()
    expect(after.pendingAppeals).toBe(1)
    // The ledger check is reused for 5 minutes, then run again.
    expect(after.ledger.checkedAtMs).toBe(before.ledger.checkedAtMs)
    app.clock.advanceMs(5 * 60_000)
    const later = (await get('/api/v1/admin/overview', admin)).json()
    expect(later.ledger.checkedAtMs).toBe(app.clock.nowMs())
    expect(
      (await app.server.inject({ method: 'GET', url: '/api/v1/admin/overview' })).statusCode,
    ).toBe(401)
  })

  it("shows the job runner's failed jobs", async () => {
    const fresh = await app.server.inject({
      method: 'GET',
      url: '/api/v1/admin/overview',
      headers: support.auth,
    })
    expect(fresh.json().failedJobs).toBe(0)
    const counts = async () => ({ ...(await app.jobs.counts()), failed: 3 })
    const withJobs = await buildServer({ ...app, jobs: { ...app.jobs, counts } })
    try {
      const response = await withJobs.inject({
        method: 'GET',
        url: '/api/v1/admin/overview',
        headers: support.auth,
      })
      expect(response.statusCode, response.body).toBe(200)
      expect(response.json().failedJobs).toBe(3)
    } finally {
      await withJobs.close()
    }
  })
})
