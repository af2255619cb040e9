/** The ledger accounts the wallet moves money between: the user's balance and the platform's. */
import type { Account } from '../ledger/index.ts'
import type { WalletContext } from './context.ts'

export async function balanceAccount(ctx: WalletContext, userId: string): Promise<Account> {
  const cached = ctx.balanceAccounts.get(userId)
  if (cached !== undefined) return cached
  const key = { ownerKind: 'user', ownerId: userId, purpose: 'balance', currency: 'CNY' } as const
  // Almost every user has one already: one read, and the upsert only for the first time.
  const found = await ctx.ledger.findAccount(key)
  const account =
    found !== undefined && found.debitsMustNotExceedCredits && !found.creditsMustNotExceedDebits
      ? found
      : await ctx.ledger.openAccount({ ...key, debitsMustNotExceedCredits: true })
  ctx.balanceAccounts.set(userId, account)
  return account
}

export async function platformAccount(ctx: WalletContext, purpose: string): Promise<Account> {
  const account = await ctx.ledger.findAccount({
    ownerKind: 'platform',
    ownerId: 'platform',
    purpose,
    currency: 'CNY',
  })
  if (account === undefined) throw new Error(`platform account ${purpose} is missing`)
  return account
}

/** The bank's clearing account for money in flight to or from cards of `bankCode`. */
export function clearingAccount(ctx: WalletContext, bankCode: string): Promise<Account> {
  return platformAccount(ctx, `bank_clearing:${bankCode.toLowerCase()}`)
}

export async function getBalance(ctx: WalletContext, userId: string) {
  const balance = await ctx.ledger.getBalance((await balanceAccount(ctx, userId)).id)
  return {
    balanceFen: balance.postedFen,
    availableFen: balance.availableFen,
    pendingInFen: balance.creditsPendingFen,
    pendingOutFen: balance.debitsPendingFen,
  }
}
