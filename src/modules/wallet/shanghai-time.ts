/** Calendar days in China Standard Time (UTC+8, no daylight saving): daily limits, statements. */
const OFFSET_MS = 8 * 3600_000
const DAY_MS = 24 * 3600_000

export function shanghaiDayStartMs(nowMs: number): number {
  return Math.floor((nowMs + OFFSET_MS) / DAY_MS) * DAY_MS - OFFSET_MS
}

export function shanghaiDate(ms: number): string {
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 10)
}

/** [start, end) of a Shanghai calendar day given as YYYY-MM-DD. */
export function shanghaiDayRangeMs(date: string): { startMs: number; endMs: number } {
  const startMs = Date.parse(`${date}T00:00:00.000Z`) - OFFSET_MS
  return { startMs, endMs: startMs + DAY_MS }
}
