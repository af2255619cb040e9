/**
 * @module audit
 * The append-only audit log: security events (sign-in, password change, failed PIN, freeze) and
 * every operator action. Rows are never changed (a trigger refuses UPDATE and DELETE).
 */
import type { Kysely } from 'kysely'
import type { Clock } from '../../adapters/clock/index.ts'
import type { Db } from '../../adapters/db/index.ts'
import { assert } from '../../shared/assert.ts'
import { LIMITS } from '../../shared/limits.ts'

interface AuditTables {
  audit_log: {
    id: import('kysely').Generated<number>
    user_id: string | null
    actor_kind: string
    actor_id: string | null
    action: string
    detail: Record<string, unknown> | null
    ip: string | null
    created_at: Date
  }
}

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

export type AuditLog = ReturnType<typeof createAuditLog>

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

  /** Newest first; `beforeId` pages backwards. */
  async function listForUser(
    userId: string,
    page: { limit?: number; beforeId?: number } = {},
  ): Promise<AuditEntry[]> {
    const limit = Math.min(page.limit ?? 50, LIMITS.pageSizeMax)
    let query = db.selectFrom('audit_log').selectAll().where('user_id', '=', userId)
    if (page.beforeId !== undefined) query = query.where('id', '<', page.beforeId)
    const rows = await query.orderBy('id', 'desc').limit(limit).execute()
    return rows.map((row) => ({
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
    }))
  }

  return { record, listForUser }
}
