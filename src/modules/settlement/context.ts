/** What every settlement function needs: passed explicitly, never imported globally. */
import type { Kysely } from 'kysely'
import type { BankConnector } from '../../adapters/bank/index.ts'
import type { Clock } from '../../adapters/clock/index.ts'
import type { Ledger } from '../ledger/index.ts'
import type { MerchantsService } from '../merchants/index.ts'
import type { SettlementTables } from './settlement-tables.ts'

export interface SettlementRules {
  /** Days one merchant catches up in one run (after downtime); the rest on the next run. */
  catchUpDaysMax: number
  /** A PAYING payout older than this is asked about at the bank (timeout → resolver). */
  resolveAfterMs: number
  /** A payout the bank refused is sent again (new attempt) this long after. */
  retryFailedAfterMs: number
  /** Attempts before a refused payout waits for an operator. */
  payoutAttemptsMax: number
}

export const DEFAULT_SETTLEMENT_RULES: SettlementRules = {
  catchUpDaysMax: 31,
  resolveAfterMs: 30_000,
  retryFailedAfterMs: 3600_000,
  payoutAttemptsMax: 10,
}

export type SettlementDb = Kysely<SettlementTables>

export interface SettlementContext {
  db: SettlementDb
  clock: Clock
  ledger: Ledger
  merchants: MerchantsService
  bank: BankConnector
  rules: SettlementRules
  /** Told about a merchant or payout the job could not finish this time (for logs). */
  onError?: (what: string, error: unknown) => void
  /**
   * Runs before a merchant's days are settled; a failure skips the merchant this run. Profit
   * sharing freezes paid payments placed for sharing here, so they are never paid out.
   */
  beforeSettling?: (merchantId: string) => Promise<void>
}
