/** What every merchants function needs: passed explicitly, never imported globally. */
import type { Kysely } from 'kysely'
import type { Clock } from '../../adapters/clock/index.ts'
import type { SecretBox } from '../../shared/crypto.ts'
import type { AuditLog } from '../audit/index.ts'
import type { Ledger } from '../ledger/index.ts'
import type { MerchantsTables } from './merchants-tables.ts'

export interface MerchantRules {
  /** Like operators': a cashier's forgotten tab should not stay signed in for days. */
  staffSessionTtlMs: number
  /** Wrong passwords in a row that lock a staff username. */
  staffWrongPasswordsMax: number
  staffLockMs: number
  /** The platform fee a new merchant pays unless the operator sets another (60 = 0.6 %). */
  defaultFeeRateBp: number
}

export const DEFAULT_MERCHANT_RULES: MerchantRules = {
  staffSessionTtlMs: 12 * 3600_000,
  staffWrongPasswordsMax: 5,
  staffLockMs: 15 * 60_000,
  defaultFeeRateBp: 60,
}

export type MerchantsDb = Kysely<MerchantsTables>

export interface MerchantsContext {
  db: MerchantsDb
  clock: Clock
  secrets: SecretBox
  audit: AuditLog
  ledger: Ledger
  rules: MerchantRules
}
