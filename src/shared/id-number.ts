/**
 * @module id-number
 * Resident identity card numbers (公民身份号码) per GB 11643-1999: 18 characters =
 * 6-digit address code (GB/T 2260) + 8-digit birth date YYYYMMDD + 3-digit sequence
 * (odd = male, even = female) + 1 check character (ISO 7064 MOD 11-2, `X` stands for 10).
 *
 * Pure functions, no I/O and no hidden clock: callers pass "today" so tests control time.
 *
 * @example
 * parseIdNumber('11010519491231002X', '2026-01-01')
 * // → { ok: true, regionCode: '110105', provinceName: '北京市', birthDate: '1949-12-31', sex: 'F' }
 */
import { assert } from './assert.ts'

/** Province-level divisions of GB/T 2260 that issue resident ID numbers (mainland only). */
export const PROVINCE_NAMES: Readonly<Record<string, string>> = {
  '11': '北京市',
  '12': '天津市',
  '13': '河北省',
  '14': '山西省',
  '15': '内蒙古自治区',
  '21': '辽宁省',
  '22': '吉林省',
  '23': '黑龙江省',
  '31': '上海市',
  '32': '江苏省',
  '33': '浙江省',
  '34': '安徽省',
  '35': '福建省',
  '36': '江西省',
  '37': '山东省',
  '41': '河南省',
  '42': '湖北省',
  '43': '湖南省',
  '44': '广东省',
  '45': '广西壮族自治区',
  '46': '海南省',
  '50': '重庆市',
  '51': '四川省',
  '52': '贵州省',
  '53': '云南省',
  '54': '西藏自治区',
  '61': '陕西省',
  '62': '甘肃省',
  '63': '青海省',
  '64': '宁夏回族自治区',
  '65': '新疆维吾尔自治区',
}

export type Sex = 'M' | 'F'

export type IdNumberFailure = 'FORMAT' | 'CHECKSUM' | 'BIRTH_DATE' | 'REGION'

export type ParsedIdNumber =
  | {
      ok: true
      /** The normalized number (upper-case X), as it should be stored. */
      idNumber: string
      regionCode: string
      provinceName: string
      birthDate: string
      sex: Sex
    }
  | { ok: false; reason: IdNumberFailure }

/** Dates of birth before this are rejected: no living resident was born earlier. */
export const BIRTH_DATE_MIN = '1900-01-01'

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const
const CHECK_CHARS = '10X98765432'
const ID_NUMBER_PATTERN = /^\d{17}[\dX]$/
const ISO_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/

/** ISO 7064 MOD 11-2 check character for the first 17 digits. */
export function idNumberCheckChar(first17: string): string {
  assert(/^\d{17}$/.test(first17), 'idNumberCheckChar needs exactly 17 digits')
  let sum = 0
  for (let index = 0; index < 17; index++) {
    sum += Number(first17.charCodeAt(index) - 48) * (WEIGHTS[index] ?? 0)
  }
  const checkChar = CHECK_CHARS[sum % 11]
  assert(checkChar !== undefined, 'sum mod 11 indexes the check table')
  return checkChar
}

/**
 * Parses and validates an ID number. Accepts a lower-case `x` (people type it) and surrounding
 * spaces; everything else must be exact. Checks run cheapest-to-explain first: format, checksum
 * (catches typos), region, birth date.
 */
export function parseIdNumber(input: string, todayIso: string): ParsedIdNumber {
  assertIsoDate(todayIso, 'todayIso')
  const idNumber = input.trim().toUpperCase()
  if (!ID_NUMBER_PATTERN.test(idNumber)) return { ok: false, reason: 'FORMAT' }
  if (idNumberCheckChar(idNumber.slice(0, 17)) !== idNumber[17]) {
    return { ok: false, reason: 'CHECKSUM' }
  }
  const provinceName = PROVINCE_NAMES[idNumber.slice(0, 2)]
  if (provinceName === undefined) return { ok: false, reason: 'REGION' }
  const birth8 = idNumber.slice(6, 14)
  const birthDate = `${birth8.slice(0, 4)}-${birth8.slice(4, 6)}-${birth8.slice(6, 8)}`
  if (!isCalendarDate(birthDate) || birthDate < BIRTH_DATE_MIN || birthDate > todayIso) {
    return { ok: false, reason: 'BIRTH_DATE' }
  }
  const sequenceLastDigit = Number(idNumber[16])
  return {
    ok: true,
    idNumber,
    regionCode: idNumber.slice(0, 6),
    provinceName,
    birthDate,
    sex: sequenceLastDigit % 2 === 1 ? 'M' : 'F',
  }
}

/**
 * Age in whole years on `dateIso`: the birthday must have been reached. Someone born on 29 Feb
 * turns a year older on 1 Mar in common years.
 */
export function ageOn(birthDate: string, dateIso: string): number {
  assertIsoDate(birthDate, 'birthDate')
  assertIsoDate(dateIso, 'dateIso')
  assert(dateIso >= birthDate, `ageOn: ${dateIso} is before the birth date ${birthDate}`)
  const years = Number(dateIso.slice(0, 4)) - Number(birthDate.slice(0, 4))
  // ISO month-day strings compare correctly as text.
  return dateIso.slice(5) < birthDate.slice(5) ? years - 1 : years
}

/**
 * Builds an ID number from its parts and computes the check character. Only the digit format of
 * the parts is asserted, so tests can build numbers with a bad region or date on purpose.
 *
 * @example makeIdNumber('110105', '19491231', '002') // → '11010519491231002X'
 */
export function makeIdNumber(region6: string, birth8: string, seq3: string): string {
  assert(/^\d{6}$/.test(region6), 'region6 must be 6 digits')
  assert(/^\d{8}$/.test(birth8), 'birth8 must be 8 digits (YYYYMMDD)')
  assert(/^\d{3}$/.test(seq3), 'seq3 must be 3 digits')
  const first17 = `${region6}${birth8}${seq3}`
  return `${first17}${idNumberCheckChar(first17)}`
}

/** Masks an ID number for display and logs: first 3 and last 4 characters stay visible. */
export function maskIdNumber(idNumber: string): string {
  assert(idNumber.length === 18, 'maskIdNumber needs an 18-character ID number')
  return `${idNumber.slice(0, 3)}***********${idNumber.slice(14)}`
}

/** True when `dateIso` is YYYY-MM-DD naming a day that exists in the Gregorian calendar. */
export function isCalendarDate(dateIso: string): boolean {
  const match = ISO_DATE_PATTERN.exec(dateIso)
  if (match === null) return false
  const year = Number(match[1])
  const month = Number(match[2])
  const day = Number(match[3])
  if (month < 1 || month > 12 || day < 1) return false
  return day <= daysInMonth(year, month)
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
    return leap ? 29 : 28
  }
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31
}

function assertIsoDate(dateIso: string, what: string): void {
  assert(isCalendarDate(dateIso), `${what} must be a calendar date YYYY-MM-DD, got ${dateIso}`)
}
