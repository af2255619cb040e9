/**
 * @module money
 * Money is an integer number of minor units (fen for CNY) everywhere: bigint in SQL, a safe
 * integer `number` in TypeScript, an integer in JSON (as in the WeChat Pay v3 wire format).
 */
import { assertSafeInteger } from './assert.ts'
import { LIMITS } from './limits.ts'

export type Currency = 'CNY'
export const CURRENCIES: readonly Currency[] = ['CNY']

/** Minor units per major unit; CNY has 2 decimals (1 yuan = 100 fen). */
export const CURRENCY_SCALE: Record<Currency, number> = { CNY: 100 }

export function isCurrency(value: string): value is Currency {
  return (CURRENCIES as readonly string[]).includes(value)
}

/** True for an amount a transfer may carry: a positive safe integer within the global cap. */
export function isValidAmountFen(amountFen: unknown): amountFen is number {
  return (
    typeof amountFen === 'number' &&
    Number.isSafeInteger(amountFen) &&
    amountFen > 0 &&
    amountFen <= LIMITS.transferAmountFenMax
  )
}

/** Formats fen as yuan text with integer arithmetic only: 123456 → "1234.56", -5 → "-0.05". */
export function formatFen(amountFen: number): string {
  assertSafeInteger(amountFen, 'amountFen')
  const sign = amountFen < 0 ? '-' : ''
  const absoluteFen = Math.abs(amountFen)
  const yuan = Math.trunc(absoluteFen / 100)
  const fen = absoluteFen % 100
  return `${sign}${yuan}.${String(fen).padStart(2, '0')}`
}
