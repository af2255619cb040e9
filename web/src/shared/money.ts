const FEN_PER_YUAN_DIGITS = 2

/**
 * Formats an amount in fen (1/100 yuan) as yuan, e.g. `formatFen(1234)` → `"¥12.34"`, with
 * thousands separators so a big amount can be read at a glance: `"¥50,000.00"`.
 *
 * Works on the decimal digits of the integer, never on a float quotient, so no amount is ever
 * rounded. Accepts `bigint` too, because the API sends ledger amounts as bigint strings.
 *
 * @example
 * formatFen(5) // "¥0.05"
 * formatFen(-120000) // "-¥1,200.00"
 */
export function formatFen(fen: number | bigint): string {
  if (typeof fen === 'number' && !Number.isSafeInteger(fen)) {
    throw new RangeError(`formatFen: expected a safe integer number of fen, got ${fen}`)
  }
  // BigInt(-0) is 0n, so -0 formats like 0 instead of "-¥0.00".
  const value = BigInt(fen)
  const sign = value < 0n ? '-' : ''
  const digits = (value < 0n ? -value : value).toString().padStart(FEN_PER_YUAN_DIGITS + 1, '0')
  const yuan = digits.slice(0, -FEN_PER_YUAN_DIGITS).replace(/\B(?=(\d{3})+$)/g, ',')
  const fraction = digits.slice(-FEN_PER_YUAN_DIGITS)
  return `${sign}¥${yuan}.${fraction}`
}

/** Why a typed amount is not a usable number of fen. */
export type YuanInputError = 'EMPTY' | 'FORMAT' | 'TOO_MANY_DECIMALS' | 'ZERO' | 'TOO_LARGE'

export type ParsedYuan = { ok: true; fen: number } | { ok: false; error: YuanInputError }

// 13 integer digits of yuan is 10^15 fen at most: still a safe integer, so no step below rounds.
const YUAN_INTEGER_DIGITS_MAX = 13

/** Full-width digits and the full-width point, as Chinese input methods type them. */
function toAsciiDigits(text: string): string {
  return text
    .replace(/[０-９]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0))
    .replace(/[．。]/g, '.')
}

/**
 * Parses an amount typed in yuan into integer fen, on the digits of the text, never through a
 * float: `"12.3"` → 1230, `"0.07"` → 7, `"100"` → 10000. More than two decimals is refused
 * (not rounded), so the amount charged is always exactly what was typed.
 *
 * @example
 * parseYuanToFen('12.3') // { ok: true, fen: 1230 }
 * parseYuanToFen('1.005') // { ok: false, error: 'TOO_MANY_DECIMALS' }
 */
export function parseYuanToFen(text: string): ParsedYuan {
  const trimmed = toAsciiDigits(text)
    .trim()
    .replace(/^[¥￥]\s*/, '')
  if (trimmed === '') return { ok: false, error: 'EMPTY' }
  const match = /^(\d*)(?:\.(\d*))?$/.exec(trimmed)
  if (match === null) return { ok: false, error: 'FORMAT' }
  const integerDigits = (match[1] ?? '').replace(/^0+(?=\d)/, '')
  const fractionDigits = match[2] ?? ''
  if (integerDigits === '' && fractionDigits === '') return { ok: false, error: 'FORMAT' }
  if (fractionDigits.length > FEN_PER_YUAN_DIGITS) return { ok: false, error: 'TOO_MANY_DECIMALS' }
  if (integerDigits.length > YUAN_INTEGER_DIGITS_MAX) return { ok: false, error: 'TOO_LARGE' }
  const yuan = integerDigits === '' ? 0 : Number(integerDigits)
  const fen = yuan * 100 + Number(fractionDigits.padEnd(FEN_PER_YUAN_DIGITS, '0'))
  if (fen === 0) return { ok: false, error: 'ZERO' }
  return { ok: true, fen }
}

/** Fen as the plain yuan text an amount field holds, e.g. 5000 → "50.00" (no currency sign). */
export function fenToYuanInput(fen: number): string {
  return formatFen(fen).replace('¥', '').replaceAll(',', '')
}
