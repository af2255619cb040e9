/**
 * Calendar days and years in China Standard Time (UTC+8; China has kept one offset and no
 * daylight saving since 1991): daily limits, statements, the natural-year account-class counter.
 */
const OFFSET_MS = 8 * 3600_000
const DAY_MS = 24 * 3600_000

export function shanghaiDayStartMs(nowMs: number): number {
  return Math.floor((nowMs + OFFSET_MS) / DAY_MS) * DAY_MS - OFFSET_MS
}

/** The Shanghai calendar date of `ms` as YYYY-MM-DD. */
export function shanghaiDate(ms: number): string {
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 10)
}

/** The natural year in Asia/Shanghai: a year counter resets at Beijing midnight on 1 Jan. */
export function shanghaiYear(ms: number): number {
  return new Date(ms + OFFSET_MS).getUTCFullYear()
}

/** [start, end) of a Shanghai calendar day given as YYYY-MM-DD. */
export function shanghaiDayRangeMs(date: string): { startMs: number; endMs: number } {
  const startMs = Date.parse(`${date}T00:00:00.000Z`) - OFFSET_MS
  return { startMs, endMs: startMs + DAY_MS }
}

/** RFC 3339 in Shanghai time, as WeChat Pay writes times: `2026-01-05T10:00:00+08:00`. */
export function rfc3339Shanghai(ms: number): string {
  const shifted = new Date(ms + OFFSET_MS)
  return `${shifted.toISOString().slice(0, 19)}+08:00`
}

/** A calendar month as YYYY-MM (01–12); anything else is not a month. */
export function isCalendarMonth(month: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(month)
}

/** [start, end) of a Shanghai calendar month given as YYYY-MM (statements, the record filter). */
export function shanghaiMonthRangeMs(month: string): { startMs: number; endMs: number } {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number]
  return {
    startMs: Date.UTC(year, monthNumber - 1, 1) - OFFSET_MS,
    endMs: Date.UTC(year, monthNumber, 1) - OFFSET_MS,
  }
}

/** The Shanghai calendar month of `ms` as YYYY-MM. */
export function shanghaiMonth(ms: number): string {
  return shanghaiDate(ms).slice(0, 7)
}

/** The Shanghai wall-clock time of `ms` as `YYYY-MM-DD HH:mm:ss` (exports, statements). */
export function shanghaiDateTime(ms: number): string {
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ')
}
