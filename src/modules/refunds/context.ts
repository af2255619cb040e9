/** What every refunds function needs: passed explicitly, never imported globally. */
import type { Kysely } from 'kysely'
import type { BankConnector } from '../../adapters/bank/index.ts'
import type { Clock } from '../../adapters/clock/index.ts'
import type { Db } from '../../adapters/db/index.ts'
import type { AuditLog } from '../audit/index.ts'
import type { CardsService } from '../cards/index.ts'
import type { IdentityService } from '../identity/index.ts'
import type { Account, Ledger } from '../ledger/index.ts'
import type { MerchantsService } from '../merchants/index.ts'
import type { RecordsService } from '../records/index.ts'
import type { RefundsTables } from './refunds-tables.ts'

/** The refund rules (wallet-rules.md §1.13): configuration, never constants in code. */
export interface RefundRules {
  /** A payment may be refunded this long after it was paid (WeChat: 1 year). */
  refundWindowMs: number
  /** Refunds one payment may have, closed ones included (WeChat: 50). */
  refundsPerPaymentMax: number
  /** A customer's request the merchant has not answered in this many days goes to the platform. */
  requestAnswerDays: number
  /** Unfinished refunds younger than this are the request's own; the resolver leaves them. */
  resolveAfterMs: number
  /** Backoff of a card refund the bank did not take: base · 2^(attempt − 1), capped. */
  retryDelayBaseMs: number
  retryDelayMaxMs: number
  /** Refunds the resolver drives per run. */
  resolveBatchMax: number
  /**
   * The most the platform advances a merchant for refunds its pending takings cannot cover
   * (refund-funding.ts), deducted from its next payouts; beyond it a refund waits.
   */
  advanceLineFen: number
}

export const DEFAULT_REFUND_RULES: RefundRules = {
  refundWindowMs: 365 * 24 * 3600_000,
  refundsPerPaymentMax: 50,
  requestAnswerDays: 3,
  resolveAfterMs: 30_000,
  retryDelayBaseMs: 60_000,
  retryDelayMaxMs: 3600_000,
  resolveBatchMax: 100,
  advanceLineFen: 5_000_000,
}

export const OUT_REFUND_NO_PATTERN = '^[A-Za-z0-9_|*@-]{1,64}$'
export const REFUND_REASON_LENGTH_MAX = 80
export const REQUEST_REASON_LENGTH_MAX = 200
export const REFUND_LIST_LIMIT_MAX = 100

export const REFUND_STATUSES = ['PROCESSING', 'SUCCESS', 'ABNORMAL', 'CLOSED'] as const
export type RefundStatus = (typeof REFUND_STATUSES)[number]
export const REQUEST_STATUSES = ['PENDING', 'ESCALATED', 'APPROVED', 'REJECTED'] as const
export type RefundRequestStatus = (typeof REQUEST_STATUSES)[number]

/** What a refund needs of a paid payment (the payments module's RefundablePayment). */
export interface RefundablePayment {
  paymentId: string
  merchantId: string
  userId: string
  outTradeNo: string | null
  /** What the customer paid. */
  amountFen: number
  feeFen: number
  method: { kind: 'balance' } | { kind: 'card'; cardId: string; bankCode: string }
  paidAtMs: number
  status: string
  /** A coupon's part of amountFen and who funded it (refund-coupon.ts splits refunds). */
  discountFen?: number
  couponFunderAccountId?: number | null
}

/**
 * The payments module as refunds use it (a port, so refunds never wait on its internals):
 * the paid payment by the merchant's ids, the customer's own payment, and the refunded total
 * written back in the refund's transaction so the payment's record shows 部分退款 / 已退款.
 */
export interface RefundPaymentsPort {
  getRefundablePayment(
    merchantId: string,
    ref: { paymentId: string } | { outTradeNo: string },
  ): Promise<RefundablePayment>
  getPayment(
    userId: string,
    paymentId: string,
  ): Promise<{ id: string; merchantId: string; userId: string; status: string }>
  noteRefunded(paymentId: string, refundedTotalFen: number, executor?: Db): Promise<unknown>
}

export type RefundsDb = Kysely<RefundsTables>

export interface RefundsContext {
  db: RefundsDb
  clock: Clock
  ledger: Ledger
  bank: BankConnector
  audit: AuditLog
  payments: RefundPaymentsPort
  merchants: Pick<MerchantsService, 'get' | 'accounts' | 'refundAdvanceAccounts'>
  cards: Pick<CardsService, 'cardForBank'>
  identity: Pick<IdentityService, 'getUser' | 'notify'>
  records: Pick<RecordsService, 'upsert'>
  balanceAccount: (userId: string) => Promise<Account>
  rules: RefundRules
  /** Told about a refund the resolver could not drive this time (for logs). */
  onResolveError?: ((refundId: string, error: unknown) => void) | undefined
}
