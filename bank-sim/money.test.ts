import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CARD_NUMBERS_NOT_HELD } from '../demo/cards.ts'
import {
  CARD,
  FIXED_NOW_MS,
  type RunningSimulator,
  cardNumberOf,
  newRequestId,
  startSimulator,
} from './test-support.ts'

// A fresh in-memory simulator per test: every test starts from the demo books.
let simulator: RunningSimulator
beforeEach(async () => {
  simulator = await startSimulator()
})
afterEach(async () => {
  await simulator.close()
})

const debit = (cardIndex: number, amountFen: number, extra: Record<string, unknown> = {}) =>
  simulator.post('/v1/debits', {
    requestId: newRequestId('debit'),
    cardNumber: cardNumberOf(cardIndex),
    amountFen,
    purpose: 'TOPUP',
    ...extra,
  })
const credit = (cardIndex: number, amountFen: number, purpose: 'WITHDRAW' | 'REFUND') =>
  simulator.post('/v1/credits', {
    requestId: newRequestId('credit'),
    cardNumber: cardNumberOf(cardIndex),
    amountFen,
    purpose,
  })
const repay = (cardIndex: number, amountFen: number) =>
  simulator.post('/v1/repayments', {
    requestId: newRequestId('repay'),
    cardNumber: cardNumberOf(cardIndex),
    amountFen,
  })
const card = async (cardIndex: number) =>
  (await simulator.get(`/admin/cards/${cardNumberOf(cardIndex)}`)).body

