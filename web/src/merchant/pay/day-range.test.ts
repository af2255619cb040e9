import { describe, expect, it } from 'vitest'
import { dayRange, shanghaiDate } from './day-range'

describe('Beijing days', () => {
  it('puts 23:30 UTC into the next Beijing day', () => {
    expect(shanghaiDate(Date.parse('2026-12-07T15:59:59Z'))).toBe('2026-12-07')
    expect(shanghaiDate(Date.parse('2026-12-07T16:00:00Z'))).toBe('2026-12-08')
  })

  it('gives a day as [00:00, 24:00) Beijing time, and null for a bad date', () => {
    expect(dayRange('2026-12-08')).toEqual({
      fromMs: Date.parse('2026-12-07T16:00:00Z'),
      toMs: Date.parse('2026-12-08T16:00:00Z'),
    })
    expect(dayRange('')).toBeNull()
    expect(dayRange('2026-13-45')).toBeNull()
  })
})
