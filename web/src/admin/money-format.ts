/**
 * Amounts for operators: yuan with thousands separators (¥1,234,567.89), from the integer's
 * digits, never a float, so no total is ever rounded.
 */
export function formatFenGrouped(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`formatFenGrouped: not fen: ${fen}`)
  const sign = fen < 0 ? '-' : ''
  const digits = String(Math.abs(fen)).padStart(3, '0')
  const yuan = digits.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${sign}¥${yuan}.${digits.slice(-2)}`
}
