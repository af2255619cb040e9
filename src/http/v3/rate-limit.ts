/**
 * Per-merchant request budget on the v3 API: a token bucket per merchant in this process. Not a
 * money limit (those are claimed in the database); it keeps one merchant's burst from starving
 * the others, answering 429 FREQUENCY_LIMITED as WeChat does.
 */
import type { Clock } from '../../adapters/clock/index.ts'

export interface MerchantRateLimiter {
  /** True when the request may proceed (one token taken). */
  take(merchantId: string): boolean
}

/** Merchants remembered at once; the least recently seen is forgotten beyond this. */
const BUCKETS_MAX = 10_000

export function createMerchantRateLimiter(
  clock: Clock,
  rule: { perSecond: number; burst: number },
): MerchantRateLimiter {
  const buckets = new Map<string, { tokens: number; atMs: number }>()
  return {
    take(merchantId) {
      const nowMs = clock.nowMs()
      const bucket = buckets.get(merchantId) ?? { tokens: rule.burst, atMs: nowMs }
      buckets.delete(merchantId)
      const refilled = Math.min(
        rule.burst,
        bucket.tokens + ((nowMs - bucket.atMs) * rule.perSecond) / 1000,
      )
      const allowed = refilled >= 1
      buckets.set(merchantId, { tokens: allowed ? refilled - 1 : refilled, atMs: nowMs })
      if (buckets.size > BUCKETS_MAX) buckets.delete(buckets.keys().next().value as string)
      return allowed
    },
  }
}
