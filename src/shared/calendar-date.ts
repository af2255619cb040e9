/**
 * @module calendar-date
 * Calendar dates as `YYYY-MM-DD` text (a Shanghai business day, say). Only dates that exist:
 * 2026-13-45 and 2026-02-30 are not dates, and 2024-02-29 is.
 */

/** The years a date may name: the platform's records start after 1970 and end long before 9999. */
export const CALENDAR_YEAR_MIN = 1970
export const CALENDAR_YEAR_MAX = 9999

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

export interface CalendarDate {
  year: number
  /** 1–12. */
  month: number
  /** 1–31, at most the month's length. */
  day: number
}

export function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one.
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/** The date `text` names, or undefined when it is not a real YYYY-MM-DD date in range. */
export function parseCalendarDate(text: string): CalendarDate | undefined {
  const match = CALENDAR_DATE.exec(text)
  if (match === null) return undefined
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  if (year < CALENDAR_YEAR_MIN || year > CALENDAR_YEAR_MAX) return undefined
  if (month < 1 || month > 12) return undefined
  if (day < 1 || day > daysInMonth(year, month)) return undefined
  return { year, month, day }
}

export function isCalendarDate(text: string): boolean {
  return parseCalendarDate(text) !== undefined
}
