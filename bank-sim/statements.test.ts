import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Bank } from './bank.ts'
import {
  CARD,
  DAY_MS,
  FIXED_NOW_MS,
  type RunningSimulator,
  cardNumberOf,
  creditRequest,
  debitRequest,
  startSimulator,
} from './test-support.ts'

let simulator: RunningSimulator
beforeEach(async () => {
  simulator = await startSimulator()
})
afterEach(async () => {
  await simulator.close()
})

const HOUR_MS = 60 * 60 * 1000
const setClock = (offsetMs: number) => simulator.post('/admin/clock', { offsetMs })

describe('GET /v1/statements/:date', () => {
  it('lists every request processed that day, successes and failures, in order', async () => {
    const icbc = cardNumberOf(CARD.zhangWeiIcbcDebit)
    const cmb = cardNumberOf(CARD.zhangWeiCmbCredit)
    const cancelled = cardNumberOf(CARD.zhangWeiCancelled)
    await simulator.post('/v1/debits', debitRequest('s1', icbc, 1_000))
    await simulator.post('/v1/credits', creditRequest('s2', icbc, 300))
    await simulator.post('/v1/repayments', { requestId: 's3', cardNumber: cmb, amountFen: 200 })
    await simulator.post('/v1/debits', debitRequest('s4', cancelled, 50, 'PAYMENT'))
    // A repeat is not a second entry.
    await simulator.post('/v1/debits', debitRequest('s1', icbc, 1_000))

    const answer = await simulator.get('/v1/statements/2026-11-22')
    expect(answer.status).toBe(200)
    const processedAt = new Date(FIXED_NOW_MS).toISOString()
    expect(answer.body).toEqual({
      date: '2026-11-22',
      entries: [
        {
          requestId: 's1',
          kind: 'DEBIT',
          purpose: 'TOPUP',
          status: 'SUCCEEDED',
          amountFen: 1_000,
          bankCode: 'ICBC',
          cardLast4: '0018',
          bankRef: expect.stringMatching(/^D/),
          processedAt,
        },
        expect.objectContaining({ requestId: 's2', kind: 'CREDIT', purpose: 'WITHDRAW' }),
        expect.objectContaining({ requestId: 's3', kind: 'REPAYMENT', bankCode: 'CMB' }),
        expect.objectContaining({
          requestId: 's4',
          status: 'FAILED',
          code: 'CARD_CANCELLED',
          cardLast4: '0012',
          bankCode: 'CCB',
        }),
      ],
    })
  })

  it('cuts days at midnight in Shanghai (UTC+8), following the simulator clock', async () => {
    const icbc = cardNumberOf(CARD.zhangWeiIcbcDebit)
    const debit = (requestId: string) => {
      const body = { requestId, cardNumber: icbc, amountFen: 100, purpose: 'TOPUP' }
      return simulator.post('/v1/debits', body)
    }
    // FIXED_NOW is 10:00 Shanghai on the 22nd; 13:59 later is 23:59, 14:00 later is midnight.
    await setClock(14 * HOUR_MS - 60_000)
    await debit('late')
    await setClock(14 * HOUR_MS)
    await debit('early')
    const ids = async (date: string) =>
      ((await simulator.get(`/v1/statements/${date}`)).body.entries as { requestId: string }[]).map(
        (entry) => entry.requestId,
      )
    expect(await ids('2026-11-22')).toEqual(['late'])
    expect(await ids('2026-11-23')).toEqual(['early'])
    const early = (await simulator.get('/v1/requests/early')).body
    expect(early.processedAt).toBe(new Date(FIXED_NOW_MS + 14 * HOUR_MS).toISOString())
    expect(early.processedAt).toBe('2026-11-22T16:00:00.000Z')
  })

  it('is empty for a day without requests', async () => {
    const answer = await simulator.get(
      `/v1/statements/${new Date(FIXED_NOW_MS - 30 * DAY_MS).toISOString().slice(0, 10)}`,
    )
    expect(answer.body).toEqual({ date: '2026-10-23', entries: [] })
  })

  it.each(['2026-02-30', '2026-1-01', 'yesterday'])('rejects the date %s', async (date) => {
    const answer = await simulator.get(`/v1/statements/${date}`)
    expect(answer.status).toBe(400)
    expect(answer.body.code).toBe('INVALID_REQUEST')
  })
})

describe('Bank.statementPage', () => {
  it('pages through a day with nextOffset', () => {
    const bank = new Bank({ clock: () => FIXED_NOW_MS })
    const cardNumber = cardNumberOf(CARD.zhangWeiIcbcDebit)
    for (let index = 0; index < 5; index++) {
      bank.processMoney({
        kind: 'DEBIT',
        requestId: `page-${index}`,
        cardNumber,
        amountFen: 100,
        purpose: 'TOPUP',
      })
    }
    const ids = (page: { requests: { requestId: string }[] }) =>
      page.requests.map((request) => request.requestId)
    const first = bank.statementPage('2026-11-22', 0, 2)
    expect(ids(first)).toEqual(['page-0', 'page-1'])
    expect(first.nextOffset).toBe(2)
    const last = bank.statementPage('2026-11-22', 4, 2)
    expect(ids(last)).toEqual(['page-4'])
    expect(last.nextOffset).toBeUndefined()
    expect(bank.statementPage('2026-11-22', 9, 2)).toEqual({ requests: [] })
  })
})
