/** What every ops function needs: passed explicitly, never imported globally. */
import type { Kysely } from 'kysely'
import type { Clock } from '../../adapters/clock/index.ts'
import type { AuditLog } from '../audit/index.ts'
import type { IdentityService } from '../identity/index.ts'
import type { OpsTables } from './ops-tables.ts'

export interface OpsRules {
  /** Staff sessions are short: a forgotten admin tab should not stay signed in for days. */
  operatorSessionTtlMs: number
  /** Wrong passwords in a row that lock an operator account. */
  operatorWrongPasswordsMax: number
  operatorLockMs: number
}

export const DEFAULT_OPS_RULES: OpsRules = {
  operatorSessionTtlMs: 12 * 3600_000,
  operatorWrongPasswordsMax: 5,
  operatorLockMs: 15 * 60_000,
}

/**
 * Only the operator tables: users and the audit log are read and changed through the identity
 * and audit services, which keep the notices and the audit trail.
 */
export type OpsDb = Kysely<OpsTables>

export interface OpsContext {
  db: OpsDb
  clock: Clock
  audit: AuditLog
  identity: IdentityService
  rules: OpsRules
}
