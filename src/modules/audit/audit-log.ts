/**
 * Writing and reading the audit log. Rows are never changed (a trigger refuses UPDATE and
 * DELETE); reads are newest first, paged backwards by id.
 */
import type { Kysely, Selectable } from 'kysely'
import type { Clock } from '../../adapters/clock/index.ts'
import type { Db } from '../../adapters/db/index.ts'
import { assert } from '../../shared/assert.ts'
import type { AuditAction, AuditActorKind } from '../../shared/audit-codes.ts'
import { LIMITS } from '../../shared/limits.ts'
import type { AuditTables } from './audit-tables.ts'

export interface AuditEvent {
  userId: string | null
  actor: { kind: AuditActorKind; id?: string }
  /** A dotted verb of the one list (shared/audit-codes.ts), so the console can label it. */
  action: AuditAction
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

/** What the whole log may be narrowed to; every field is optional and they all must hold. */
export interface AuditFilter {
  userId?: string | undefined
  actorKind?: AuditActorKind | undefined
  actorId?: string | undefined
  action?: AuditAction | undefined
  /** Inclusive start, exclusive end. */
  fromMs?: number | undefined
  toMs?: number | undefined
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
    // Rows are written only through record(), which takes the typed action.
    action: row.action as AuditAction,
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

  async function list(filter: AuditFilter, page: AuditPageRequest): Promise<AuditEntry[]> {
    const limit = Math.min(page.limit ?? 50, LIMITS.pageSizeMax)
    let query = db.selectFrom('audit_log').selectAll()
    if (filter.userId !== undefined) query = query.where('user_id', '=', filter.userId)
    if (filter.actorKind !== undefined) query = query.where('actor_kind', '=', filter.actorKind)
    if (filter.actorId !== undefined) query = query.where('actor_id', '=', filter.actorId)
    if (filter.action !== undefined) query = query.where('action', '=', filter.action)
    if (filter.fromMs !== undefined)
      query = query.where('created_at', '>=', new Date(filter.fromMs))
    if (filter.toMs !== undefined) query = query.where('created_at', '<', new Date(filter.toMs))
    if (page.beforeId !== undefined) query = query.where('id', '<', page.beforeId)
    const rows = await query.orderBy('id', 'desc').limit(limit).execute()
    return rows.map(toEntry)
  }

  return {
    record,
    /** One user's events. */
    listForUser: (userId: string, page: AuditPageRequest = {}) => list({ userId }, page),
    /** The whole log, every user's and the operators' own events (who may read it: ops decides). */
    listAudit: (page: AuditPageRequest = {}) => list({}, page),
    /** The log narrowed by actor, action, user and time, newest first. */
    searchAudit: (filter: AuditFilter, page: AuditPageRequest = {}) => list(filter, page),
  }
}
