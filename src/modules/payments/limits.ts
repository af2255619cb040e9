/**
 * The payment limits, claimed atomically with the payment row (src/modules/quota):
 * - STATIC_QR_DAILY: PBoC D level, a customer pays at most staticCodeDailyFenMax a day on
 *   static merchant codes, whatever the verification (wallet-rules.md §1.6, §2.2);
 * - PASSWORDLESS_DAILY: 免密 (C level), the user's own daily limit (≤ passwordlessDailyFenMax);
 * - the account-class balance limits, claimed by identity's recordBalancePayment.
 * A payment that ends FAILED or CLOSED gives its claims back in the transaction that ends it
 * (payment-rows.ts); the claim ids are the payment's, so a retry claims nothing twice.
 */
import { DomainError } from '../../shared/errors.ts'
import { shanghaiDate, shanghaiDayStartMs } from '../../shared/shanghai-time.ts'
import { type CounterClaim, QuotaExceededError } from '../quota/index.ts'
import type { PaymentsContext, PaymentsDb } from './context.ts'
import type { LimitState } from './payment-types.ts'

const DAY_MS = 24 * 3600_000

export type PaymentLimitRule = 'STATIC_QR_DAILY' | 'PASSWORDLESS_DAILY'

export function limitCounterKey(rule: PaymentLimitRule, userId: string, atMs: number): string {
  return `pay:${rule}:${userId}:${shanghaiDate(atMs)}`
}

/** Every claim a payment may hold: its own, and the balance-limit claims identity makes. */
export function paymentClaimIds(paymentId: string): string[] {
  return [
    `${paymentId}:static`,
    `${paymentId}:nopin`,
    `pay:${paymentId}:year`,
    `pay:${paymentId}:ever`,
  ]
}

export function resetsAtMs(nowMs: number): number {
  return shanghaiDayStartMs(nowMs) + DAY_MS
}

export async function limitState(
  ctx: PaymentsContext,
  rule: PaymentLimitRule,
  userId: string,
  limitFen: number,
): Promise<LimitState> {
  const nowMs = ctx.clock.nowMs()
  const key = limitCounterKey(rule, userId, nowMs)
  const used = (await ctx.quota.used([key])).get(key) ?? 0
  return {
    rule,
    limitFen,
    remainingFen: Math.max(0, limitFen - used),
    resetsAtMs: resetsAtMs(nowMs),
  }
}

export function limitExceeded(state: LimitState): DomainError {
  return new DomainError('LIMIT_EXCEEDED', { ...state, period: 'DAY' })
}

/** Before the payment password is spent: refuses what the day's limit already rules out. */
export async function precheckLimit(
  ctx: PaymentsContext,
  rule: PaymentLimitRule,
  userId: string,
  limitFen: number,
  amountFen: number,
): Promise<void> {
  const state = await limitState(ctx, rule, userId, limitFen)
  if (amountFen > state.remainingFen) throw limitExceeded(state)
}

/** Claims inside the payment row's transaction; LIMIT_EXCEEDED (rule, left, reset) when over. */
export async function claimLimit(
  ctx: PaymentsContext,
  trx: PaymentsDb,
  claim: {
    rule: PaymentLimitRule
    paymentId: string
    userId: string
    amountFen: number
    limitFen: number
  },
): Promise<void> {
  const nowMs = ctx.clock.nowMs()
  const counter: CounterClaim = {
    claimId: `${claim.paymentId}:${claim.rule === 'STATIC_QR_DAILY' ? 'static' : 'nopin'}`,
    counterKey: limitCounterKey(claim.rule, claim.userId, nowMs),
    amount: claim.amountFen,
    limit: claim.limitFen,
  }
  try {
    await ctx.quota.claim([counter], trx as never)
  } catch (error) {
    if (!(error instanceof QuotaExceededError)) throw error
    throw limitExceeded({
      rule: claim.rule,
      limitFen: claim.limitFen,
      remainingFen: Math.max(0, error.limit - error.used),
      resetsAtMs: resetsAtMs(nowMs),
    })
  }
}
