/**
 * @module audit
 * The append-only audit log: security events (sign-in, password change, failed PIN, freeze) and
 * every operator action. Rows are never changed (a trigger refuses UPDATE and DELETE).
 *
 * @example
 * const audit = createAuditLog(database.db, clock)
 * await audit.record({ userId, actor: { kind: 'user', id: userId }, action: 'pin.set' })
 * const newest = await audit.listAudit({ limit: 100 })
 */
export {
  type AuditEntry,
  type AuditEvent,
  type AuditFilter,
  type AuditLog,
  type AuditPageRequest,
  createAuditLog,
} from './audit-log.ts'
