import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  PROVINCE_NAMES,
  ageOn,
  idNumberCheckChar,
  isCalendarDate,
  makeIdNumber,
  maskIdNumber,
  parseIdNumber,
} from './id-number.ts'

const TODAY = '2026-11-22'

describe('parseIdNumber', () => {
  it('accepts the GB 11643 example number with an X check character', () => {
    expect(parseIdNumber('11010519491231002X', TODAY)).toEqual({
      ok: true,
      idNumber: '11010519491231002X',
      regionCode: '110105',
      provinceName: '北京市',
      birthDate: '1949-12-31',
      sex: 'F',
    })
  })

  it('derives sex from the parity of the 17th digit', () => {
    const male = parseIdNumber(makeIdNumber('440305', '19900307', '123'), TODAY)
    const female = parseIdNumber(makeIdNumber('440305', '19900307', '124'), TODAY)
    expect(male).toMatchObject({ ok: true, sex: 'M', provinceName: '广东省' })
    expect(female).toMatchObject({ ok: true, sex: 'F' })
  })

  it('accepts a lower-case x and surrounding spaces, and returns the normalized number', () => {
    expect(parseIdNumber(' 11010519491231002x ', TODAY)).toMatchObject({
      ok: true,
      idNumber: '11010519491231002X',
    })
  })

  it.each([
    ['too short', '1101051949123100'],
    ['too long', '11010519491231002X1'],
    ['X in the middle', '1101051949X231002X'],
    ['letters', 'ABCDEFGHIJKLMNOPQR'],
    ['15-digit legacy number', '110105491231002'],
    ['empty', ''],
  ])('rejects the format: %s', (_label, input) => {
    expect(parseIdNumber(input, TODAY)).toEqual({ ok: false, reason: 'FORMAT' })
  })

  it('rejects a wrong check character', () => {
    expect(parseIdNumber('110105194912310021', TODAY)).toEqual({ ok: false, reason: 'CHECKSUM' })
  })

  it('detects every single-digit typo in the body', () => {
    const valid = makeIdNumber('310104', '19850615', '031')
    for (let index = 0; index < 17; index++) {
      const digit = Number(valid[index])
      const typo = `${valid.slice(0, index)}${(digit + 1) % 10}${valid.slice(index + 1)}`
      expect(parseIdNumber(typo, TODAY)).toEqual({ ok: false, reason: 'CHECKSUM' })
    }
  })

  it.each(['00', '10', '16', '20', '47', '55', '66', '71', '81', '82', '99'])(
    'rejects a region outside the mainland province table: %s',
    (province) => {
      const idNumber = makeIdNumber(`${province}0101`, '19900101', '001')
      expect(parseIdNumber(idNumber, TODAY)).toEqual({ ok: false, reason: 'REGION' })
    },
  )

  it.each([
    ['a day that does not exist', '19900230'],
    ['month 13', '19901301'],
    ['day 00', '19900100'],
    ['29 Feb in a common year', '19000229'],
    ['before 1900 (GB 11643 example born 1880)', '18800101'],
    ['tomorrow', '20261123'],
  ])('rejects the birth date: %s', (_label, birth8) => {
    const idNumber = makeIdNumber('440524', birth8, '001')
    expect(parseIdNumber(idNumber, TODAY)).toEqual({ ok: false, reason: 'BIRTH_DATE' })
  })

  it('accepts a birth date of today and of 29 Feb in a leap year', () => {
    expect(parseIdNumber(makeIdNumber('440524', '20261122', '002'), TODAY)).toMatchObject({
      ok: true,
      birthDate: '2026-11-22',
    })
    expect(parseIdNumber(makeIdNumber('440524', '20000229', '002'), TODAY)).toMatchObject({
      ok: true,
      birthDate: '2000-02-29',
    })
  })

  it('covers every province in the table', () => {
    expect(Object.keys(PROVINCE_NAMES)).toHaveLength(31)
    for (const province of Object.keys(PROVINCE_NAMES)) {
      const parsed = parseIdNumber(makeIdNumber(`${province}0102`, '19800101', '010'), TODAY)
      expect(parsed).toMatchObject({ ok: true, provinceName: PROVINCE_NAMES[province] })
    }
  })

  it('refuses a malformed today (a programmer error)', () => {
    expect(() => parseIdNumber('11010519491231002X', '2026-13-01')).toThrow(/todayIso/)
  })
})

describe('idNumberCheckChar', () => {
  it('maps sum mod 11 onto 1 0 X 9 8 7 6 5 4 3 2', () => {
    expect(idNumberCheckChar('11010519491231002')).toBe('X')
    expect(idNumberCheckChar('44052418800101001')).toBe('4')
  })
})

describe('ageOn', () => {
  it('counts whole years, the birthday included', () => {
    expect(ageOn('2010-06-01', '2026-05-31')).toBe(15)
    expect(ageOn('2010-06-01', '2026-06-01')).toBe(16)
    expect(ageOn('2010-06-01', '2010-06-01')).toBe(0)
  })

  it('ages someone born on 29 Feb on 1 Mar in common years', () => {
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17)
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18)
    expect(ageOn('2008-02-29', '2028-02-29')).toBe(20)
  })

  it('refuses a date before the birth date', () => {
    expect(() => ageOn('2010-06-01', '2010-05-31')).toThrow()
  })
})

describe('isCalendarDate', () => {
  it('knows leap years', () => {
    expect(isCalendarDate('2000-02-29')).toBe(true)
    expect(isCalendarDate('1900-02-29')).toBe(false)
    expect(isCalendarDate('2024-02-29')).toBe(true)
    expect(isCalendarDate('2023-02-29')).toBe(false)
    expect(isCalendarDate('2023-04-31')).toBe(false)
    expect(isCalendarDate('2023-4-30')).toBe(false)
  })
})

describe('maskIdNumber', () => {
  it('keeps the first 3 and last 4 characters', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110***********002X')
  })
})

describe('makeIdNumber', () => {
  const provinceArbitrary = fc.constantFrom(...Object.keys(PROVINCE_NAMES))
  const birthDateArbitrary = fc
    .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date(`${TODAY}T00:00:00Z`) })
    .filter((date) => !Number.isNaN(date.getTime()))
    .map((date) => date.toISOString().slice(0, 10))

  it('always builds a number that parses back to its parts', () => {
    fc.assert(
      fc.property(
        provinceArbitrary,
        fc.integer({ min: 0, max: 9999 }),
        birthDateArbitrary,
        fc.integer({ min: 0, max: 999 }),
        (province, county, birthDate, seq) => {
          const region6 = `${province}${String(county).padStart(4, '0')}`
          const seq3 = String(seq).padStart(3, '0')
          const idNumber = makeIdNumber(region6, birthDate.replaceAll('-', ''), seq3)
          const parsed = parseIdNumber(idNumber, TODAY)
          expect(parsed).toEqual({
            ok: true,
            idNumber,
            regionCode: region6,
            provinceName: PROVINCE_NAMES[province],
            birthDate,
            sex: seq % 2 === 1 ? 'M' : 'F',
          })
        },
      ),
      { numRuns: 500 },
    )
  })

  it('asserts the digit format of its parts', () => {
    expect(() => makeIdNumber('11010', '19491231', '002')).toThrow()
    expect(() => makeIdNumber('110105', '1949-12-31', '002')).toThrow()
    expect(() => makeIdNumber('110105', '19491231', '02')).toThrow()
  })
})