describe('POST /v1/debits', () => {
  it('takes money from a debit card and answers with a bank reference', async () => {
    const answer = await debit(CARD.zhangWeiIcbcDebit, 12_345, { requestId: 'topup-1' })
    expect(answer.status).toBe(200)
    expect(answer.body).toEqual({
      requestId: 'topup-1',
      status: 'SUCCEEDED',
      bankRef: expect.stringMatching(/^D20261122\d{10}$/),
      amountFen: 12_345,
      processedAt: new Date(FIXED_NOW_MS).toISOString(),
    })
    expect(await card(CARD.zhangWeiIcbcDebit)).toMatchObject({
      balanceFen: 5_000_000 - 12_345,
      debitedTodayFen: 12_345,
    })
  })

  it('charges a payment to a credit card, raising the amount owed', async () => {
    const answer = await debit(CARD.zhangWeiCmbCredit, 50_000, { purpose: 'PAYMENT' })
    expect(answer.status).toBe(200)
    expect(await card(CARD.zhangWeiCmbCredit)).toMatchObject({
      usedFen: 50_000,
      availableFen: 3_000_000 - 50_000,
    })
  })

  it('refuses to top up from a credit card', async () => {
    const answer = await debit(CARD.zhangWeiCmbCredit, 10_000, { purpose: 'TOPUP' })
    expect(answer.status).toBe(422)
    expect(answer.body).toMatchObject({ code: 'NOT_A_DEBIT_CARD', status: 'FAILED' })
  })

  it('says INSUFFICIENT_FUNDS for a debit card and for a credit card', async () => {
    const poor = await debit(CARD.wangFangPoor, 10_001)
    expect(poor.body).toMatchObject({ code: 'INSUFFICIENT_FUNDS', status: 'FAILED' })
    const maxed = await debit(CARD.chenJingNearlyMaxed, 20_001, { purpose: 'PAYMENT' })
    expect(maxed.body).toMatchObject({ code: 'INSUFFICIENT_FUNDS' })
    expect((await debit(CARD.wangFangPoor, 10_000)).status).toBe(200)
    expect(await card(CARD.wangFangPoor)).toMatchObject({ balanceFen: 0 })
  })

  it('enforces the card single limit with the limit and what remains', async () => {
    const answer = await debit(CARD.zhangWeiLowLimits, 50_001)
    expect(answer.status).toBe(422)
    expect(answer.body).toMatchObject({
      code: 'BANK_LIMIT_EXCEEDED',
      scope: 'SINGLE',
      limitFen: 50_000,
      remainingFen: 50_000,
    })
    expect((answer.body.message as { zh: string }).zh).toContain('单笔限额')
  })

  it('enforces the daily limit across debits and resets it on the next Shanghai day', async () => {
    expect((await debit(CARD.zhangWeiLowLimits, 40_000)).status).toBe(200)
    expect((await debit(CARD.zhangWeiLowLimits, 40_000)).status).toBe(200)
    const third = await debit(CARD.zhangWeiLowLimits, 40_000)
    expect(third.body).toMatchObject({
      code: 'BANK_LIMIT_EXCEEDED',
      scope: 'DAILY',
      limitFen: 100_000,
      remainingFen: 20_000,
    })
    expect((await debit(CARD.zhangWeiLowLimits, 20_000)).status).toBe(200)
    expect((await debit(CARD.zhangWeiLowLimits, 1)).body).toMatchObject({ remainingFen: 0 })

    // 10:00 + 14 h = 00:00 next day in Shanghai.
    await simulator.post('/admin/clock', { offsetMs: 14 * 60 * 60 * 1000 })
    expect(await card(CARD.zhangWeiLowLimits)).toMatchObject({ debitedTodayFen: 0 })
    expect((await debit(CARD.zhangWeiLowLimits, 40_000)).status).toBe(200)
  })

  it('applies the bank quick-pay limits on top of generous card limits', async () => {
    // 杨帆 has ¥2,000,000 at ICBC: ICBC allows ¥50,000 per debit and per day.
    const tooBig = await debit(CARD.yangFanRich, 5_000_001)
    expect(tooBig.body).toMatchObject({ scope: 'SINGLE', limitFen: 5_000_000 })
    expect((await debit(CARD.yangFanRich, 3_000_000)).status).toBe(200)
    const overDay = await debit(CARD.yangFanRich, 3_000_000)
    expect(overDay.body).toMatchObject({
      scope: 'DAILY',
      limitFen: 5_000_000,
      remainingFen: 2_000_000,
    })
  })

  it.each([
    ['CARD_CANCELLED', CARD.zhangWeiCancelled],
    ['CARD_EXPIRED', CARD.zhangWeiExpiredCredit],
    ['CARD_ONLINE_DISABLED', CARD.zhangWeiOnlineDisabled],
    ['CARD_LOCAL_ONLY', CARD.zhangWeiLocalOnly],
    ['CARD_FROZEN', CARD.zhangWeiFrozenCredit],
  ])('refuses debits with %s', async (code, cardIndex) => {
    const answer = await debit(cardIndex, 100, { purpose: 'PAYMENT' })
    expect(answer.status).toBe(422)
    expect(answer.body.code).toBe(code)
  })

  it('books CARD_NOT_FOUND for an unknown number at a known bank', async () => {
    const requestId = newRequestId('unknown')
    const answer = await simulator.post('/v1/debits', {
      requestId,
      cardNumber: CARD_NUMBERS_NOT_HELD[0]?.cardNumber,
      amountFen: 100,
      purpose: 'TOPUP',
    })
    expect(answer.status).toBe(404)
    expect(answer.body).toMatchObject({ code: 'CARD_NOT_FOUND', requestId, status: 'FAILED' })
    expect((await simulator.get(`/v1/requests/${requestId}`)).body).toMatchObject({
      status: 'FAILED',
      code: 'CARD_NOT_FOUND',
    })
  })

  it('does not book a card of another bank', async () => {
    const requestId = newRequestId('psbc')
    const answer = await simulator.post('/v1/debits', {
      requestId,
      cardNumber: CARD_NUMBERS_NOT_HELD[1]?.cardNumber,
      amountFen: 100,
      purpose: 'TOPUP',
    })
    expect(answer.body.code).toBe('BANK_NOT_FOUND')
    expect((await simulator.get(`/v1/requests/${requestId}`)).status).toBe(404)
  })

  it.each([
    ['zero', { amountFen: 0 }],
    ['negative', { amountFen: -100 }],
    ['fractional', { amountFen: 1.5 }],
    ['a string', { amountFen: '100' }],
    ['above the cap', { amountFen: 1_000_000_000_001 }],
    ['an unknown purpose', { purpose: 'WITHDRAW' }],
    ['a missing requestId', { requestId: undefined }],
  ])('rejects an amount or field that is %s and books nothing', async (_label, change) => {
    const requestId = newRequestId('invalid')
    const body = { requestId, cardNumber: cardNumberOf(0), amountFen: 100, purpose: 'TOPUP' }
    const answer = await simulator.post('/v1/debits', { ...body, ...change })
    expect(answer.status).toBe(400)
    expect(answer.body.code).toBe('INVALID_REQUEST')
    expect((await simulator.get(`/v1/requests/${requestId}`)).status).toBe(404)
    expect(await card(0)).toMatchObject({ balanceFen: 5_000_000 })
  })
})

