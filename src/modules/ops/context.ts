/** What every ops function needs: passed explicitly, never imported globally. */
import type { Kysely } from 'kysely'
import type { Clock } from '../../adapters/clock/index.ts'
import type { AuditLog } from '../audit/index.ts'
import type { IdentityService, IdentityTables } from '../identity/index.ts'
import type { AuditReadTables, OpsTables } from './ops-tables.ts'

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
 * The operator console reads identity's `users` table and the whole audit log directly (search
 * by phone, last 4 digits or name, and the log across users, need SQL those modules do not
 * offer); every write goes through the identity and audit services, which keep the notices and
 * the audit trail.
 */
export type OpsDb = Kysely<OpsTables & Pick<IdentityTables, 'users'> & AuditReadTables>

export interface OpsContext {
  db: OpsDb
  clock: Clock
  audit: AuditLog
  identity: IdentityService
  rules: OpsRules
}
