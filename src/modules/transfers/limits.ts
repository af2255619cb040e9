/**
 * The sender's daily limits (amount and count per Shanghai day), claimed atomically with the
 * transfer row (src/modules/quota), and the account-class limit on balance payments (identity's
 * recordBalancePayment, claim id `tr:<id>`). Give-back rule: a transfer that never left the
 * sender (FAILED) gives back every claim; one that came back (returned, expired, cancelled)
 * gives back the class claim — the money never left the customer — and keeps the daily ones.
 */
import { DomainError } from '../../shared/errors.ts'
import { shanghaiDate } from '../../shared/shanghai-time.ts'
import { type CounterClaim, QuotaExceededError } from '../quota/index.ts'
import type { TransfersContext, TransfersDb } from './context.ts'

function counterKeys(userId: string, atMs: number) {
  const day = shanghaiDate(atMs)
  return {
    amountKey: `transfers:day:${userId}:${day}`,
    countKey: `transfers:count:${userId}:${day}`,
  }
}

export const dailyClaimIds = (transferId: string) => [`${transferId}:day`, `${transferId}:count`]
export const classClaimIds = (transferId: string) => [
  `tr:${transferId}:year`,
  `tr:${transferId}:ever`,
]

function dailyLimitExceeded(ctx: TransfersContext, usedFen: number, usedCount: number) {
  const { dailyFenMax, dailyCountMax } = ctx.rules
  return new DomainError('LIMIT_EXCEEDED', {
    period: 'DAY',
    limitFen: dailyFenMax,
    remainingFen: Math.max(0, dailyFenMax - usedFen),
    remainingCount: Math.max(0, dailyCountMax - usedCount),
  })
}

/** A courtesy before the payment password is spent; the claim is what holds. */
export async function precheckDaily(ctx: TransfersContext, userId: string, amountFen: number) {
  const { amountKey, countKey } = counterKeys(userId, ctx.clock.nowMs())
  const used = await ctx.quota.used([amountKey, countKey])
  const usedFen = used.get(amountKey) ?? 0
  const usedCount = used.get(countKey) ?? 0
  if (usedFen + amountFen > ctx.rules.dailyFenMax || usedCount + 1 > ctx.rules.dailyCountMax)
    throw dailyLimitExceeded(ctx, usedFen, usedCount)
}

/** Inside the transaction that writes the row; LIMIT_EXCEEDED leaves neither. */
export async function claimDaily(
  ctx: TransfersContext,
  trx: TransfersDb,
  transfer: { id: string; senderId: string; amountFen: number; atMs: number },
): Promise<void> {
  const { amountKey, countKey } = counterKeys(transfer.senderId, transfer.atMs)
  const [dayId, countId] = dailyClaimIds(transfer.id) as [string, string]
  const claims: CounterClaim[] = [
    {
      claimId: dayId,
      counterKey: amountKey,
      amount: transfer.amountFen,
      limit: ctx.rules.dailyFenMax,
    },
    { claimId: countId, counterKey: countKey, amount: 1, limit: ctx.rules.dailyCountMax },
  ]
  try {
    await ctx.quota.claim(claims, trx)
  } catch (error) {
    if (!(error instanceof QuotaExceededError)) throw error
    const usedFen = error.counterKey === amountKey ? error.used : 0
    throw dailyLimitExceeded(ctx, usedFen, error.counterKey === countKey ? error.used : 0)
  }
}
