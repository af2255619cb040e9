/** Kysely's view of the table this module owns (migrations/0011_attempt_limits.sql). */
export interface RateLimitsTables {
  rate_limit_windows: { key: string; hits: number; window_started_at: Date }
}
