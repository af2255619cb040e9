import { describe, expect, it } from 'vitest'
import {
  caretAfterDigits,
  cardDigits,
  formatExpiryInput,
  groupCardNumber,
  isExpiry,
  looksLikeCreditCard,
} from './card-number'

describe('card number input', () => {
  it('keeps at most 19 digits and groups them by four', () => {
    expect(cardDigits('6222-0200 0000 0000 0180 99')).toBe('6222020000000000018')
    expect(groupCardNumber('6222020000000000018')).toBe('6222 0200 0000 0000 018')
    expect(groupCardNumber('62220200')).toBe('6222 0200')
    expect(groupCardNumber('622')).toBe('622')
  })

  it('puts the caret after the same digit once spaces are added', () => {
    const grouped = '6222 0200 0000'
    expect(caretAfterDigits(grouped, 4)).toBe(4)
    expect(caretAfterDigits(grouped, 5)).toBe(6)
    expect(caretAfterDigits(grouped, 0)).toBe(0)
    expect(caretAfterDigits(grouped, 99)).toBe(grouped.length)
  })

  it('recognises the credit BINs of the demo cards, not the debit ones', () => {
    expect(looksLikeCreditCard('6225750000000014')).toBe(true)
    expect(looksLikeCreditCard('4392250000000017')).toBe(true)
    expect(looksLikeCreditCard('6222020000000000018')).toBe(false)
    expect(looksLikeCreditCard('4367420000000000019')).toBe(false)
  })
})

describe('expiry input', () => {
  it('adds the slash after the month', () => {
    expect(formatExpiryInput('08')).toBe('08')
    expect(formatExpiryInput('082')).toBe('08/2')
    expect(formatExpiryInput('08/29')).toBe('08/29')
    expect(formatExpiryInput('08299')).toBe('08/29')
  })

  it('accepts months 01 to 12 only', () => {
    expect(isExpiry('12/30')).toBe(true)
    expect(isExpiry('13/30')).toBe(false)
    expect(isExpiry('00/30')).toBe(false)
    expect(isExpiry('1/30')).toBe(false)
  })
})
