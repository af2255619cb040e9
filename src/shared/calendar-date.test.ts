import { describe, expect, it } from 'vitest'
import { daysInMonth, isCalendarDate, parseCalendarDate } from './calendar-date.ts'

describe('calendar dates', () => {
  it('reads a real date', () => {
    expect(parseCalendarDate('2026-12-04')).toEqual({ year: 2026, month: 12, day: 4 })
    expect(parseCalendarDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 })
  })

  it.each([
    '2026-13-45',
    '2026-02-30',
    '2025-02-29',
    '2026-04-31',
    '2026-00-10',
    '2026-01-00',
    '1900-01-01',
    '10000-01-01',
    '2026-1-5',
    '2026-01-05T00:00:00Z',
    ' 2026-01-05',
    '',
  ])('refuses %j', (text) => {
    expect(isCalendarDate(text)).toBe(false)
  })

  it('knows the length of every month, leap years included', () => {
    expect(
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((month) => daysInMonth(2026, month)),
    ).toEqual([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])
    expect(daysInMonth(2000, 2)).toBe(29)
    expect(daysInMonth(2100, 2)).toBe(28)
  })
})
