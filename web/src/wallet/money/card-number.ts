/** Card-number and expiry input helpers for 添加银行卡. The server stays the authority. */

export const CARD_DIGITS_MIN = 16
export const CARD_DIGITS_MAX = 19

/**
 * BINs (first 6 digits) of the credit cards the supported banks issue, from the server's BIN
 * table (src/shared/bank-card.ts). Only a hint to show the expiry and CVN fields early: a card
 * missing here still gets them when the server answers CARD_DETAILS_REQUIRED.
 */
const CREDIT_BINS: ReadonlySet<string> = new Set([
  '622230', // ICBC
  '427020', // ICBC Visa
  '622675', // CCB
  '436745', // CCB
  '622836', // ABC
  '548478', // ABC Mastercard
  '622760', // BOC
  '438088', // BOC
  '622575', // CMB
  '439225', // CMB Visa
  '622252', // BOCOM
  '458123', // BOCOM
])

/** The digits of what was typed or pasted, at most 19. */
export function cardDigits(text: string): string {
  return text.replace(/\D/g, '').slice(0, CARD_DIGITS_MAX)
}

/** `6222 0200 0000 0000 018`: groups of four, as printed on the card. */
export function groupCardNumber(digits: string): string {
  return digits.replace(/(\d{4})(?=\d)/g, '$1 ')
}

/** Where the caret goes in the grouped text to sit after `digitCount` digits. */
export function caretAfterDigits(grouped: string, digitCount: number): number {
  if (digitCount <= 0) return 0
  let seen = 0
  for (let index = 0; index < grouped.length; index++) {
    if (/\d/.test(grouped[index] ?? '')) seen++
    if (seen === digitCount) return index + 1
  }
  return grouped.length
}

export function looksLikeCreditCard(digits: string): boolean {
  return CREDIT_BINS.has(digits.slice(0, 6))
}

/** `0829` or `08/29` as typed → `08/29`; the slash appears once the month is complete. */
export function formatExpiryInput(text: string): string {
  const digits = text.replace(/\D/g, '').slice(0, 4)
  return digits.length <= 2 ? digits : `${digits.slice(0, 2)}/${digits.slice(2)}`
}

/** MM/YY with a month from 01 to 12, the format the server takes. */
export function isExpiry(text: string): boolean {
  return /^(0[1-9]|1[0-2])\/\d{2}$/.test(text)
}
