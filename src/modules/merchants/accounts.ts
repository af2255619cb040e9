/**
 * A merchant's ledger accounts: money paid but not yet settled, money settled (on its way to the
 * bank card), and the fees the merchant paid. Opened when the merchant is created; the ledger's
 * open is idempotent (one account per owner, purpose and currency), so a retried create or a
 * re-run seed opens nothing twice.
 */
import type { Account } from '../ledger/index.ts'
import type { MerchantsContext } from './context.ts'

export const MERCHANT_ACCOUNT_PURPOSES = [
  'merchant_pending',
  'merchant_settled',
  'merchant_fees',
] as const
export type MerchantAccountPurpose = (typeof MERCHANT_ACCOUNT_PURPOSES)[number]

export async function openMerchantAccounts(
  ctx: MerchantsContext,
  merchantId: string,
): Promise<Record<MerchantAccountPurpose, Account>> {
  const opened: Partial<Record<MerchantAccountPurpose, Account>> = {}
  for (const purpose of MERCHANT_ACCOUNT_PURPOSES) {
    opened[purpose] = await ctx.ledger.openAccount({
      ownerKind: 'merchant',
      ownerId: merchantId,
      purpose,
      currency: 'CNY',
      // Settlement and refunds may only pay out what payments brought in.
      debitsMustNotExceedCredits: purpose !== 'merchant_fees',
    })
  }
  return opened as Record<MerchantAccountPurpose, Account>
}

/**
 * The merchant's marketing account: it funds the merchant's own coupon discounts (a leg
 * marketing → pending at payment) and so goes negative; settlement pays it back out of the
 * merchant's pending money. Opened on first use (most merchants never run a campaign).
 */
export const MERCHANT_MARKETING_PURPOSE = 'merchant_marketing'

export function openMarketingAccount(ctx: MerchantsContext, merchantId: string): Promise<Account> {
  return ctx.ledger.openAccount({
    ownerKind: 'merchant',
    ownerId: merchantId,
    purpose: MERCHANT_MARKETING_PURPOSE,
    currency: 'CNY',
  })
}

export function findMarketingAccount(
  ctx: MerchantsContext,
  merchantId: string,
): Promise<Account | undefined> {
  return ctx.ledger.findAccount({
    ownerKind: 'merchant',
    ownerId: merchantId,
    purpose: MERCHANT_MARKETING_PURPOSE,
    currency: 'CNY',
  })
}

/**
 * The platform's refund advance to a merchant whose takings were already paid out (refunds
 * module, refund-funding.ts): a credit line account the refund draws on (never below zero, so
 * the ledger claims the line atomically with the refund) and its advance account (goes negative
 * by what was granted). What the merchant owes back is −(advance + credit); settlement deducts
 * it from the next payout by paying the line back out of pending. Opened on first use.
 */
export const MERCHANT_REFUND_ADVANCE_PURPOSE = 'merchant_refund_advance'
export const MERCHANT_REFUND_CREDIT_PURPOSE = 'merchant_refund_credit'

export interface RefundAdvanceAccounts {
  advance: Account
  credit: Account
}

export async function openRefundAdvanceAccounts(
  ctx: MerchantsContext,
  merchantId: string,
): Promise<RefundAdvanceAccounts> {
  const open = (purpose: string, debitsMustNotExceedCredits: boolean) =>
    ctx.ledger.openAccount({
      ownerKind: 'merchant',
      ownerId: merchantId,
      purpose,
      currency: 'CNY',
      debitsMustNotExceedCredits,
    })
  return {
    advance: await open(MERCHANT_REFUND_ADVANCE_PURPOSE, false),
    credit: await open(MERCHANT_REFUND_CREDIT_PURPOSE, true),
  }
}

export async function findRefundAdvanceAccounts(
  ctx: MerchantsContext,
  merchantId: string,
): Promise<RefundAdvanceAccounts | undefined> {
  const find = (purpose: string) =>
    ctx.ledger.findAccount({ ownerKind: 'merchant', ownerId: merchantId, purpose, currency: 'CNY' })
  const advance = await find(MERCHANT_REFUND_ADVANCE_PURPOSE)
  const credit = await find(MERCHANT_REFUND_CREDIT_PURPOSE)
  return advance === undefined || credit === undefined ? undefined : { advance, credit }
}
