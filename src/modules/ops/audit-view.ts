/**
 * The audit log as operators read it: one user's trail (any role), or the whole log including
 * operator sign-ins (risk and admin), newest first, paged backwards by id.
 */
import type { AuditEntry, AuditEvent } from '../audit/index.ts'
import type { OpsContext } from './context.ts'
import type { Operator } from './operators.ts'
import { requirePermission } from './roles.ts'

export const AUDIT_PAGE_SIZE = 100

export interface AuditPage {
  userId?: string | undefined
  beforeId?: number | undefined
}

export async function listAudit(
  ctx: OpsContext,
  operator: Operator,
  page: AuditPage,
): Promise<AuditEntry[]> {
  const cursor = page.beforeId === undefined ? {} : { beforeId: page.beforeId }
  if (page.userId !== undefined) {
    return ctx.audit.listForUser(page.userId, { limit: AUDIT_PAGE_SIZE, ...cursor })
  }
  requirePermission(operator.role, 'audit.read_all')
  // The audit module lists one user's events only; the whole log is read here, read-only.
  let query = ctx.db.selectFrom('audit_log').selectAll()
  if (page.beforeId !== undefined) query = query.where('id', '<', page.beforeId)
  const rows = await query.orderBy('id', 'desc').limit(AUDIT_PAGE_SIZE).execute()
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
