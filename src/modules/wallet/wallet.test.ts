/**
 * Top-up and withdrawal over HTTP against the bank simulator, including the failures that make
 * money go missing in lesser wallets: timeouts before and after the bank books the request,
 * the bank down, the bank's limits, 20 parallel withdrawals of the whole balance. After each,
 * the user's balance, the bank's books, the ledger check and reconciliation must all agree.
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
  TEST_PAYMENT_PASSWORD,
  type WalletUser,
} from '../../test-support/wallet-user.ts'
import { reconcileDay } from '../reconciliation/index.ts'
import { shanghaiDate } from '../../shared/shanghai-time.ts'

const ZHANG_DEBIT = '6222020000000000018'
let app: TestApp
let bank: TestBank
let zhang: WalletUser
let cardId: string

async function bankBalanceFen(cardNumber: string): Promise<number> {
  return Number((await bank.admin('GET', `/admin/cards/${cardNumber}`)).balanceFen)
}

async function expectBooksAgree(): Promise<void> {
  const report = await app.ledger.check()
  expect(report.problems).toEqual([])
  const reconciliation = await reconcileDay(
    { ledger: app.ledger, bank: app.bank },
    shanghaiDate(app.clock.nowMs()),
  )
  expect(reconciliation.mismatches).toEqual([])
}

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

describe(`top-up and withdrawal on ${testDatabaseKind()}`, () => {
  it('tops up from the debit card: the bank is debited once, the balance credited once', async () => {
    const bankBefore = await bankBalanceFen(ZHANG_DEBIT)
    const response = await moneyRequest(app, zhang, 'top-ups', cardId, 100_000, 'topup-1')
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json()).toMatchObject({
      kind: 'TOPUP',
      status: 'SUCCEEDED',
      amountFen: 100_000,
      feeFen: 0,
    })
    const retry = await moneyRequest(app, zhang, 'top-ups', cardId, 100_000, 'topup-1')
    expect(retry.json().id).toBe(response.json().id)
    const conflict = await moneyRequest(app, zhang, 'top-ups', cardId, 100_001, 'topup-1')
    expect(conflict.json().code).toBe('IDEMPOTENCY_CONFLICT')
    expect(await balanceOf(app, zhang)).toMatchObject({
      balanceFen: 100_000,
      availableFen: 100_000,
    })
    expect(await bankBalanceFen(ZHANG_DEBIT)).toBe(bankBefore - 100_000)
    await expectBooksAgree()
  })

  it('quotes the withdrawal fee before confirming and withdraws with it', async () => {
    const quote = await app.server.inject({
      method: 'GET',
      url: '/api/v1/me/withdrawals/quote?amountFen=150000',
      headers: zhang.auth,
    })
    // 1,000 yuan free for life, then 0.1%: 1,500 yuan → 0.50 yuan.
    expect(quote.json()).toMatchObject({
      amountFen: 150_000,
      feeFen: 50,
      freeQuotaUsedFen: 100_000,
      totalDebitFen: 150_050,
      arrivalHours: 2,
    })
    await moneyRequest(app, zhang, 'top-ups', cardId, 100_000)
    const bankBefore = await bankBalanceFen(ZHANG_DEBIT)
    const response = await moneyRequest(app, zhang, 'withdrawals', cardId, 150_000)
    expect(response.json()).toMatchObject({ kind: 'WITHDRAW', status: 'SUCCEEDED', feeFen: 50 })
    expect(response.json().expectedArrivalAtMs).toBeGreaterThan(response.json().createdAtMs)
    expect(await balanceOf(app, zhang)).toMatchObject({ balanceFen: 49_950, pendingOutFen: 0 })
    expect(await bankBalanceFen(ZHANG_DEBIT)).toBe(bankBefore + 150_000)
    const fees = await app.ledger.findAccount({
      ownerKind: 'platform',
      ownerId: 'platform',
      purpose: 'fees',
      currency: 'CNY',
    })
    expect((await app.ledger.getBalance(fees?.id as number)).postedFen).toBe(50)
    const tooMuch = await moneyRequest(app, zhang, 'withdrawals', cardId, 49_950)
    expect(tooMuch.json().code).toBe('NOT_ENOUGH')
    await expectBooksAgree()
  })

  it('refuses credit cards for top-up and shows the bank limit when exceeded', async () => {
    const creditId = await bindCard(app, zhang, {
      cardNumber: '6225750000000014',
      expiry: '12/30',
      cvn: '123',
    })
    expect((await moneyRequest(app, zhang, 'top-ups', creditId, 1_000)).json().code).toBe(
      'CARD_TYPE_NOT_ALLOWED',
    )
    const limitedId = await bindCard(app, zhang, { cardNumber: '4367420000000000019' })
    const over = await moneyRequest(app, zhang, 'top-ups', limitedId, 60_000)
    expect(over.json()).toMatchObject({
      status: 'FAILED',
      failure: { code: 'BANK_LIMIT_EXCEEDED', details: { scope: 'SINGLE', limitFen: 50_000 } },
    })
    expect(over.json().failure.message.zh).toMatch(/限额/)
    const before = await balanceOf(app, zhang)
    expect(before.pendingInFen).toBe(0)
    await expectBooksAgree()
  })

  it('resolves a top-up whose answer timed out after the bank booked it: credited exactly once', async () => {
    const before = await balanceOf(app, zhang)
    const bankBefore = await bankBalanceFen(ZHANG_DEBIT)
    await bank.admin('POST', '/admin/faults', {
      cardNumber: ZHANG_DEBIT,
      mode: 'TIMEOUT_AFTER',
      count: 1,
    })
    const response = await moneyRequest(app, zhang, 'top-ups', cardId, 20_000)
    expect(response.json().status).toBe('PROCESSING')
    // The bank has the money; the wallet shows it as pending, not yet spendable.
    expect(await bankBalanceFen(ZHANG_DEBIT)).toBe(bankBefore - 20_000)
    expect(await balanceOf(app, zhang)).toMatchObject({
      balanceFen: before.balanceFen,
      pendingInFen: 20_000,
    })
    app.clock.advanceMs(60_000)
    expect(await app.wallet.resolveProcessing()).toBe(1)
    const settled = await app.server.inject({
      method: 'GET',
      url: `/api/v1/me/operations/${response.json().id}`,
      headers: zhang.auth,
    })
    expect(settled.json().status).toBe('SUCCEEDED')
    expect(await balanceOf(app, zhang)).toMatchObject({
      balanceFen: before.balanceFen + 20_000,
      pendingInFen: 0,
    })
    expect(await bankBalanceFen(ZHANG_DEBIT)).toBe(bankBefore - 20_000)
    await expectBooksAgree()
  })

  it('resolves a withdrawal that timed out before the bank saw it by sending the same request again', async () => {
    await moneyRequest(app, zhang, 'top-ups', cardId, 30_000)
    const before = await balanceOf(app, zhang)
    const bankBefore = await bankBalanceFen(ZHANG_DEBIT)
    await bank.admin('POST', '/admin/faults', {
      cardNumber: ZHANG_DEBIT,
      mode: 'TIMEOUT_BEFORE',
      count: 1,
    })
    const response = await moneyRequest(app, zhang, 'withdrawals', cardId, 10_000)
    expect(response.json().status).toBe('PROCESSING')
    // Held at once: not spendable while the bank has not answered.
    expect(await balanceOf(app, zhang)).toMatchObject({
      balanceFen: before.balanceFen,
      pendingOutFen: 10_010,
    })
    expect(await bankBalanceFen(ZHANG_DEBIT)).toBe(bankBefore)
    app.clock.advanceMs(60_000)
    expect(await app.wallet.resolveProcessing()).toBe(1)
    expect(await balanceOf(app, zhang)).toMatchObject({
      balanceFen: before.balanceFen - 10_010,
      pendingOutFen: 0,
    })
    expect(await bankBalanceFen(ZHANG_DEBIT)).toBe(bankBefore + 10_000)
    await expectBooksAgree()
  })

  it('returns the money and says why when the bank is down during a withdrawal', async () => {
    const before = await balanceOf(app, zhang)
    await bank.admin('POST', '/admin/faults', { bankCode: 'ICBC', mode: 'DOWN', count: 1 })
    const response = await moneyRequest(app, zhang, 'withdrawals', cardId, 5_000)
    expect(response.json()).toMatchObject({
      status: 'FAILED',
      failure: { code: 'BANK_UNAVAILABLE' },
    })
    expect(await balanceOf(app, zhang)).toMatchObject({
      balanceFen: before.balanceFen,
      availableFen: before.balanceFen,
      pendingOutFen: 0,
    })
    await expectBooksAgree()
  })

  it('lets exactly one of 20 parallel withdrawals of the whole balance through', async () => {
    const li = await openWalletUser(app, '13800000002')
    const liCard = await bindCard(app, li, { cardNumber: '6217000000000000020' })
    await moneyRequest(app, li, 'top-ups', liCard, 50_000)
    const quote = (
      await app.server.inject({
        method: 'GET',
        url: '/api/v1/me/withdrawals/quote?amountFen=50000',
        headers: li.auth,
      })
    ).json()
    expect(quote.feeFen).toBe(0)
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => moneyRequest(app, li, 'withdrawals', liCard, 50_000)),
    )
    const outcomes = responses.map((response) => response.json().status ?? response.json().code)
    expect(
      outcomes.filter((outcome) => outcome === 'SUCCEEDED'),
      JSON.stringify(outcomes),
    ).toHaveLength(1)
    expect(
      outcomes.filter((outcome) => outcome === 'NOT_ENOUGH'),
      JSON.stringify(outcomes),
    ).toHaveLength(19)
    expect(await balanceOf(app, li)).toMatchObject({ balanceFen: 0, availableFen: 0 })
    await expectBooksAgree()
  })

  it('keeps operations private to their owner', async () => {
    const list = (
      await app.server.inject({ method: 'GET', url: '/api/v1/me/operations', headers: zhang.auth })
    ).json().operations
    expect(list.length).toBeGreaterThan(3)
    const other = await openWalletUser(app, '13800000008')
    const foreign = await app.server.inject({
      method: 'GET',
      url: `/api/v1/me/operations/${list[0].id}`,
      headers: other.auth,
    })
    expect(foreign.statusCode).toBe(404)
    expect(
      (await app.server.inject({ method: 'GET', url: `/api/v1/me/operations/${list[0].id}` }))
        .statusCode,
    ).toBe(401)
    const foreignCard = await moneyRequest(app, other, 'top-ups', cardId, 100)
    expect(foreignCard.json().code).toBe('CARD_NOT_FOUND')
  })

  it('settles an operation whose card was unbound while the bank had not answered', async () => {
    const chen = await openWalletUser(app, '13800000005')
    const chenCard = '6225880000000019'
    const chenCardId = await bindCard(app, chen, { cardNumber: chenCard })
    const bankBefore = await bankBalanceFen(chenCard)
    await bank.admin('POST', '/admin/faults', {
      cardNumber: chenCard,
      mode: 'TIMEOUT_BEFORE',
      count: 1,
    })
    const response = await moneyRequest(app, chen, 'top-ups', chenCardId, 7_000)
    expect(response.json().status).toBe('PROCESSING')
    const unbound = await app.server.inject({
      method: 'DELETE',
      url: `/api/v1/me/cards/${chenCardId}`,
      headers: chen.auth,
      payload: { paymentPassword: TEST_PAYMENT_PASSWORD },
    })
    expect(unbound.statusCode).toBe(204)
    app.clock.advanceMs(60_000)
    expect(await app.wallet.resolveProcessing()).toBe(1)
    expect(await balanceOf(app, chen)).toMatchObject({ balanceFen: 7_000, pendingInFen: 0 })
    expect(await bankBalanceFen(chenCard)).toBe(bankBefore - 7_000)
    const records = (
      await app.server.inject({ method: 'GET', url: '/api/v1/me/operations', headers: chen.auth })
    ).json().operations
    expect(records[0]).toMatchObject({
      status: 'SUCCEEDED',
      card: { bankCode: 'CMB', last4: '0019' },
    })
    await expectBooksAgree()
  })

  it('reports a movement the bank made that the wallet does not know as a mismatch', async () => {
    const requestId = 'unknown-to-wallet-1'
    const direct = await fetch(`${bank.url}/v1/debits`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        requestId,
        cardNumber: ZHANG_DEBIT,
        amountFen: 123,
        purpose: 'PAYMENT',
      }),
    })
    expect(direct.status).toBe(200)
    const report = await reconcileDay(
      { ledger: app.ledger, bank: app.bank },
      shanghaiDate(app.clock.nowMs()),
    )
    expect(report.mismatches).toEqual([
      { requestId, problem: 'MISSING_IN_WALLET', walletAmountFen: null, bankAmountFen: 123 },
    ])
    expect(report.matched).toBeGreaterThan(3)
  })

  it('shows operators the same reconciliation report, and nobody else', async () => {
    await app.ops.ensureOperator({
      username: 'recon',
      displayName: 'Recon',
      password: 'recon-password-1',
      role: 'support',
    })
    const signedIn = await app.server.inject({
      method: 'POST',
      url: '/api/v1/admin/sessions',
      payload: { username: 'recon', password: 'recon-password-1' },
    })
    expect(signedIn.statusCode, signedIn.body).toBe(200)
    const date = shanghaiDate(app.clock.nowMs())
    const report = await app.server.inject({
      method: 'GET',
      url: `/api/v1/admin/reconciliation?date=${date}`,
      headers: { authorization: `Bearer ${signedIn.json().token}` },
    })
    expect(report.json()).toMatchObject({
      date,
      mismatches: [{ requestId: 'unknown-to-wallet-1', problem: 'MISSING_IN_WALLET' }],
    })
    expect(
      (await app.server.inject({ method: 'GET', url: '/api/v1/admin/reconciliation' })).statusCode,
    ).toBe(401)
    expect(
      (
        await app.server.inject({
          method: 'GET',
          url: '/api/v1/admin/reconciliation',
          headers: zhang.auth,
        })
      ).statusCode,
    ).toBe(401)
  })
})
