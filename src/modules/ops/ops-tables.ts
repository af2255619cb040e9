/** Kysely's view of the tables this module owns (see migrations/0002_identity.sql). */
import type { Generated } from 'kysely'

export interface OpsTables {
  operators: {
    id: string
    username: string
    display_name: string
    password_hash: string
    role: string
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
