/**
 * Payment-account classes (PBoC 2015 No. 43, Art. 11) and the balance-payment limits they carry:
 * I = real name verified (1,000 yuan since opening), II = + a bank card in the holder's name
 * (100,000 yuan per natural year), III = + stronger checks (200,000 yuan per year). Unverified
 * accounts can neither pay nor receive. Limits count every account of the same ID number, as
 * the regulation counts "all the customer's payment accounts".
 */
import { assert, assertSafeInteger } from '../../shared/assert.ts'
import { randomId } from '../../shared/crypto.ts'
import { DomainError } from '../../shared/errors.ts'
import { ageOn } from '../../shared/id-number.ts'
import { shanghaiDate, shanghaiYear } from '../../shared/shanghai-time.ts'
import { createQuota, QUOTA_UNLIMITED, QuotaExceededError } from '../quota/index.ts'
import { addNotice } from './notices.ts'
import type { SecurityContext } from './security-service.ts'
import { getUser, toUser, type User } from './users.ts'

export type AccountClass = 0 | 1 | 2 | 3
export type LimitPeriod = 'LIFETIME' | 'YEAR'

export interface ClassLimit {
  period: LimitPeriod
  limitFen: number
}

/** What GET /me/limits shows: the limit that binds first, or nulls when unverified. */
export interface BalanceLimits {
  accountClass: AccountClass
  period: LimitPeriod | null
  limitFen: number | null
  usedFen: number
  remainingFen: number | null
}

interface UsageKey {
  id: string
  id_number_hash: string | null
}

/** The customer the regulation counts: every account of one ID number (else the account). */
function customerOf(user: UsageKey): string {
  return user.id_number_hash === null ? `user:${user.id}` : `id:${user.id_number_hash}`
}

function usageCounterKeys(user: UsageKey, year: number): { yearKey: string; everKey: string } {
  const customer = customerOf(user)
  return {
    yearKey: `balance-payments:${customer}:year:${year}`,
    everKey: `balance-payments:${customer}:ever`,
  }
}

/** Balance payments of every account sharing this user's ID number, in `year` and ever. */
async function usageFen(
  ctx: SecurityContext,
  user: UsageKey,
  year: number,
): Promise<{ yearFen: number; everFen: number }> {
  const { yearKey, everKey } = usageCounterKeys(user, year)
  const used = await createQuota(ctx).used([yearKey, everKey])
  return { yearFen: used.get(yearKey) ?? 0, everFen: used.get(everKey) ?? 0 }
}

async function loadUsageUser(ctx: SecurityContext, userId: string) {
  const row = await ctx.db
    .selectFrom('users')
    .selectAll()
    .where('id', '=', userId)
    .executeTakeFirst()
  if (row === undefined) throw new DomainError('NOT_FOUND', { resource: 'user' })
  return { row, user: toUser(row) }
}

function isMinor(ctx: SecurityContext, user: User, nowMs: number): boolean {
  const today = shanghaiDate(nowMs)
  return user.birthDate !== null && ageOn(user.birthDate, today) < ctx.securityRules.adultAgeYears
}

export async function balanceLimits(ctx: SecurityContext, userId: string): Promise<BalanceLimits> {
  const { row, user } = await loadUsageUser(ctx, userId)
  if (user.accountClass === 0) {
    return { accountClass: 0, period: null, limitFen: null, usedFen: 0, remainingFen: null }
  }
  const rules = ctx.securityRules
  const nowMs = ctx.clock.nowMs()
  const classLimit = rules.classLimits[user.accountClass]
  const usage = await usageFen(ctx, row, shanghaiYear(nowMs))
  const classUsedFen = classLimit.period === 'LIFETIME' ? usage.everFen : usage.yearFen
  let limits: BalanceLimits = {
    accountClass: user.accountClass,
    period: classLimit.period,
    limitFen: classLimit.limitFen,
    usedFen: classUsedFen,
    remainingFen: Math.max(0, classLimit.limitFen - classUsedFen),
  }
  // 16- and 17-year-olds also have a yearly cap; whichever leaves less is the one shown.
  if (isMinor(ctx, user, nowMs)) {
    const minorRemainingFen = Math.max(0, rules.minorYearLimitFen - usage.yearFen)
    if (minorRemainingFen < (limits.remainingFen ?? 0)) {
      limits = {
        accountClass: user.accountClass,
        period: 'YEAR',
        limitFen: rules.minorYearLimitFen,
        usedFen: usage.yearFen,
        remainingFen: minorRemainingFen,
      }
    }
  }
  return limits
}

/**
 * Balance payments this (Shanghai) year and ever, over every account of the user's ID number,
 * and `customerKey`, the customer they count — the key any per-person limit uses (wallet-rules.md
 * §2.1, §2.2: "同一客户…所有支付账户"): `id:<keyed hash of the ID number>` for a verified account,
 * so every wallet of one ID shares it; `user:<id>` before verification (never the ID number).
 */
export async function balanceUsage(
  ctx: SecurityContext,
  userId: string,
): Promise<{ yearUsedFen: number; lifetimeUsedFen: number; customerKey: string }> {
  const { row } = await loadUsageUser(ctx, userId)
  const usage = await usageFen(ctx, row, shanghaiYear(ctx.clock.nowMs()))
  return {
    yearUsedFen: usage.yearFen,
    lifetimeUsedFen: usage.everFen,
    customerKey: customerOf(row),
  }
}

