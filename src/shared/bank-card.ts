/**
 * @module bank-card
 * Bank card numbers: Luhn (mod 10) check, masking, and the wallet's BIN (issuer identification)
 * table. Chinese cards have 16–19 digits; the first 6 (lately 8) digits identify the issuer and
 * the card kind. BINs below are real UnionPay/Visa BINs of the six supported banks (source:
 * hexindai/bcbc data/bin.csv) except where marked illustrative.
 *
 * Luhn is a typo check, not the authority: the issuing bank decides whether a card exists.
 *
 * @example
 * lookupBin('6222020000000000000')
 * // → { bin: '622202', bankCode: 'ICBC', bankNameZh: '中国工商银行', cardType: 'DEBIT', … }
 */
import { assert } from './assert.ts'

export const CARD_NUMBER_LENGTH_MIN = 16
export const CARD_NUMBER_LENGTH_MAX = 19

export type SupportedBankCode = 'ICBC' | 'CCB' | 'ABC' | 'BOC' | 'CMB' | 'BOCOM'
export type CardType = 'DEBIT' | 'CREDIT'
/** Kinds the wallet cannot bind: semi-credit (准贷记卡) and prepaid (预付卡) cards. */
export type UnsupportedCardType = CardType | 'SEMI_CREDIT' | 'PREPAID'

export interface Bank {
  bankCode: SupportedBankCode
  bankNameZh: string
  bankNameEn: string
}

export const SUPPORTED_BANKS: readonly Bank[] = [
  {
    bankCode: 'ICBC',
    bankNameZh: '中国工商银行',
    bankNameEn: 'Industrial and Commercial Bank of China',
  },
  { bankCode: 'CCB', bankNameZh: '中国建设银行', bankNameEn: 'China Construction Bank' },
  { bankCode: 'ABC', bankNameZh: '中国农业银行', bankNameEn: 'Agricultural Bank of China' },
  { bankCode: 'BOC', bankNameZh: '中国银行', bankNameEn: 'Bank of China' },
  { bankCode: 'CMB', bankNameZh: '招商银行', bankNameEn: 'China Merchants Bank' },
  { bankCode: 'BOCOM', bankNameZh: '交通银行', bankNameEn: 'Bank of Communications' },
]

export const SUPPORTED_BANK_CODES: readonly SupportedBankCode[] = SUPPORTED_BANKS.map(
  (bank) => bank.bankCode,
)

export function isSupportedBankCode(value: string): value is SupportedBankCode {
  return (SUPPORTED_BANK_CODES as readonly string[]).includes(value)
}

/** Narrow on `supported` first: a supported BIN is always a debit or credit card of our banks. */
export type BinInfo =
  | {
      supported: true
      bin: string
      bankCode: SupportedBankCode
      bankNameZh: string
      bankNameEn: string
      cardType: CardType
      /** Length of the card numbers issued under this BIN. */
      cardLength: number
    }
  | {
      supported: false
      bin: string
      bankCode: string
      bankNameZh: string
      bankNameEn: string
      cardType: UnsupportedCardType
      cardLength: number
    }

type BinRow = readonly [
  bin: string,
  bankCode: SupportedBankCode,
  cardType: CardType,
  cardLength: number,
]

const SUPPORTED_BIN_ROWS: readonly BinRow[] = [
  ['622202', 'ICBC', 'DEBIT', 19], // 牡丹灵通卡
  ['621226', 'ICBC', 'DEBIT', 19],
  ['621558', 'ICBC', 'DEBIT', 19],
  ['622230', 'ICBC', 'CREDIT', 16],
  ['427020', 'ICBC', 'CREDIT', 16], // Visa
  ['621700', 'CCB', 'DEBIT', 19], // 龙卡储蓄卡
  ['436742', 'CCB', 'DEBIT', 19],
  ['622675', 'CCB', 'CREDIT', 16],
  ['436745', 'CCB', 'CREDIT', 16],
  ['622848', 'ABC', 'DEBIT', 19], // 金穗借记卡
  ['622845', 'ABC', 'DEBIT', 19],
  ['622836', 'ABC', 'CREDIT', 16],
  ['548478', 'ABC', 'CREDIT', 16], // Mastercard
  ['621661', 'BOC', 'DEBIT', 19],
  ['621785', 'BOC', 'DEBIT', 19],
  ['456351', 'BOC', 'DEBIT', 19], // 长城电子借记卡
  ['622760', 'BOC', 'CREDIT', 16],
  ['438088', 'BOC', 'CREDIT', 16],
  ['622588', 'CMB', 'DEBIT', 16], // 一卡通
  ['621483', 'CMB', 'DEBIT', 16],
  ['622575', 'CMB', 'CREDIT', 16],
  ['439225', 'CMB', 'CREDIT', 16], // Visa
  ['622262', 'BOCOM', 'DEBIT', 19], // 太平洋借记卡
  ['622260', 'BOCOM', 'DEBIT', 19],
  ['622252', 'BOCOM', 'CREDIT', 16],
  ['458123', 'BOCOM', 'CREDIT', 16],
]

