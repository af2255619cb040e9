import { describe, it, expect } from 'vitest'
import { formatFen } from './money'

describe('formatFen', () => {
  it('formats whole and fractional yuan', () => {
    expect(formatFen(1234)).toBe('¥12.34')
    expect(formatFen(100)).toBe('¥1.00')
    expect(formatFen(120000)).toBe('¥1200.00')
  })

  it('pads amounts below one yuan', () => {
    expect(formatFen(0)).toBe('¥0.00')
    expect(formatFen(1)).toBe('¥0.01')
    expect(formatFen(10)).toBe('¥0.10')
    expect(formatFen(99)).toBe('¥0.99')
  })

  it('puts the sign before the currency symbol', () => {
    expect(formatFen(-1234)).toBe('-¥12.34')
    expect(formatFen(-5)).toBe('-¥0.05')
  })

  it('does not print negative zero', () => {
    expect(formatFen(-0)).toBe('¥0.00')
  })

  it('is exact where float division would round', () => {
    // 9007199254740991 / 100 as a float is 90071992547409.9, losing the last digit.
    expect(formatFen(Number.MAX_SAFE_INTEGER)).toBe('¥90071992547409.91')
    expect(formatFen(-Number.MAX_SAFE_INTEGER)).toBe('-¥90071992547409.91')
  })

  it('accepts bigint amounts beyond the safe integer range', () => {
    expect(formatFen(123456789012345678901n)).toBe('¥1234567890123456789.01')
    expect(formatFen(-7n)).toBe('-¥0.07')
  })

  it.each([0.5, 12.34, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 1])(
    'rejects %s, which is not a safe integer',
    (fen) => {
      expect(() => formatFen(fen)).toThrow(RangeError)
    },
  )
})
