/**
 * The wallet's limits, claimed atomically with the operation row (src/modules/quota) instead of
 * summing earlier rows and hoping no parallel request does the same:
 *
 * - the daily amount per user and kind (topUpDailyFenMax, withdrawDailyFenMax), per Shanghai day;
 * - the lifetime withdrawal free quota (withdrawFreeQuotaFen), taken partially: a withdrawal
 *   uses what is left of it, the fee applies to the rest (fees.ts).
 *
 * Give-back rule: an operation that ends FAILED (the bank refused, the balance could not cover
 * it, it was never sent) gives back both claims, in the same transaction that marks it FAILED,
 * so exactly once; PROCESSING and SUCCEEDED operations keep them. A retried request with the same
 * idempotency key claims nothing new (the claim ids are the operation's).
 */
import { DomainError } from '../../shared/errors.ts'
import { shanghaiDate } from '../../shared/shanghai-time.ts'
import { type CounterClaim, QuotaExceededError } from '../quota/index.ts'
import type { OperationKind, WalletContext, WalletDb } from './context.ts'

export function dailyCounterKey(userId: string, kind: OperationKind, atMs: number): string {
  return `wallet:${kind}:day:${userId}:${shanghaiDate(atMs)}`
}

export function freeQuotaCounterKey(userId: string): string {
  return `wallet:withdraw-free:${userId}`
}

/** Every claim an operation may hold, for giving them back. */
export function operationClaimIds(operationId: string): string[] {
  return [`${operationId}:day`, `${operationId}:free`]
}

export interface OperationClaims {
  /** Withdrawals: the free quota this one uses, and what earlier withdrawals had used. */
  freeQuotaUsedFen: number
  freeQuotaUsedBeforeFen: number
}

function dailyLimitFen(ctx: WalletContext, kind: OperationKind): number {
  return kind === 'TOPUP' ? ctx.rules.topUpDailyFenMax : ctx.rules.withdrawDailyFenMax
}

function dailyLimitExceeded(limitFen: number, usedFen: number): DomainError {
  return new DomainError('LIMIT_EXCEEDED', {
    period: 'DAY',
    limitFen,
    remainingFen: Math.max(0, limitFen - usedFen),
  })
}

/**
 * Refuses early, before the payment password is spent, a request the day's limit already
 * rules out. Only a courtesy: the claim in `claimOperationLimits` is what holds.
 */
export async function precheckDailyLimit(
  ctx: WalletContext,
  userId: string,
  kind: OperationKind,
  amountFen: number,
): Promise<void> {
  const key = dailyCounterKey(userId, kind, ctx.clock.nowMs())
  const usedFen = (await ctx.quota.used([key])).get(key) ?? 0
  const limitFen = dailyLimitFen(ctx, kind)
  if (usedFen + amountFen > limitFen) throw dailyLimitExceeded(limitFen, usedFen)
}

/** Claims inside `trx` (the transaction that writes the row); LIMIT_EXCEEDED when over. */
export async function claimOperationLimits(
  ctx: WalletContext,
  trx: WalletDb,
  operation: { id: string; userId: string; kind: OperationKind; amountFen: number; atMs: number },
): Promise<OperationClaims> {
  const claims: CounterClaim[] = [
    {
      claimId: `${operation.id}:day`,
      counterKey: dailyCounterKey(operation.userId, operation.kind, operation.atMs),
      amount: operation.amountFen,
      limit: dailyLimitFen(ctx, operation.kind),
    },
  ]
  if (operation.kind === 'WITHDRAW') {
    claims.push({
      claimId: `${operation.id}:free`,
      counterKey: freeQuotaCounterKey(operation.userId),
      amount: operation.amountFen,
      limit: ctx.rules.withdrawFreeQuotaFen,
      partial: true,
    })
  }
  try {
    const [, free] = await ctx.quota.claim(claims, trx)
    return {
      freeQuotaUsedFen: free?.claimed ?? 0,
      freeQuotaUsedBeforeFen: free?.usedBefore ?? 0,
    }
  } catch (error) {
    if (!(error instanceof QuotaExceededError)) throw error
    throw dailyLimitExceeded(error.limit, error.used)
  }
}

/** The free quota a user's earlier withdrawals hold (for the quote shown before confirming). */
export async function freeQuotaUsedFen(ctx: WalletContext, userId: string): Promise<number> {
  const key = freeQuotaCounterKey(userId)
  return (await ctx.quota.used([key])).get(key) ?? 0
}

/** What the top-up and withdrawal pages check before asking for the payment password. */
export interface WalletLimits {
  /** One top-up or withdrawal moves at most this much. */
  operationAmountFenMax: number
  topUpDailyLimitFen: number
  topUpDailyRemainingFen: number
  withdrawDailyLimitFen: number
  withdrawDailyRemainingFen: number
  withdrawFreeQuotaFen: number
  withdrawFreeQuotaRemainingFen: number
}

/** Read-only (the claims hold the limits); today is the Shanghai day of the clock. */
export async function walletLimits(ctx: WalletContext, userId: string): Promise<WalletLimits> {
  const nowMs = ctx.clock.nowMs()
  const topUpKey = dailyCounterKey(userId, 'TOPUP', nowMs)
  const withdrawKey = dailyCounterKey(userId, 'WITHDRAW', nowMs)
  const freeKey = freeQuotaCounterKey(userId)
  const used = await ctx.quota.used([topUpKey, withdrawKey, freeKey])
  const remaining = (limitFen: number, key: string) => Math.max(0, limitFen - (used.get(key) ?? 0))
  const { rules } = ctx
  return {
    operationAmountFenMax: rules.operationAmountFenMax,
    topUpDailyLimitFen: rules.topUpDailyFenMax,
    topUpDailyRemainingFen: remaining(rules.topUpDailyFenMax, topUpKey),
    withdrawDailyLimitFen: rules.withdrawDailyFenMax,
    withdrawDailyRemainingFen: remaining(rules.withdrawDailyFenMax, withdrawKey),
    withdrawFreeQuotaFen: rules.withdrawFreeQuotaFen,
    withdrawFreeQuotaRemainingFen: remaining(rules.withdrawFreeQuotaFen, freeKey),
  }
}
