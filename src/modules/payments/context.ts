/** What every payments function needs: passed explicitly, never imported globally. */
import type { Kysely } from 'kysely'
import type { BankConnector } from '../../adapters/bank/index.ts'
import type { Clock } from '../../adapters/clock/index.ts'
import type { CardsService } from '../cards/index.ts'
import type { CouponsService } from '../coupons/index.ts'
import type { IdentityService, SecurityService } from '../identity/index.ts'
import type { Account, Ledger } from '../ledger/index.ts'
import type { MerchantsService } from '../merchants/index.ts'
import type { Quota } from '../quota/index.ts'
import type { RecordsService } from '../records/index.ts'
import type { PaymentsTables } from './payments-tables.ts'

/** The payment rules: configuration, never constants in code (wallet-rules.md §1.6, §1.7). */
export interface PaymentRules {
  /** PBoC D level: a customer pays at most this much a day on static merchant codes. */
  staticCodeDailyFenMax: number
  /** 免密 (C level, < 2 factors): the ceilings a user may set, and the defaults. */
  passwordlessPerPaymentFenMax: number
  passwordlessDailyFenMax: number
  passwordlessPerPaymentFenDefault: number
  passwordlessDailyFenDefault: number
  /** A payment code works this long, once. */
  paymentCodeTtlMs: number
  /** A USERPAYING payment not confirmed in this time closes. */
  userPayingTtlMs: number
  /** An order without its own expiry expires after this. */
  orderTtlMsDefault: number
  /** PROCESSING payments older than this are driven by the resolver, not the request. */
  resolveAfterMs: number
  /** Codes one user may issue a day (the page asks for one a minute while open). */
  paymentCodesPerDayMax: number
}

export const DEFAULT_PAYMENT_RULES: PaymentRules = {
  staticCodeDailyFenMax: 50_000,
  passwordlessPerPaymentFenMax: 100_000,
  passwordlessDailyFenMax: 100_000,
  passwordlessPerPaymentFenDefault: 50_000,
  passwordlessDailyFenDefault: 100_000,
  paymentCodeTtlMs: 60_000,
  userPayingTtlMs: 120_000,
  orderTtlMsDefault: 2 * 3600_000,
  resolveAfterMs: 30_000,
  paymentCodesPerDayMax: 3_000,
}

export type PaymentsDb = Kysely<PaymentsTables>

export interface PaymentsContext {
  db: PaymentsDb
  clock: Clock
  ledger: Ledger
  bank: BankConnector
  identity: Pick<IdentityService, 'getUser'>
  security: Pick<
    SecurityService,
    | 'confirmPayment'
    | 'confirmPasswordless'
    | 'recordBalancePayment'
    | 'verifyPaymentPassword'
    | 'balanceUsage'
  >
  merchants: Pick<MerchantsService, 'get' | 'accounts'>
  cards: Pick<CardsService, 'listCards' | 'cardForBank'>
  /** The user's balance account (the wallet's). */
  balanceAccount: (userId: string) => Promise<Account>
  records: Pick<RecordsService, 'upsert'>
  /** Offers, redemption in the payment's transaction, release (src/modules/coupons). */
  coupons: Pick<CouponsService, 'bestFor' | 'redeem' | 'release' | 'discountLeg'>
  quota: Quota
  rules: PaymentRules
  /** The wallet's public base URL (LQ_PUBLIC_URL), without a trailing slash. */
  publicUrl: string
  /** Told about a payment the resolver could not settle this time (for logs). */
  onResolveError?: ((paymentId: string, error: unknown) => void) | undefined
}
