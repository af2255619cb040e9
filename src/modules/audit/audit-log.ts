/**
 * Writing and reading the audit log. Rows are never changed (a trigger refuses UPDATE and
 * DELETE); reads are newest first, paged backwards by id.
 */
import type { Kysely, Selectable } from 'kysely'
import type { Clock } from '../../adapters/clock/index.ts'
import type { Db } from '../../adapters/db/index.ts'
import { assert } from '../../shared/assert.ts'
import { LIMITS } from '../../shared/limits.ts'
import type { AuditTables } from './audit-tables.ts'

export interface AuditEvent {
  userId: string | null
  actor: { kind: 'user' | 'operator' | 'system'; id?: string }
  /** A dotted verb: 'session.signed_in', 'pin.failed', 'account.frozen', 'appeal.approved'… */
  action: string
  detail?: Record<string, unknown>
  ip?: string
}

export interface AuditEntry extends AuditEvent {
  id: number
  createdAtMs: number
}

export interface AuditPageRequest {
  /** At most LIMITS.pageSizeMax; 50 when not given. */
  limit?: number
  beforeId?: number
}

export type AuditLog = ReturnType<typeof createAuditLog>

function toEntry(row: Selectable<AuditTables['audit_log']>): AuditEntry {
  return {
    id: Number(row.id),
    userId: row.user_id,
    actor: {
      kind: row.actor_kind as AuditEvent['actor']['kind'],
      ...(row.actor_id ? { id: row.actor_id } : {}),
    },
    action: row.action,
    ...(row.detail ? { detail: row.detail } : {}),
    ...(row.ip ? { ip: row.ip } : {}),
    createdAtMs: new Date(row.created_at).getTime(),
  }
}

export function createAuditLog(database: Db, clock: Clock) {
  const db = database as Kysely<AuditTables>

  async function record(event: AuditEvent): Promise<void> {
    assert(/^[a-z_]+(\.[a-z_]+)+$/.test(event.action), `audit action ${event.action}`)
    await db
      .insertInto('audit_log')
      .values({
        user_id: event.userId,
        actor_kind: event.actor.kind,
        actor_id: event.actor.id ?? null,
        action: event.action,
        detail: event.detail ?? null,
        ip: event.ip ?? null,
        created_at: new Date(clock.nowMs()),
      })
      .execute()
  }

  async function list(userId: string | undefined, page: AuditPageRequest): Promise<AuditEntry[]> {
    const limit = Math.min(page.limit ?? 50, LIMITS.pageSizeMax)
    let query = db.selectFrom('audit_log').selectAll()
    if (userId !== undefined) query = query.where('user_id', '=', userId)
    if (page.beforeId !== undefined) query = query.where('id', '<', page.beforeId)
    const rows = await query.orderBy('id', 'desc').limit(limit).execute()
    return rows.map(toEntry)
  }

  return {
    record,
    /** One user's events. */
    listForUser: (userId: string, page: AuditPageRequest = {}) => list(userId, page),
    /** The whole log, every user's and the operators' own events (who may read it: ops decides). */
    listAudit: (page: AuditPageRequest = {}) => list(undefined, page),
  }
}
