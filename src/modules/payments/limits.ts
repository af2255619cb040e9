/**
 * The payment limits, claimed atomically with the payment row (src/modules/quota), on what the
 * payer pays (the amount less a coupon's discount):
 * - STATIC_QR_DAILY: PBoC D level, a customer pays at most staticCodeDailyFenMax a day on
 *   static merchant codes, whatever the verification (wallet-rules.md §1.6, §2.2) — per person:
 *   every wallet of one real-name ID shares it (identity's customerKey);
 * - PASSWORDLESS_DAILY: 免密 (C level), the user's own daily limit (≤ passwordlessDailyFenMax),
 *   and PASSWORDLESS_PERSON_DAILY, the C-level ceiling itself per person (§2.2: "同一客户…所有
 *   支付账户"), so two wallets of one ID cannot pay twice the ceiling without a password;
 * - the account-class balance limits, claimed by identity's recordBalancePayment (per ID too).
 * A payment that ends FAILED or CLOSED gives its claims back in the transaction that ends it
 * (payment-rows.ts); the claim ids are the payment's, so a retry claims nothing twice.
 */
import { DomainError } from '../../shared/errors.ts'
import { shanghaiDate, shanghaiDayStartMs } from '../../shared/shanghai-time.ts'
import { type CounterClaim, QuotaExceededError } from '../quota/index.ts'
import type { PaymentsContext, PaymentsDb } from './context.ts'
import type { LimitState } from './payment-types.ts'

const DAY_MS = 24 * 3600_000

export type PaymentLimitRule =
  'STATIC_QR_DAILY' | 'PASSWORDLESS_DAILY' | 'PASSWORDLESS_PERSON_DAILY'

const CLAIM_SUFFIX: Record<PaymentLimitRule, string> = {
  STATIC_QR_DAILY: 'static',
  PASSWORDLESS_DAILY: 'nopin',
  PASSWORDLESS_PERSON_DAILY: 'nopin-id',
}

/** `subject`: the user for their own 免密 limit, else the person (identity's customerKey). */
export function limitCounterKey(rule: PaymentLimitRule, subject: string, atMs: number): string {
  return `pay:${rule}:${subject}:${shanghaiDate(atMs)}`
}

/** Whom `rule` counts for this user (read outside any transaction: one connection on PGlite). */
export async function limitSubject(
  ctx: PaymentsContext,
  rule: PaymentLimitRule,
  userId: string,
): Promise<string> {
  if (rule === 'PASSWORDLESS_DAILY') return userId
  return (await ctx.security.balanceUsage(userId)).customerKey
}

/** Every claim a payment may hold: its own, and the balance-limit claims identity makes. */
export function paymentClaimIds(paymentId: string): string[] {
  return [
    `${paymentId}:static`,
    `${paymentId}:nopin`,
    `${paymentId}:nopin-id`,
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
  const key = limitCounterKey(rule, await limitSubject(ctx, rule, userId), nowMs)
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

export interface LimitClaim {
  rule: PaymentLimitRule
  paymentId: string
  /** limitSubject's answer, read before the transaction. */
  subject: string
  amountFen: number
  limitFen: number
}

/**
 * Claims inside the payment row's transaction, all or none; LIMIT_EXCEEDED (rule, left, reset)
 * naming the limit that had no room.
 */
export async function claimLimits(
  ctx: PaymentsContext,
  trx: PaymentsDb,
  claims: readonly LimitClaim[],
): Promise<void> {
  const nowMs = ctx.clock.nowMs()
  const counters: CounterClaim[] = claims.map((claim) => ({
    claimId: `${claim.paymentId}:${CLAIM_SUFFIX[claim.rule]}`,
    counterKey: limitCounterKey(claim.rule, claim.subject, nowMs),
    amount: claim.amountFen,
    limit: claim.limitFen,
  }))
  try {
    await ctx.quota.claim(counters, trx as never)
  } catch (error) {
    if (!(error instanceof QuotaExceededError)) throw error
    const index = counters.findIndex((counter) => counter.counterKey === error.counterKey)
    const claim = claims[Math.max(index, 0)] as LimitClaim
    throw limitExceeded({
      rule: claim.rule,
      limitFen: claim.limitFen,
      remainingFen: Math.max(0, error.limit - error.used),
      resetsAtMs: resetsAtMs(nowMs),
    })
  }
}
