/** What every profit-sharing function needs: passed explicitly, never imported globally. */
import type { Kysely } from 'kysely'
import type { Clock } from '../../adapters/clock/index.ts'
import type { SecretBox } from '../../shared/crypto.ts'
import type { Account, Ledger } from '../ledger/index.ts'
import type { MerchantsService } from '../merchants/index.ts'
import type { PaymentsService } from '../payments/index.ts'
import type { ProfitSharingTables } from './profit-sharing-tables.ts'

/** The rules of 分账 (reference §6.8): configuration, never constants in code. */
export interface ProfitSharingRules {
  /** Out of 10 000: the most of a payment's amount its shares may add up to (default 30 %). */
  maxShareRatioBp: number
  /** Sharing orders (unfreeze included) one payment may have. */
  ordersPerPaymentMax: number
  /** Receivers in one order. */
  receiversPerOrderMax: number
  /** Frozen money nobody shared or unfroze goes back to the merchant after this long. */
  autoUnfreezeAfterMs: number
}

export const DEFAULT_PROFIT_SHARING_RULES: ProfitSharingRules = {
  maxShareRatioBp: 3_000,
  ordersPerPaymentMax: 50,
  receiversPerOrderMax: 50,
  autoUnfreezeAfterMs: 30 * 24 * 3600_000,
}

export type ProfitSharingDb = Kysely<ProfitSharingTables>

export interface ProfitSharingContext {
  db: ProfitSharingDb
  clock: Clock
  ledger: Ledger
  secrets: SecretBox
  merchants: Pick<MerchantsService, 'get' | 'accounts'>
  payments: Pick<PaymentsService, 'getOrder' | 'getMerchantPayment'>
  /** A wallet user's balance account (the wallet's). */
  balanceAccount: (userId: string) => Promise<Account>
  rules: ProfitSharingRules
}
