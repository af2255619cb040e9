import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  BIN_TABLE,
  SUPPORTED_BANK_CODES,
  cardLast4,
  isCardNumberFormat,
  lookupBin,
  luhnCheckDigit,
  luhnValid,
  makeLuhnCardNumber,
  maskCardNumber,
  normalizeCardNumber,
} from './bank-card.ts'

describe('luhnValid', () => {
  it.each([
    '4111111111111111', // the classic Visa test number
    '5555555555554444',
    '79927398713', // the Luhn article example
    '6222020000000000000',
  ])('accepts %s', (cardNumber) => {
    expect(luhnValid(cardNumber)).toBe(true)
  })

  it.each(['4111111111111112', '79927398710', '6222 0200 0000 0000 000', '', '0', 'abcd'])(
    'rejects %j',
    (cardNumber) => {
      expect(luhnValid(cardNumber)).toBe(false)
    },
  )

  it('catches every single-digit typo', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^\d{15,18}$/),
        fc.nat(),
        fc.integer({ min: 1, max: 9 }),
        (payload, position, delta) => {
          const valid = `${payload}${luhnCheckDigit(payload)}`
          const index = position % valid.length
          const digit = (Number(valid[index]) + delta) % 10
          const typo = `${valid.slice(0, index)}${digit}${valid.slice(index + 1)}`
          expect(luhnValid(valid)).toBe(true)
          expect(luhnValid(typo)).toBe(false)
        },
      ),
    )
  })
})

describe('makeLuhnCardNumber', () => {
  it('fills the middle with the zero-padded sequence and appends the check digit', () => {
    expect(makeLuhnCardNumber('622202', 19, 0)).toBe('6222020000000000000')
    expect(makeLuhnCardNumber('622588', 16, 42)).toMatch(/^622588000000042\d$/)
  })

  it('always produces a Luhn-valid number of the requested length', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...BIN_TABLE),
        fc.integer({ min: 0, max: 999_999_999 }),
        (info, seq) => {
          const cardNumber = makeLuhnCardNumber(info.bin, info.cardLength, seq)
          expect(cardNumber).toHaveLength(info.cardLength)
          expect(cardNumber.startsWith(info.bin)).toBe(true)
          expect(luhnValid(cardNumber)).toBe(true)
        },
      ),
    )
  })

  it('refuses a sequence that does not fit', () => {
    expect(() => makeLuhnCardNumber('622588', 16, 1_000_000_000)).toThrow(/does not fit/)
  })
})

describe('lookupBin', () => {
  it('finds each supported bank, debit and credit', () => {
    for (const bankCode of SUPPORTED_BANK_CODES) {
      for (const cardType of ['DEBIT', 'CREDIT'] as const) {
        const info = BIN_TABLE.find(
          (row) => row.supported && row.bankCode === bankCode && row.cardType === cardType,
        )
        expect(info, `${bankCode} ${cardType}`).toBeDefined()
        if (info === undefined) continue
        const cardNumber = makeLuhnCardNumber(info.bin, info.cardLength, 7)
        expect(lookupBin(cardNumber)).toEqual(info)
      }
    }
  })

  it('describes a supported card as the wallet shows it', () => {
    expect(lookupBin('6222020000000000000')).toEqual({
      supported: true,
      bin: '622202',
      bankCode: 'ICBC',
      bankNameZh: '中国工商银行',
      bankNameEn: 'Industrial and Commercial Bank of China',
      cardType: 'DEBIT',
      cardLength: 19,
    })
    expect(lookupBin('6225750000000001')).toMatchObject({ bankCode: 'CMB', cardType: 'CREDIT' })
  })

  it('prefers the longest matching prefix', () => {
    // 62122699… is a prepaid range carved out of ICBC's 621226 debit BIN.
    expect(lookupBin(makeLuhnCardNumber('62122699', 19, 1))).toMatchObject({
      supported: false,
      bankCode: 'ICBC',
      cardType: 'PREPAID',
    })
    expect(lookupBin(makeLuhnCardNumber('62122698', 19, 1))).toMatchObject({
      supported: true,
      bankCode: 'ICBC',
      cardType: 'DEBIT',
    })
  })

  it('knows cards the wallet does not support', () => {
    expect(lookupBin(makeLuhnCardNumber('622188', 19, 1))).toMatchObject({
      supported: false,
      bankCode: 'PSBC',
    })
    expect(lookupBin(makeLuhnCardNumber('622820', 16, 1))).toMatchObject({
      supported: false,
      cardType: 'SEMI_CREDIT',
    })
  })

  it('returns undefined for unknown BINs and non-digit input', () => {
    expect(lookupBin('4111111111111111')).toBeUndefined()
    expect(lookupBin('62220')).toBeUndefined()
    expect(lookupBin('6222 0200 0000 0000 000')).toBeUndefined()
  })

  it('has 16–19 digit lengths and unique BINs', () => {
    const bins = BIN_TABLE.map((row) => row.bin)
    expect(new Set(bins).size).toBe(bins.length)
    for (const row of BIN_TABLE) {
      expect(row.cardLength).toBeGreaterThanOrEqual(16)
      expect(row.cardLength).toBeLessThanOrEqual(19)
    }
  })
})

describe('format helpers', () => {
  it('checks 16–19 digits', () => {
    expect(isCardNumberFormat('1234567890123456')).toBe(true)
    expect(isCardNumberFormat('1234567890123456789')).toBe(true)
    expect(isCardNumberFormat('123456789012345')).toBe(false)
    expect(isCardNumberFormat('12345678901234567890')).toBe(false)
    expect(isCardNumberFormat('1234 5678 9012 3456')).toBe(false)
  })

  it('normalizes typed spaces and hyphens', () => {
    expect(normalizeCardNumber(' 6222 0200-0000 0000 000 ')).toBe('6222020000000000000')
  })

  it('masks to the last four digits', () => {
    expect(maskCardNumber('6222020000000000000')).toBe('**** 0000')
    expect(cardLast4('6222020000000000000')).toBe('0000')
  })
})
