/** Kysely's view of the tables this module owns (migrations/0011_attempt_limits.sql). */
import type { Generated } from 'kysely'

export interface RateLimitsTables {
  /** One row per key: the row a claim locks, so claims of one key take turns. */
  rate_limit_keys: { key: string; last_hit_at: Date }
  rate_limit_hits: { id: Generated<number>; key: string; hit_at: Date }
  /** Wrong passwords per realm and username (credential-attempts.ts). */
  credential_attempts: {
    realm: string
    username: string
    failed_attempts: number
    locked_until: Date | null
    updated_at: Date
  }
}
