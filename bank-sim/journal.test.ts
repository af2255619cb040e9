import { BUSINESS_ACCOUNTS } from '../demo/business-accounts.ts'
import { appendFileSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { BANK_CARDS } from '../demo/cards.ts'
import { RESIDENTS } from '../demo/residents.ts'
import { JOURNAL_FILE_NAME } from './journal.ts'
import { buildBankSimulator } from './server.ts'
import {
  CARD,
  type RunningSimulator,
  cardNumberOf,
  creditRequest,
  debitRequest,
  demoCardAt,
  startSimulator,
  temporaryDataDir,
} from './test-support.ts'

let dataDir: string
let removeDataDir: () => void
const running: RunningSimulator[] = []

beforeEach(() => {
  ;({ dataDir, remove: removeDataDir } = temporaryDataDir())
})
afterEach(async () => {
  for (const simulator of running.splice(0)) await simulator.close()
  removeDataDir()
})

async function start(): Promise<RunningSimulator> {
  const simulator = await startSimulator({ dataDir })
  running.push(simulator)
  return simulator
}

async function stop(simulator: RunningSimulator): Promise<void> {
  running.splice(running.indexOf(simulator), 1)
  await simulator.close()
}

const journalPath = (): string => join(dataDir, JOURNAL_FILE_NAME)
const journalLines = (): string[] => readFileSync(journalPath(), 'utf8').trimEnd().split('\n')

describe('journal', () => {
  it('seeds the demo population once, as the first entries', async () => {
    await stop(await start())
    const lines = journalLines()
    expect(lines).toHaveLength(RESIDENTS.length + BANK_CARDS.length + 2 * BUSINESS_ACCOUNTS.length)
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ seq: 1, type: 'holder' })
    await stop(await start())
    expect(journalLines()).toHaveLength(
      RESIDENTS.length + BANK_CARDS.length + 2 * BUSINESS_ACCOUNTS.length,
    )
  })

  it('keeps balances, request outcomes, card changes and the clock across a restart', async () => {
    const first = await start()
    const icbc = cardNumberOf(CARD.zhangWeiIcbcDebit)
    const cmb = cardNumberOf(CARD.zhangWeiCmbCredit)
    const poor = cardNumberOf(CARD.wangFangPoor)
    await first.post('/v1/debits', debitRequest('r1', icbc, 2_500))
    await first.post('/v1/debits', debitRequest('r2', cmb, 7_000, 'PAYMENT'))
    await first.post('/v1/credits', creditRequest('r3', icbc, 500))
    await first.post('/v1/repayments', { requestId: 'r4', cardNumber: cmb, amountFen: 2_000 })
    await first.post('/v1/debits', debitRequest('r5', poor, 99_999))
    await first.post(`/admin/cards/${poor}`, { state: 'FROZEN' })
    await first.post('/admin/clock', { offsetMs: 3_600_000 })
    const before = {
      icbc: (await first.get(`/admin/cards/${icbc}`)).body,
      cmb: (await first.get(`/admin/cards/${cmb}`)).body,
      r1: (await first.get('/v1/requests/r1')).body,
      r5: (await first.get('/v1/requests/r5')).body,
      statement: (await first.get('/v1/statements/2026-11-22')).body,
    }
    expect(before.icbc).toMatchObject({ balanceFen: 5_000_000 - 2_500 + 500 })
    expect(before.cmb).toMatchObject({ usedFen: 5_000 })
    await stop(first)

    const second = await start()
    expect((await second.get(`/admin/cards/${icbc}`)).body).toEqual(before.icbc)
    expect((await second.get(`/admin/cards/${cmb}`)).body).toEqual(before.cmb)
    expect((await second.get('/v1/requests/r1')).body).toEqual(before.r1)
    expect((await second.get('/v1/requests/r5')).body).toEqual(before.r5)
    expect((await second.get('/v1/statements/2026-11-22')).body).toEqual(before.statement)
    expect((await second.get(`/admin/cards/${poor}`)).body).toMatchObject({ state: 'FROZEN' })
    expect((await second.get('/admin/clock')).body).toMatchObject({ offsetMs: 3_600_000 })
    // Idempotency survives too: the repeat is answered from the replayed books.
    const repeat = await second.post('/v1/debits', {
      requestId: 'r1',
      cardNumber: icbc,
      amountFen: 2_500,
      purpose: 'TOPUP',
    })
    expect(repeat.headers.get('idempotent-replay')).toBe('true')
    expect((await second.get(`/admin/cards/${icbc}`)).body).toEqual(before.icbc)
  })

  it('journals card checks without name, ID number, phone, expiry or CVN', async () => {
    const simulator = await start()
    const details = demoCardAt(CARD.zhangWeiCmbCredit)
    await simulator.post('/v1/cards/verify', details)
    await simulator.post('/v1/cards/verify', { ...details, cvn: '999' })
    await stop(simulator)
    const verifyLines = journalLines().filter((line) => line.includes('"verify"'))
    expect(verifyLines.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({ type: 'verify', cardNumber: details.cardNumber, code: null }),
      expect.objectContaining({ type: 'verify', code: 'CARD_INFO_MISMATCH' }),
    ])
    for (const secret of [details.holderName, details.phone, '"123"', '"999"', '"12/30"']) {
      expect(verifyLines.join('\n')).not.toContain(secret)
    }
  })

  it('drops a torn last line (never acknowledged) and carries on', async () => {
    const first = await start()
    const icbc = cardNumberOf(CARD.zhangWeiIcbcDebit)
    await first.post('/v1/debits', debitRequest('kept', icbc, 100))
    await stop(first)
    const intactBytes = statSync(journalPath()).size
    appendFileSync(journalPath(), '{"seq":999,"type":"request","requ')

    const second = await start()
    expect(statSync(journalPath()).size).toBe(intactBytes)
    expect((await second.get('/v1/requests/kept')).body).toMatchObject({ status: 'SUCCEEDED' })
    const next = await second.post('/v1/debits', {
      requestId: 'after-tear',
      cardNumber: icbc,
      amountFen: 100,
      purpose: 'TOPUP',
    })
    expect(next.status).toBe(200)
    expect((await second.get(`/admin/cards/${icbc}`)).body).toMatchObject({ balanceFen: 4_999_800 })
  })

  it('refuses to start on a corrupt line in the middle', async () => {
    await stop(await start())
    const lines = journalLines()
    lines[10] = '{not json'
    writeFileSync(journalPath(), `${lines.join('\n')}\n`)
    expect(() => buildBankSimulator({ dataDir })).toThrow(/corrupt/)
  })

  it('refuses a second simulator on a data dir in use, and takes over after close', async () => {
    const first = await start()
    expect(() => buildBankSimulator({ dataDir })).toThrow(/in use/)
    await stop(first)
    await stop(await start())
  })

  it('keeps nothing without a data dir', async () => {
    const first = await startSimulator()
    const icbc = cardNumberOf(CARD.zhangWeiIcbcDebit)
    await first.post('/v1/debits', debitRequest('mem', icbc, 100))
    await first.close()
    const second = await startSimulator()
    expect((await second.get('/v1/requests/mem')).status).toBe(404)
    await second.close()
  })
})
