/**
 * @module settlement
 * T+1 settlement of merchants: a recurring job settles every merchant's finished Shanghai days
 * from the ledger's own records of its pending account (gross, refunds, fees → net; see
 * settle-day.ts for the carry rule), moves the money merchant_pending → merchant_settled (code
 * SETTLEMENT, key settle:<merchant>:<day>) and pays it out to the settlement card through the
 * bank, two-phase, with a resolver for answers that never came (payout.ts). One report per
 * merchant and day, adding up to the fen (a database constraint holds it).
 *
 * @example
 * const settlement = createSettlementService({ db, clock, ledger, merchants, bank })
 * await settlement.run()            // the job: settle what is due, pay out
 * await settlement.resolvePayouts() // the job: finish payouts the bank left unanswered
 * const days = await settlement.list({ merchantId })
 */
import type { BankConnector } from '../../adapters/bank/index.ts'
import type { Clock } from '../../adapters/clock/index.ts'
import type { Db } from '../../adapters/db/index.ts'
import type { Ledger } from '../ledger/index.ts'
import type { MerchantsService } from '../merchants/index.ts'
import {
  DEFAULT_SETTLEMENT_RULES,
  type SettlementContext,
  type SettlementDb,
  type SettlementRules,
} from './context.ts'
import { resolvePayouts } from './payout.ts'
import { runSettlement } from './run.ts'
import { getSettlement, listSettlements } from './settlement-rows.ts'

export { DEFAULT_SETTLEMENT_RULES, type SettlementRules } from './context.ts'
export { classifyTransfers, type DayFigures } from './day-figures.ts'
export { payoutRequestId } from './payout.ts'
export {
  SETTLEMENT_PAGE_SIZE_MAX,
  SETTLEMENT_STATUSES,
  type Settlement,
  type SettlementStatus,
} from './settlement-rows.ts'
export { settlementCsv } from './settlement-csv.ts'

export interface SettlementDependencies {
  db: Db
  clock: Clock
  ledger: Ledger
  merchants: MerchantsService
  bank: BankConnector
  rules?: Partial<SettlementRules>
  onError?: (what: string, error: unknown) => void
  beforeSettling?: (merchantId: string) => Promise<void>
}

export function createSettlementService(deps: SettlementDependencies) {
  const ctx: SettlementContext = {
    db: deps.db as SettlementDb,
    clock: deps.clock,
    ledger: deps.ledger,
    merchants: deps.merchants,
    bank: deps.bank,
    rules: { ...DEFAULT_SETTLEMENT_RULES, ...deps.rules },
    ...(deps.onError ? { onError: deps.onError } : {}),
    ...(deps.beforeSettling ? { beforeSettling: deps.beforeSettling } : {}),
  }
  return {
    /** Settles every merchant's finished days not settled yet and starts their payouts. */
    run: () => runSettlement(ctx),
    resolvePayouts: () => resolvePayouts(ctx),
    list: (query: { merchantId?: string; beforeDay?: string; limit?: number }) =>
      listSettlements(ctx, query),
    get: (merchantId: string, day: string) => getSettlement(ctx, merchantId, day),
  }
}

export type SettlementService = ReturnType<typeof createSettlementService>