/**
 * Refuses a balance payment the account class does not allow (KYC_REQUIRED, LIMIT_EXCEEDED).
 * A read-only pre-check (confirmPayment runs it before a credential is spent); what holds under
 * parallel payments is the claim in `recordBalancePayment`.
 *
 * @example await checkBalancePayment(ctx, userId, 12_300) // throws LIMIT_EXCEEDED when over
 */
export async function checkBalancePayment(
  ctx: SecurityContext,
  userId: string,
  amountFen: number,
): Promise<void> {
  assertSafeInteger(amountFen, 'amountFen')
  const limits = await balanceLimits(ctx, userId)
  if (limits.accountClass === 0 || limits.remainingFen === null) {
    throw new DomainError('KYC_REQUIRED')
  }
  if (amountFen > limits.remainingFen) {
    throw new DomainError('LIMIT_EXCEEDED', {
      remainingFen: limits.remainingFen,
      limitFen: limits.limitFen,
      period: limits.period,
    })
  }
}

/** What a balance payment holds; give it back with the quota module's `release(claimIds)`. */
export interface BalancePaymentClaim {
  claimIds: string[]
}

/**
 * Claims `amountFen` of balance payments against the account-class limits, atomically (a row
 * lock on the customer's yearly and lifetime counters, src/modules/quota): of many payments at
 * once exactly those that fit pass, the rest get LIMIT_EXCEEDED (KYC_REQUIRED when unverified).
 * Claim before the money moves; a payment that then fails gives the claim back (release).
 * `claimId` (the payment's id) makes a retry count once; `year` is for tests and imports.
 *
 * @example
 * const claim = await recordBalancePayment(ctx, userId, 12_300, undefined, `pay:${paymentId}`)
 */
export async function recordBalancePayment(
  ctx: SecurityContext,
  userId: string,
  amountFen: number,
  year: number = shanghaiYear(ctx.clock.nowMs()),
  claimId: string = randomId('bp', 20),
): Promise<BalancePaymentClaim> {
  assertSafeInteger(amountFen, 'amountFen')
  assert(amountFen > 0, 'recordBalancePayment: amountFen must be positive')
  assert(Number.isInteger(year) && year >= 2000 && year <= 9999, `recordBalancePayment: ${year}`)
  const { row, user } = await loadUsageUser(ctx, userId)
  if (user.accountClass === 0) throw new DomainError('KYC_REQUIRED')
  const rules = ctx.securityRules
  const classLimit = rules.classLimits[user.accountClass]
  const minorCapFen = isMinor(ctx, user, ctx.clock.nowMs()) ? rules.minorYearLimitFen : undefined
  const yearLimitFen = Math.min(
    classLimit.period === 'YEAR' ? classLimit.limitFen : QUOTA_UNLIMITED,
    minorCapFen ?? QUOTA_UNLIMITED,
  )
  const everLimitFen = classLimit.period === 'LIFETIME' ? classLimit.limitFen : QUOTA_UNLIMITED
  const { yearKey, everKey } = usageCounterKeys(row, year)
  const claims = [
    { claimId: `${claimId}:year`, counterKey: yearKey, amount: amountFen, limit: yearLimitFen },
    { claimId: `${claimId}:ever`, counterKey: everKey, amount: amountFen, limit: everLimitFen },
  ]
  try {
    await createQuota(ctx).claim(claims)
  } catch (error) {
    if (!(error instanceof QuotaExceededError)) throw error
    throw new DomainError('LIMIT_EXCEEDED', {
      remainingFen: Math.max(0, error.limit - error.used),
      limitFen: error.limit,
      period: error.counterKey === everKey ? 'LIFETIME' : 'YEAR',
    })
  }
  return { claimIds: claims.map((claim) => claim.claimId) }
}

/**
 * Raises the class of a verified account (the cards module calls it when a card in the holder's
 * name is bound). Never lowers it; raising to the current class or below changes nothing.
 */
export async function raiseAccountClass(
  ctx: SecurityContext,
  userId: string,
  toClass: 2 | 3,
  reason: string,
): Promise<User> {
  assert(toClass === 2 || toClass === 3, `raiseAccountClass: class ${String(toClass)}`)
  const user = await getUser(ctx, userId)
  if (!user.verified) throw new DomainError('KYC_REQUIRED')
  const result = await ctx.db
    .updateTable('users')
    .set({ account_class: toClass })
    .where('id', '=', userId)
    .where('account_class', '<', toClass)
    .executeTakeFirst()
  if (result.numUpdatedRows === 0n) return user
  await addNotice(ctx, user, 'account_class_raised', { accountClass: toClass, reason })
  await ctx.audit.record({
    userId,
    actor: { kind: 'system' },
    action: 'account.class_raised',
    detail: { from: user.accountClass, to: toClass, reason },
  })
  return getUser(ctx, userId)
}

/** Whether money may be credited to this user: verified and not frozen (restricted may receive). */
export async function canReceive(ctx: SecurityContext, userId: string): Promise<boolean> {
  const user = await getUser(ctx, userId)
  return user.verified && user.status !== 'frozen'
}
