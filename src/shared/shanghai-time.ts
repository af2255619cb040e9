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
