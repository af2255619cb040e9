/** Kysely's view of the tables this module owns (see migrations/0002_identity.sql). */
import type { Generated } from 'kysely'

export interface AuditTables {
  audit_log: {
    id: Generated<number>
    user_id: string | null
    actor_kind: string
    actor_id: string | null
    action: string
    detail: Record<string, unknown> | null
    ip: string | null
    created_at: Date
  }
}
