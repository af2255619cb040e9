/** What every coupons function needs: passed explicitly, never imported globally. */
import type { Kysely } from 'kysely'
import type { Clock } from '../../adapters/clock/index.ts'
import type { Ledger } from '../ledger/index.ts'
import type { MerchantsService } from '../merchants/index.ts'
import type { Quota } from '../quota/index.ts'
import type { CouponsTables } from './coupons-tables.ts'

export interface CouponRules {
  /** Running campaigns one merchant may have at once (claimed with the create). */
  activeCampaignsMax: number
  /** The longest campaign. */
  durationMsMax: number
  /** One discount's and one budget's upper bound. */
  discountFenMax: number
  budgetFenMax: number
}

export const DEFAULT_COUPON_RULES: CouponRules = {
  activeCampaignsMax: 20,
  durationMsMax: 366 * 24 * 3600_000,
  discountFenMax: 1_000_000,
  budgetFenMax: 10_000_000_000,
}

export type CouponsDb = Kysely<CouponsTables>

export interface CouponsContext {
  db: CouponsDb
  clock: Clock
  ledger: Ledger
  merchants: MerchantsService
  quota: Quota
  rules: CouponRules
}
