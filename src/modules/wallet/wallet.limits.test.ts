/**
 * The wallet's limits under parallel requests (issue 9): many requests sent at once must not all
 * pass a check that only reads what earlier requests recorded. Each limit is claimed atomically
 * with the operation row (src/modules/quota), so exactly the allowed number go through, the rest
 * get the limit's code, and a failed operation gives its claim back.
 */
import type { LightMyRequestResponse } from 'fastify'
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

/** Small enough that the wallet's limit binds long before the simulated bank's (¥50,000/day). */
const DAILY_LIMIT_FEN = 1_000_000
const PARALLEL_REQUESTS = 60
const DAY_MS = 24 * 3600_000

let app: TestApp
let bank: TestBank
/** 杨帆: a ¥2,000,000 card, so only the wallet's own limits can stop him. */
let yang: { user: WalletUser; cardId: string }

beforeAll(async () => {
  const clock = new ManualClock()
  bank = await startTestBank({ clock: () => clock.nowMs() })
  app = await createTestApp({
    bankUrl: bank.url,
    clock,
    walletRules: { topUpDailyFenMax: DAILY_LIMIT_FEN, withdrawDailyFenMax: DAILY_LIMIT_FEN },
  })
})

afterAll(async () => {
  await app.close()
  await bank.close()
})

async function walletUserWithCard(phone: string, cardNumber: string) {
  const user = await openWalletUser(app, phone)
  return { user, cardId: await bindCard(app, user, { cardNumber }) }
}

/** Sends `count` requests at once; each answer's status or error code, and the operations. */
async function inParallel(
  user: WalletUser,
  kind: 'top-ups' | 'withdrawals',
  cardId: string,
  amountFen: number,
  count: number,
) {
  const responses: LightMyRequestResponse[] = await Promise.all(
    Array.from({ length: count }, () => moneyRequest(app, user, kind, cardId, amountFen)),
  )
  const outcomes = new Map<string, number>()
  for (const response of responses) {
    const body = response.json()
    expect(response.statusCode === 200 || body.code !== undefined, response.body).toBe(true)
    const outcome = response.statusCode === 200 ? body.status : body.code
    outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1)
  }
  const operations = responses.filter((r) => r.statusCode === 200).map((r) => r.json())
  return { outcomes: Object.fromEntries(outcomes), operations }
}

/** Tops up in ¥2,000 steps: larger single payments would need an SMS code (二次验证). */
async function topUpInSteps(user: WalletUser, cardId: string, amountFen: number): Promise<void> {
  for (let leftFen = amountFen; leftFen > 0; leftFen -= 200_000) {
    const response = await moneyRequest(app, user, 'top-ups', cardId, Math.min(leftFen, 200_000))
    expect(response.json(), response.body).toMatchObject({ status: 'SUCCEEDED' })
  }
}

async function expectBooksBalanced(): Promise<void> {
  expect((await app.ledger.check()).problems).toEqual([])
}

describe(`wallet limits under ${PARALLEL_REQUESTS} parallel requests on ${testDatabaseKind()}`, () => {
  it('daily top-up limit: exactly limit / amount top-ups pass, the rest LIMIT_EXCEEDED', async () => {
    yang = await walletUserWithCard('13800000006', '6215580000000000014')
    const { user, cardId } = yang
    const { outcomes } = await inParallel(user, 'top-ups', cardId, 200_000, PARALLEL_REQUESTS)
    expect(outcomes).toEqual({ SUCCEEDED: 5, LIMIT_EXCEEDED: PARALLEL_REQUESTS - 5 })
    expect(await balanceOf(app, user)).toMatchObject({ balanceFen: DAILY_LIMIT_FEN })
    // The next Shanghai day has a fresh limit.
    app.clock.advanceMs(DAY_MS)
    await topUpInSteps(user, cardId, DAILY_LIMIT_FEN)
    await expectBooksBalanced()
  })

  it('daily withdrawal limit and free quota together: 50 of 60 pass, fees exact', async () => {
    // 杨帆 holds ¥20,000 after the test above; this runs on its second day.
    const { user, cardId } = yang
    const before = await balanceOf(app, user)
    expect(before.balanceFen).toBe(2 * DAILY_LIMIT_FEN)
    const { outcomes, operations } = await inParallel(
      user,
      'withdrawals',
      cardId,
      20_000,
      PARALLEL_REQUESTS,
    )
    expect(outcomes).toEqual({ SUCCEEDED: 50, LIMIT_EXCEEDED: PARALLEL_REQUESTS - 50 })
    // ¥1,000 free: 5 withdrawals of ¥200 free, 45 at 0.1% of ¥200 = 20 fen each.
    const feesFen = operations.reduce((sum, operation) => sum + operation.feeFen, 0)
    expect(feesFen).toBe(45 * 20)
    expect(operations.filter((operation) => operation.feeFen === 0)).toHaveLength(5)
    expect((await balanceOf(app, user)).balanceFen).toBe(
      before.balanceFen - DAILY_LIMIT_FEN - feesFen,
    )
    await expectBooksBalanced()
  })

  it('withdrawal free quota: 60 parallel withdrawals share ¥1,000 free exactly once', async () => {
    const { user, cardId } = await walletUserWithCard('13800000001', '6222020000000000018')
    await topUpInSteps(user, cardId, DAILY_LIMIT_FEN)
    // ¥150 × 60 = ¥9,000: 6 fully free, 1 with ¥50 over the quota (min fee 10 fen), 53 at 15 fen.
    const { outcomes, operations } = await inParallel(
      user,
      'withdrawals',
      cardId,
      15_000,
      PARALLEL_REQUESTS,
    )
    expect(outcomes).toEqual({ SUCCEEDED: PARALLEL_REQUESTS })
    const feesFen = operations.reduce((sum, operation) => sum + operation.feeFen, 0)
    expect(feesFen).toBe(10 + 53 * 15)
    const quote = await app.server.inject({
      method: 'GET',
      url: '/api/v1/me/withdrawals/quote?amountFen=10000',
      headers: user.auth,
    })
    expect(quote.json()).toMatchObject({ freeQuotaRemainingFen: 0, feeFen: 10 })
    await expectBooksBalanced()
  })

  it('a failed withdrawal gives its free quota back, also when it fails in parallel', async () => {
    // 王芳's card holds ¥100: her balance can never cover more than that.
    const { user, cardId } = await walletUserWithCard('13800000003', '6228480000000000026')
    const topUp = await moneyRequest(app, user, 'top-ups', cardId, 10_000)
    expect(topUp.json()).toMatchObject({ status: 'SUCCEEDED' })
    const tooMuch = await moneyRequest(app, user, 'withdrawals', cardId, 50_000)
    expect(tooMuch.json()).toMatchObject({ code: 'NOT_ENOUGH' })
    // Three at once, ¥150 against ¥100: two succeed, one finds the balance gone.
    const { outcomes } = await inParallel(user, 'withdrawals', cardId, 5_000, 3)
    expect(outcomes).toEqual({ SUCCEEDED: 2, NOT_ENOUGH: 1 })
    // Only the ¥100 that left counts against the ¥1,000 free quota.
    const quote = await app.server.inject({
      method: 'GET',
      url: '/api/v1/me/withdrawals/quote?amountFen=90000',
      headers: user.auth,
    })
    expect(quote.json()).toMatchObject({ freeQuotaRemainingFen: 0, feeFen: 0 })
    await expectBooksBalanced()
  })
})
