/**
 * @module time
 * Banks in the simulation keep China Standard Time (UTC+8, no daylight saving): daily limits
 * reset and statements cut over at midnight in Shanghai.
 */
import { assert } from './assert.ts'

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000

/** The Asia/Shanghai calendar date (YYYY-MM-DD) of an instant. */
export function shanghaiDate(epochMs: number): string {
  assert(Number.isSafeInteger(epochMs), 'epochMs must be an integer')
  return new Date(epochMs + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10)
}

/** `YYYYMMDD` for bank references. */
export function shanghaiDateCompact(epochMs: number): string {
  return shanghaiDate(epochMs).replaceAll('-', '')
}

/**
 * A card printed with expiry 'MM/YY' works through the last day of that month (Shanghai time)
 * and is expired from the first day of the next.
 */
export function isCardExpired(expiry: string, epochMs: number): boolean {
  const match = /^(0[1-9]|1[0-2])\/(\d{2})$/.exec(expiry)
  assert(match !== null, `card expiry must be MM/YY, got ${expiry}`)
  const expiryMonth = `20${match[2]}-${match[1]}`
  return shanghaiDate(epochMs).slice(0, 7) > expiryMonth
}
