/**
 * @module test-support
 * Starts a simulator on a free port and talks to it over real HTTP with plain `fetch`, as the
 * wallet does. Shared by the bank-sim tests.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DEMO_CARDS } from '../demo/cards.ts'
import { demoResident } from '../demo/residents.ts'
import { type BankSimulatorOptions, buildBankSimulator } from './server.ts'

/** 2026-11-22 10:00 in Shanghai. */
export const FIXED_NOW_MS = Date.parse('2026-11-22T02:00:00.000Z')
export const DAY_MS = 24 * 60 * 60 * 1000

export interface HttpAnswer {
  status: number
  headers: Headers
  body: Record<string, unknown>
}

export interface RunningSimulator {
  url: string
  call(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<HttpAnswer>
  post(path: string, body: unknown, signal?: AbortSignal): Promise<HttpAnswer>
  get(path: string, signal?: AbortSignal): Promise<HttpAnswer>
  close(): Promise<void>
}

export async function startSimulator(
  options: BankSimulatorOptions = {},
): Promise<RunningSimulator> {
  const app = buildBankSimulator({ clock: () => FIXED_NOW_MS, hangMs: 300, ...options })
  await app.listen({ host: '127.0.0.1', port: 0 })
  const address = app.server.address()
  if (address === null || typeof address === 'string') throw new Error('expected a TCP address')
  const url = `http://127.0.0.1:${address.port}`
  const call = async (
    method: string,
    path: string,
    body?: unknown,
    signal?: AbortSignal,
  ): Promise<HttpAnswer> => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    })
    const text = await response.text()
    const parsed = (text === '' ? {} : JSON.parse(text)) as Record<string, unknown>
    return { status: response.status, headers: response.headers, body: parsed }
  }
  return {
    url,
    call,
    post: (path, body, signal) => call('POST', path, body, signal),
    get: (path, signal) => call('GET', path, undefined, signal),
    close: async () => {
      await app.close()
    },
  }
}

export function temporaryDataDir(): { dataDir: string; remove: () => void } {
  const dataDir = mkdtempSync(join(tmpdir(), 'bank-sim-test-'))
  return { dataDir, remove: () => rmSync(dataDir, { recursive: true, force: true }) }
}

/** The demo card at this position in DEMO_CARDS, with its holder's verification details. */
export function demoCardAt(index: number): {
  cardNumber: string
  holderName: string
  idNumber: string
  phone: string
  expiry?: string
  cvn?: string
} {
  const demo = DEMO_CARDS[index]
  if (demo === undefined) throw new Error(`no demo card ${index}`)
  const holder = DEMO_CARDS_HOLDERS.get(demo.card.holderIdNumber)
  if (holder === undefined) throw new Error('demo card without demo holder')
  return {
    cardNumber: demo.card.cardNumber,
    holderName: holder.name,
    idNumber: holder.idNumber,
    phone: holder.phone,
    ...(demo.card.cardType === 'CREDIT' ? { expiry: demo.card.expiry, cvn: demo.card.cvn } : {}),
  }
}

const DEMO_CARDS_HOLDERS = new Map(
  Array.from({ length: 12 }, (_, index) => {
    const resident = demoResident(`138000000${String(index + 1).padStart(2, '0')}`)
    return [resident.idNumber, resident] as const
  }),
)

/** Demo cards by what they demonstrate (indexes into DEMO_CARDS, see demo/cards.ts). */
export const CARD = {
  zhangWeiIcbcDebit: 0,
  zhangWeiCmbCredit: 1,
  zhangWeiCancelled: 2,
  zhangWeiExpiredCredit: 3,
  zhangWeiOnlineDisabled: 4,
  zhangWeiLocalOnly: 5,
  zhangWeiFrozenCredit: 6,
  zhangWeiLowLimits: 7,
  liNaCcbDebit: 8,
  liNaBocCredit: 9,
  wangFangPoor: 10,
  liuYangPhoneMismatch: 11,
  liuYangIcbcDebit: 12,
  chenJingCmbDebit: 13,
  chenJingNearlyMaxed: 14,
  yangFanRich: 15,
  zhouJieToRepay: 18,
} as const

export function cardNumberOf(index: number): string {
  return demoCardAt(index).cardNumber
}

let requestCounter = 0
/** A fresh requestId per call, unique within a test run. */
export function newRequestId(prefix = 'req'): string {
  requestCounter += 1
  return `${prefix}-${process.pid}-${requestCounter}`
}

export function debitRequest(
  requestId: string,
  cardNumber: string,
  amountFen: number,
  purpose: 'TOPUP' | 'PAYMENT' = 'TOPUP',
): Record<string, unknown> {
  return { requestId, cardNumber, amountFen, purpose }
}

export function creditRequest(
  requestId: string,
  cardNumber: string,
  amountFen: number,
  purpose: 'WITHDRAW' | 'REFUND' = 'WITHDRAW',
): Record<string, unknown> {
  return { requestId, cardNumber, amountFen, purpose }
}
