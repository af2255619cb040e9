/** What every identity service function needs: passed explicitly, never imported globally. */
import type { Kysely } from 'kysely'
import type { Clock } from '../../adapters/clock/index.ts'
import type { SmsSender } from '../../adapters/sms/index.ts'
import type { SecretBox } from '../../shared/crypto.ts'
import type { AuditLog } from '../audit/index.ts'
import type { IdentityTables } from './identity-tables.ts'

export interface IdentityRules {
  smsCodeTtlMs: number
  smsResendIntervalMs: number
  smsWrongAttemptsMax: number
  smsPerPhoneHourMax: number
  smsPerPhoneDayMax: number
  smsPerIpHourMax: number
  smsPerIpDayMax: number
  /** Phone-change attempts per user per hour (each also costs a try of both codes). */
  phoneChangesPerHourMax: number
  sessionTtlMs: number
}

export const DEFAULT_IDENTITY_RULES: IdentityRules = {
  smsCodeTtlMs: 5 * 60_000,
  smsResendIntervalMs: 60_000,
  smsWrongAttemptsMax: 5,
  smsPerPhoneHourMax: 5,
  smsPerPhoneDayMax: 10,
  smsPerIpHourMax: 20,
  smsPerIpDayMax: 50,
  phoneChangesPerHourMax: 5,
  sessionTtlMs: 30 * 24 * 3600_000,
}

export interface IdentityContext {
  db: Kysely<IdentityTables>
  clock: Clock
  secrets: SecretBox
  sms: SmsSender
  audit: AuditLog
  rules: IdentityRules
}
