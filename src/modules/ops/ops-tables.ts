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

/** The audit log, which this module reads (never writes: that goes through the audit module). */
export interface AuditReadTables {
  audit_log: {
    id: number
    user_id: string | null
    actor_kind: string
    actor_id: string | null
    action: string
    detail: Record<string, unknown> | null
    ip: string | null
    created_at: Date
  }
}