describe('idempotency by requestId', () => {
  it('answers a repeat with the stored success and moves money once', async () => {
    const cardNumber = cardNumberOf(0)
    const body = { requestId: 'same-1', cardNumber, amountFen: 700, purpose: 'TOPUP' }
    const first = await simulator.post('/v1/debits', body)
    const second = await simulator.post('/v1/debits', body)
    expect(second.status).toBe(200)
    expect(second.body).toEqual(first.body)
    expect(first.headers.get('idempotent-replay')).toBeNull()
    expect(second.headers.get('idempotent-replay')).toBe('true')
    expect(await card(0)).toMatchObject({ balanceFen: 5_000_000 - 700 })
  })

  it('answers a repeat with the stored failure even after the cause is gone', async () => {
    const body = {
      requestId: 'same-2',
      cardNumber: cardNumberOf(CARD.wangFangPoor),
      amountFen: 20_000,
      purpose: 'TOPUP',
    }
    const first = await simulator.post('/v1/debits', body)
    await simulator.post(`/admin/cards/${body.cardNumber}`, { balanceFen: 1_000_000 })
    const second = await simulator.post('/v1/debits', body)
    expect(second.status).toBe(422)
    expect(second.body).toEqual(first.body)
    expect(await card(CARD.wangFangPoor)).toMatchObject({ balanceFen: 1_000_000 })
  })

  it.each([
    ['amount', { amountFen: 701 }],
    ['card', { cardNumber: cardNumberOf(CARD.liNaCcbDebit) }],
    ['purpose', { purpose: 'PAYMENT' }],
  ])('answers 409 REQUEST_ID_CONFLICT for a different %s', async (_label, change) => {
    const requestId = newRequestId('conflict')
    const body = { requestId, cardNumber: cardNumberOf(0), amountFen: 700, purpose: 'TOPUP' }
    expect((await simulator.post('/v1/debits', body)).status).toBe(200)
    const conflict = await simulator.post('/v1/debits', { ...body, ...change })
    expect(conflict.status).toBe(409)
    expect(conflict.body).toMatchObject({ code: 'REQUEST_ID_CONFLICT', requestId: body.requestId })
    expect(await card(0)).toMatchObject({ balanceFen: 5_000_000 - 700 })
  })

  it('answers 409 when a credit reuses a debit requestId', async () => {
    const requestId = newRequestId('cross')
    const cardNumber = cardNumberOf(0)
    await simulator.post('/v1/debits', { requestId, cardNumber, amountFen: 700, purpose: 'TOPUP' })
    const answer = await simulator.post('/v1/credits', {
      requestId,
      cardNumber,
      amountFen: 700,
      purpose: 'WITHDRAW',
    })
    expect(answer.status).toBe(409)
  })
})

describe('POST /v1/credits', () => {
  it('pays a withdrawal into a debit card', async () => {
    const answer = await credit(CARD.liNaCcbDebit, 88_800, 'WITHDRAW')
    expect(answer.status).toBe(200)
    expect(answer.body.bankRef).toMatch(/^C/)
    expect(await card(CARD.liNaCcbDebit)).toMatchObject({ balanceFen: 800_000 + 88_800 })
  })

  it('refuses a withdrawal to a credit card', async () => {
    const answer = await credit(CARD.zhangWeiCmbCredit, 100, 'WITHDRAW')
    expect(answer.body.code).toBe('NOT_A_DEBIT_CARD')
  })

  it('refunds to a credit card by lowering the amount owed', async () => {
    await debit(CARD.zhangWeiCmbCredit, 9_900, { purpose: 'PAYMENT' })
    expect((await credit(CARD.zhangWeiCmbCredit, 9_900, 'REFUND')).status).toBe(200)
    expect(await card(CARD.zhangWeiCmbCredit)).toMatchObject({ usedFen: 0 })
  })

  it('lets money land on online-disabled and local-only cards', async () => {
    expect((await credit(CARD.zhangWeiOnlineDisabled, 100, 'WITHDRAW')).status).toBe(200)
    expect((await credit(CARD.zhangWeiLocalOnly, 100, 'REFUND')).status).toBe(200)
  })

  it.each([
    ['CARD_CANCELLED', CARD.zhangWeiCancelled],
    ['CARD_FROZEN', CARD.zhangWeiFrozenCredit],
    ['CARD_EXPIRED', CARD.zhangWeiExpiredCredit],
  ])('refuses credits with %s', async (code, cardIndex) => {
    const answer = await credit(cardIndex, 100, 'REFUND')
    expect(answer.body.code).toBe(code)
  })

  it('is not limited by the debit limits', async () => {
    expect((await credit(CARD.zhangWeiLowLimits, 10_000_000, 'WITHDRAW')).status).toBe(200)
  })
})

