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
