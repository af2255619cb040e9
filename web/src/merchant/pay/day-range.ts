/** Days as the shop counts them: Beijing time (UTC+8, no daylight saving). */
const SHANGHAI_OFFSET_MS = 8 * 3600_000
const DAY_MS = 24 * 3600_000

/** `2026-12-07` for the Beijing day `ms` falls in. */
export function shanghaiDate(ms: number): string {
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10)
}

/** The Beijing day `date` (YYYY-MM-DD) as [fromMs, toMs); null for an empty or bad date. */
export function dayRange(date: string): { fromMs: number; toMs: number } | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null
  const utcMidnight = Date.parse(`${date}T00:00:00Z`)
  if (!Number.isFinite(utcMidnight)) return null
  const fromMs = utcMidnight - SHANGHAI_OFFSET_MS
  return { fromMs, toMs: fromMs + DAY_MS }
}