describe('POST /v1/repayments', () => {
  it('lowers the amount owed on a credit card', async () => {
    const answer = await repay(CARD.zhouJieToRepay, 350_000)
    expect(answer.status).toBe(200)
    expect(answer.body.bankRef).toMatch(/^R/)
    expect(await card(CARD.zhouJieToRepay)).toMatchObject({ usedFen: 0, availableFen: 1_500_000 })
  })

  it('keeps an overpayment as negative used (溢缴款)', async () => {
    await repay(CARD.zhouJieToRepay, 400_000)
    expect(await card(CARD.zhouJieToRepay)).toMatchObject({ usedFen: -50_000 })
  })

  it('refuses a debit card with NOT_A_CREDIT_CARD', async () => {
    const answer = await repay(CARD.zhangWeiIcbcDebit, 100)
    expect(answer.status).toBe(422)
    expect(answer.body.code).toBe('NOT_A_CREDIT_CARD')
  })
})

describe('GET /v1/requests/:requestId', () => {
  it('returns the stored outcome of successes and failures', async () => {
    await debit(CARD.zhangWeiIcbcDebit, 500, { requestId: 'query-ok' })
    await debit(CARD.wangFangPoor, 1_000_000, { requestId: 'query-failed' })
    expect((await simulator.get('/v1/requests/query-ok')).body).toEqual({
      requestId: 'query-ok',
      kind: 'DEBIT',
      purpose: 'TOPUP',
      status: 'SUCCEEDED',
      amountFen: 500,
      bankCode: 'ICBC',
      cardLast4: '0018',
      bankRef: expect.any(String),
      processedAt: new Date(FIXED_NOW_MS).toISOString(),
    })
    expect((await simulator.get('/v1/requests/query-failed')).body).toMatchObject({
      kind: 'DEBIT',
      status: 'FAILED',
      code: 'INSUFFICIENT_FUNDS',
    })
  })

  it('answers 404 REQUEST_NOT_FOUND for a request never processed', async () => {
    const answer = await simulator.get('/v1/requests/never-sent')
    expect(answer.status).toBe(404)
    expect(answer.body).toMatchObject({ code: 'REQUEST_NOT_FOUND', requestId: 'never-sent' })
  })
})

describe('admin cards', () => {
  it('changes state and limits, and refuses changes that do not fit the card kind', async () => {
    const cardNumber = cardNumberOf(CARD.liNaCcbDebit)
    const updated = await simulator.post(`/admin/cards/${cardNumber}`, {
      state: 'FROZEN',
      singleLimitFen: 100,
    })
    expect(updated.body).toMatchObject({ state: 'FROZEN', singleLimitFen: 100 })
    expect((await debit(CARD.liNaCcbDebit, 100)).body.code).toBe('CARD_FROZEN')
    const wrongKind = await simulator.post(`/admin/cards/${cardNumber}`, { usedFen: 5 })
    expect(wrongKind.status).toBe(400)
    const overLimit = await simulator.post(`/admin/cards/${cardNumberOf(CARD.zhouJieToRepay)}`, {
      creditLimitFen: 100,
    })
    expect(overLimit.status).toBe(400)
  })

  it('answers 404 for a card nobody holds', async () => {
    const answer = await simulator.get(`/admin/cards/${CARD_NUMBERS_NOT_HELD[0]?.cardNumber}`)
    expect(answer.status).toBe(404)
  })
})
