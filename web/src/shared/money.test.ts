import { describe, it, expect } from 'vitest'
import { fenToYuanInput, formatFen, parseYuanToFen } from './money'

describe('formatFen', () => {
  it('formats whole and fractional yuan', () => {
    expect(formatFen(1234)).toBe('¥12.34')
    expect(formatFen(100)).toBe('¥1.00')
    expect(formatFen(120000)).toBe('¥1,200.00')
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
    expect(formatFen(Number.MAX_SAFE_INTEGER)).toBe('¥90,071,992,547,409.91')
    expect(formatFen(-Number.MAX_SAFE_INTEGER)).toBe('-¥90,071,992,547,409.91')
  })

  it('accepts bigint amounts beyond the safe integer range', () => {
    expect(formatFen(123456789012345678901n)).toBe('¥1,234,567,890,123,456,789.01')
    expect(formatFen(-7n)).toBe('-¥0.07')
  })

  it.each([0.5, 12.34, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 1])(
    'rejects %s, which is not a safe integer',
    (fen) => {
      expect(() => formatFen(fen)).toThrow(RangeError)
    },
  )
})

describe('parseYuanToFen', () => {
  it.each([
    ['12.3', 1230],
    ['12.30', 1230],
    ['100', 10000],
    ['100.00', 10000],
    ['0.07', 7],
    ['.5', 50],
    ['12.', 1200],
    ['007', 700],
    [' 50 ', 5000],
    ['¥8.88', 888],
    ['１２．３', 1230],
    ['9999999999999.99', 999999999999999],
  ])('reads %s as %i fen', (text, fen) => {
    expect(parseYuanToFen(text)).toEqual({ ok: true, fen })
  })

  it('is exact where float arithmetic is not', () => {
    // 0.29 * 100 is 28.999999999999996 and 1.005 * 100 is 100.49999999999999 as floats.
    expect(parseYuanToFen('0.29')).toEqual({ ok: true, fen: 29 })
    expect(parseYuanToFen('19.99')).toEqual({ ok: true, fen: 1999 })
    expect(parseYuanToFen('4.35')).toEqual({ ok: true, fen: 435 })
  })

  it.each([
    ['', 'EMPTY'],
    ['   ', 'EMPTY'],
    ['1.005', 'TOO_MANY_DECIMALS'],
    ['0.001', 'TOO_MANY_DECIMALS'],
    ['abc', 'FORMAT'],
    ['1,000', 'FORMAT'],
    ['-5', 'FORMAT'],
    ['1e3', 'FORMAT'],
    ['1.2.3', 'FORMAT'],
    ['.', 'FORMAT'],
    ['0', 'ZERO'],
    ['0.00', 'ZERO'],
    ['10000000000000', 'TOO_LARGE'],
  ])('refuses %j (%s)', (text, error) => {
    expect(parseYuanToFen(text)).toEqual({ ok: false, error })
  })

  it('round-trips with fenToYuanInput', () => {
    for (const fen of [1, 10, 99, 100, 1230, 123456]) {
      expect(parseYuanToFen(fenToYuanInput(fen))).toEqual({ ok: true, fen })
    }
  })
})
