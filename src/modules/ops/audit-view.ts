/**
 * The audit log as operators read it: one user's trail (any role), or the whole log including
 * operator sign-ins (risk and admin), newest first, paged backwards by id.
 */
import type { AuditEntry } from '../audit/index.ts'
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
  return ctx.audit.listAudit({ limit: AUDIT_PAGE_SIZE, ...cursor })
}
