import { describe, expect, it } from 'vitest'
import {
  digitsOnly,
  looksLikeMobile,
  maskName,
  maskPhone,
  formatShanghaiDateTime,
  normalizeIdNumber,
  shanghaiDate,
} from './format'

describe('format helpers', () => {
  it('masks the middle of an 11-digit phone and leaves anything else alone', () => {
    expect(maskPhone('13800000001')).toBe('138****0001')
    expect(maskPhone('138****0001')).toBe('138****0001')
  })

  it('masks every character of a name but the first, counting CJK characters as one', () => {
    expect(maskName('张伟')).toBe('张*')
    expect(maskName('欧阳子轩')).toBe('欧***')
    expect(maskName('王')).toBe('王')
  })

  it('accepts mainland mobiles with spaces, dashes or +86', () => {
    expect(looksLikeMobile('138 0000 0001')).toBe(true)
    expect(looksLikeMobile('+86 138-0000-0001')).toBe(true)
    expect(looksLikeMobile('12800000001')).toBe(false)
    expect(looksLikeMobile('1380000000')).toBe(false)
  })

  it('keeps at most n digits of what was typed or pasted', () => {
    expect(digitsOnly('12a3 4-567', 6)).toBe('123456')
  })

  it('normalizes an ID number to upper case without spaces', () => {
    expect(normalizeIdNumber(' 33010619870923045x ')).toBe('33010619870923045X')
  })
})

describe('shanghaiDate', () => {
  it('is the Shanghai calendar day, 8 hours ahead of UTC', () => {
    expect(shanghaiDate(Date.UTC(2026, 10, 21, 15, 59))).toBe('2026-11-21')
    expect(shanghaiDate(Date.UTC(2026, 10, 21, 16, 0))).toBe('2026-11-22')
  })
})

describe('formatShanghaiDateTime', () => {
  it('is the time in Shanghai, 8 hours ahead of UTC, in either language', () => {
    const ms = Date.UTC(2026, 11, 4, 16, 5, 9)
    expect(formatShanghaiDateTime(ms, 'zh')).toBe('2026/12/05 00:05:09')
    expect(formatShanghaiDateTime(ms, 'en')).toMatch(/^12\/05\/2026,? 00:05:09$/)
  })
})
