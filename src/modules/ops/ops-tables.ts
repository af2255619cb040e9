/** Kysely's view of the tables this module owns (migrations/0002_identity.sql, 0011). */
import type { Generated } from 'kysely'

export interface OpsTables {
  operators: {
    id: string
    username: string
    display_name: string
    password_hash: string
    role: string
    /** No longer written: sign-in failures live in the rate-limits module's credential_attempts (0011). */
    failed_attempts: Generated<number>
    locked_until: Date | null
    created_at: Date
  }
  operator_sessions: {
    id: string
    operator_id: string
    token_hash: string
    created_at: Date
    expires_at: Date
    revoked_at: Date | null
  }
}
