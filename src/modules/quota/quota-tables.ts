/** Kysely's view of the tables this module owns (migrations/0009_quota_counters.sql). */
export interface QuotaTables {
  quota_counters: { key: string; used: number; updated_at: Date }
  quota_claims: {
    id: string
    counter_key: string
    amount: number
    claimed_at: Date
    released_at: Date | null
  }
}