/** BINs that identify a card the wallet will not bind, so `CARD_NOT_SUPPORTED` can happen. */
const UNSUPPORTED_BINS: readonly BinInfo[] = [
  {
    supported: false,
    bin: '622188',
    bankCode: 'PSBC',
    bankNameZh: '中国邮政储蓄银行',
    bankNameEn: 'Postal Savings Bank of China',
    cardType: 'DEBIT',
    cardLength: 19,
  },
  {
    supported: false,
    bin: '622820',
    bankCode: 'ABC',
    bankNameZh: '中国农业银行',
    bankNameEn: 'Agricultural Bank of China',
    cardType: 'SEMI_CREDIT',
    cardLength: 16,
  },
  // Illustrative 8-digit BIN carved out of an ICBC debit range: a prepaid card that longest-prefix
  // matching must tell apart from the debit cards under 621226.
  {
    supported: false,
    bin: '62122699',
    bankCode: 'ICBC',
    bankNameZh: '中国工商银行',
    bankNameEn: 'Industrial and Commercial Bank of China',
    cardType: 'PREPAID',
    cardLength: 19,
  },
]

export const BIN_TABLE: readonly BinInfo[] = [
  ...SUPPORTED_BIN_ROWS.map(([bin, bankCode, cardType, cardLength]): BinInfo => {
    const bank = SUPPORTED_BANKS.find((candidate) => candidate.bankCode === bankCode)
    assert(bank !== undefined, `BIN ${bin} names a bank missing from SUPPORTED_BANKS`)
    return { supported: true, bin, ...bank, cardType, cardLength }
  }),
  ...UNSUPPORTED_BINS,
]

const BIN_LENGTH_MAX = 8
const BIN_BY_PREFIX: ReadonlyMap<string, BinInfo> = buildBinIndex(BIN_TABLE)

function buildBinIndex(table: readonly BinInfo[]): Map<string, BinInfo> {
  const index = new Map<string, BinInfo>()
  for (const info of table) {
    assert(/^\d{6,8}$/.test(info.bin), `BIN ${info.bin} must have 6–8 digits`)
    assert(!index.has(info.bin), `BIN ${info.bin} appears twice`)
    assert(
      info.cardLength >= CARD_NUMBER_LENGTH_MIN && info.cardLength <= CARD_NUMBER_LENGTH_MAX,
      `BIN ${info.bin} card length out of range`,
    )
    index.set(info.bin, info)
  }
  return index
}

/** True for a string of 16–19 digits (no spaces; see `normalizeCardNumber`). */
export function isCardNumberFormat(cardNumber: string): boolean {
  return /^\d{16,19}$/.test(cardNumber)
}

/** Removes the spaces and hyphens people type between digit groups. */
export function normalizeCardNumber(input: string): string {
  return input.replace(/[\s-]/g, '')
}

/** Luhn mod-10 check over a digit string (any length ≥ 2; the card length is checked apart). */
export function luhnValid(cardNumber: string): boolean {
  if (!/^\d{2,}$/.test(cardNumber)) return false
  return luhnSum(cardNumber, false) % 10 === 0
}

/** The Luhn check digit to append to `payload`. */
export function luhnCheckDigit(payload: string): string {
  assert(/^\d+$/.test(payload), 'luhnCheckDigit needs digits')
  // The check digit will sit in the rightmost (undoubled) position, so payload digits shift.
  return String((10 - (luhnSum(payload, true) % 10)) % 10)
}

function luhnSum(digits: string, doubleRightmost: boolean): number {
  let sum = 0
  let double = doubleRightmost
  for (let index = digits.length - 1; index >= 0; index--) {
    let digit = digits.charCodeAt(index) - 48
    if (double) {
      digit *= 2
      if (digit > 9) digit -= 9
    }
    sum += digit
    double = !double
  }
  return sum
}

/**
 * A Luhn-valid card number: `prefix`, then `seq` zero-padded to fill, then the check digit.
 * Deterministic, for demo data and tests.
 *
 * @example makeLuhnCardNumber('622202', 19, 1) // → '622202000000000001' + check digit
 */
export function makeLuhnCardNumber(prefix: string, length: number, seq: number): string {
  assert(/^\d{1,18}$/.test(prefix), 'prefix must be digits')
  assert(Number.isSafeInteger(length) && length >= 12 && length <= 19, 'length must be 12–19')
  assert(Number.isSafeInteger(seq) && seq >= 0, 'seq must be a non-negative integer')
  const fillLength = length - prefix.length - 1
  assert(fillLength >= 0, 'prefix too long for the card length')
  const fill = String(seq).padStart(fillLength, '0')
  assert(fill.length === fillLength, `seq ${seq} does not fit in ${fillLength} digits`)
  const payload = `${prefix}${fill}`
  return `${payload}${luhnCheckDigit(payload)}`
}

/** Shows only the last four digits: '**** 1234'. */
export function maskCardNumber(cardNumber: string): string {
  assert(cardNumber.length >= 4, 'a card number has at least 4 characters')
  return `**** ${cardNumber.slice(-4)}`
}

export function cardLast4(cardNumber: string): string {
  assert(cardNumber.length >= 4, 'a card number has at least 4 characters')
  return cardNumber.slice(-4)
}

/** Longest-prefix match of the card number against the BIN table (8, 7 then 6 digits). */
export function lookupBin(cardNumber: string): BinInfo | undefined {
  if (!/^\d{6,}$/.test(cardNumber)) return undefined
  for (let length = Math.min(BIN_LENGTH_MAX, cardNumber.length); length >= 6; length--) {
    const info = BIN_BY_PREFIX.get(cardNumber.slice(0, length))
    if (info !== undefined) return info
  }
  return undefined
}
