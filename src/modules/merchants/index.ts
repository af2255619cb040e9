/**
 * @module merchants
 * The shops customers pay: onboarding (merchant, ledger accounts, owner sign-in), the directory
 * operators search, suspend and activate, staff accounts (owner, cashier) with their own
 * sign-in, lockout and sessions for the merchant console, and the platform fee rule.
 *
 * @example
 * const merchants = createMerchantsService({ db, clock, secrets, audit, ledger })
 * const { merchant, owner } = await merchants.onboard({ kind: 'system' }, {
 *   creationKey: 'demo:cafe', legalName: '上海零钱咖啡有限公司', storeName: '零钱咖啡',
 *   category: '5814', settlementCardNumber })
 * const { token } = await merchants.signIn({ username: owner.username, password })
 */
import type { Clock } from '../../adapters/clock/index.ts'
import type { Db } from '../../adapters/db/index.ts'
import type { SecretBox } from '../../shared/crypto.ts'
import type { AuditLog } from '../audit/index.ts'
import type { Ledger } from '../ledger/index.ts'
import {
  findMarketingAccount,
  findRefundAdvanceAccounts,
  openMarketingAccount,
  openMerchantAccounts,
  openRefundAdvanceAccounts,
} from './accounts.ts'
import {
  DEFAULT_MERCHANT_RULES,
  type MerchantRules,
  type MerchantsContext,
  type MerchantsDb,
} from './context.ts'
import {
  getMerchant,
  listMerchantPage,
  type MerchantInput,
  searchMerchants,
  settlementCardNumber,
} from './merchant-records.ts'
import {
  addCashierToMerchant,
  changeMerchantStatus,
  type MerchantActor,
  onboardMerchant,
} from './onboarding.ts'
import type { MerchantStatus } from './roles.ts'
import { listStaff, type Staff } from './staff.ts'
import {
  resolveStaffSession,
  signInStaff,
  signOutStaff,
  type StaffSignIn,
} from './staff-sessions.ts'

export {
  MERCHANT_ACCOUNT_PURPOSES,
  MERCHANT_MARKETING_PURPOSE,
  MERCHANT_REFUND_ADVANCE_PURPOSE,
  MERCHANT_REFUND_CREDIT_PURPOSE,
  type MerchantAccountPurpose,
  type RefundAdvanceAccounts,
} from './accounts.ts'
export { DEFAULT_MERCHANT_RULES, type MerchantRules } from './context.ts'
export { FEE_RATE_BP_MAX, feeFen } from './fees.ts'
export {
  LEGAL_NAME_LENGTH_MAX,
  MERCHANT_SEARCH_RESULTS_MAX,
  type Merchant,
  type MerchantInput,
  STORE_NAME_LENGTH_MAX,
} from './merchant-records.ts'
export type { MerchantActor, OnboardedMerchant } from './onboarding.ts'
export { MERCHANT_STATUSES, type MerchantStatus, STAFF_ROLES, type StaffRole } from './roles.ts'
export type { SettlementCard } from './settlement-card.ts'
export {
  STAFF_PASSWORD_LENGTH_MAX,
  STAFF_PASSWORD_LENGTH_MIN,
  type Staff,
  type StaffSignInCredentials,
} from './staff.ts'
export type { StaffSession, StaffSignIn } from './staff-sessions.ts'

export interface MerchantsDependencies {
  db: Db
  clock: Clock
  secrets: SecretBox
  audit: AuditLog
  ledger: Ledger
  rules?: Partial<MerchantRules>
}

export function createMerchantsService(deps: MerchantsDependencies) {
  const ctx: MerchantsContext = {
    db: deps.db as MerchantsDb,
    clock: deps.clock,
    secrets: deps.secrets,
    audit: deps.audit,
    ledger: deps.ledger,
    rules: { ...DEFAULT_MERCHANT_RULES, ...deps.rules },
  }
  return {
    /** Idempotent by `creationKey`: the owner's password is returned only when first created. */
    onboard: (actor: MerchantActor, input: MerchantInput) => onboardMerchant(ctx, actor, input),
    get: (merchantId: string) => getMerchant(ctx, merchantId),
    search: (query: string | undefined) => searchMerchants(ctx, query),
    /** All merchants in mchid order, a page at a time (settlement walks them). */
    listPage: (page: { afterId?: string; limit: number }) => listMerchantPage(ctx, page),
    /** The settlement card's number in the clear: only for the payout's bank call. */
    settlementCardNumber: (merchantId: string) => settlementCardNumber(ctx, merchantId),
    changeStatus: (
      actor: MerchantActor,
      request: { merchantId: string; status: MerchantStatus; reason: string },
    ) => changeMerchantStatus(ctx, actor, request),
    /** The merchant's pending, settled and fee accounts (opening them if missing). */
    accounts: (merchantId: string) => openMerchantAccounts(ctx, merchantId),
    /** The marketing account funding the merchant's coupons (opened on first use). */
    marketingAccount: (merchantId: string) => openMarketingAccount(ctx, merchantId),
    findMarketingAccount: (merchantId: string) => findMarketingAccount(ctx, merchantId),
    /** The refund advance line (refunds draw on it, settlement pays it back; opened on use). */
    refundAdvanceAccounts: (merchantId: string) => openRefundAdvanceAccounts(ctx, merchantId),
    findRefundAdvanceAccounts: (merchantId: string) => findRefundAdvanceAccounts(ctx, merchantId),
    listStaff: (merchantId: string) => listStaff(ctx, merchantId),
    addCashier: (
      owner: Staff,
      input: { username: string; displayName: string; password: string },
    ) => addCashierToMerchant(ctx, owner, input),
    signIn: (request: StaffSignIn) => signInStaff(ctx, request),
    resolveSession: (token: string) => resolveStaffSession(ctx, token),
    signOut: (staff: Staff, sessionId: string) => signOutStaff(ctx, staff, sessionId),
    sessionTtlMs: ctx.rules.staffSessionTtlMs,
  }
}

export type MerchantsService = ReturnType<typeof createMerchantsService>
