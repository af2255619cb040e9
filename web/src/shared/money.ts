const FEN_PER_YUAN_DIGITS = 2

/**
 * Formats an amount in fen (1/100 yuan) as yuan, e.g. `formatFen(1234)` → `"¥12.34"`.
 *
 * Works on the decimal digits of the integer, never on a float quotient, so no amount is ever
 * rounded. Accepts `bigint` too, because the API sends ledger amounts as bigint strings.
 *
 * @example
 * formatFen(5) // "¥0.05"
 * formatFen(-120000) // "-¥1200.00"
 */
export function formatFen(fen: number | bigint): string {
  if (typeof fen === 'number' && !Number.isSafeInteger(fen)) {
    throw new RangeError(`formatFen: expected a safe integer number of fen, got ${fen}`)
  }
  // BigInt(-0) is 0n, so -0 formats like 0 instead of "-¥0.00".
  const value = BigInt(fen)
  const sign = value < 0n ? '-' : ''
  const digits = (value < 0n ? -value : value).toString().padStart(FEN_PER_YUAN_DIGITS + 1, '0')
  const yuan = digits.slice(0, -FEN_PER_YUAN_DIGITS)
  const fraction = digits.slice(-FEN_PER_YUAN_DIGITS)
  return `${sign}¥${yuan}.${fraction}`
}
