/**
 * The ledger accounts of 分账: each merchant's merchant_sharing_frozen account holds the money
 * of its payments placed for sharing (settlement pays out only merchant_pending, so frozen money
 * waits); receivers are paid into another merchant's merchant_pending (settled to it T+1 like
 * its own takings) or a wallet user's balance.
 */
import type { Account } from '../ledger/index.ts'
import type { ProfitSharingContext } from './context.ts'

export const FROZEN_PURPOSE = 'merchant_sharing_frozen'

export function frozenAccount(ctx: ProfitSharingContext, merchantId: string): Promise<Account> {
  return ctx.ledger.openAccount({
    ownerKind: 'merchant',
    ownerId: merchantId,
    purpose: FROZEN_PURPOSE,
    currency: 'CNY',
    // Only what was frozen can be shared or given back.
    debitsMustNotExceedCredits: true,
  })
}

export async function pendingAccount(
  ctx: ProfitSharingContext,
  merchantId: string,
): Promise<Account> {
  return (await ctx.merchants.accounts(merchantId)).merchant_pending
}

export type ReceiverRef = { merchantId: string } | { userId: string }

export function receiverAccount(ctx: ProfitSharingContext, ref: ReceiverRef): Promise<Account> {
  return 'merchantId' in ref ? pendingAccount(ctx, ref.merchantId) : ctx.balanceAccount(ref.userId)
}
