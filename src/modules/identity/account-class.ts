/**
 * Payment-account classes (PBoC 2015 No. 43, Art. 11) and the balance-payment limits they carry:
 * I = real name verified (1,000 yuan since opening), II = + a bank card in the holder's name
 * (100,000 yuan per natural year), III = + stronger checks (200,000 yuan per year). Unverified
 * accounts can neither pay nor receive. Limits count every account of the same ID number, as
 * the regulation counts "all the customer's payment accounts".
 */
import { sql } from 'kysely'
import { assert, assertSafeInteger } from '../../shared/assert.ts'
import { DomainError } from '../../shared/errors.ts'
import { ageOn } from '../../shared/id-number.ts'
import { shanghaiDate, shanghaiYear } from '../../shared/shanghai-time.ts'
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

/** Balance payments of every account sharing this user's ID number, in one year or ever. */
async function usageFen(
  ctx: SecurityContext,
  user: UsageKey,
  year: number | 'EVER',
): Promise<number> {
  let query = ctx.db
    .selectFrom('balance_payment_usage as usage')
    .innerJoin('users', 'users.id', 'usage.user_id')
    .select(sql<number>`coalesce(sum(usage.amount_fen), 0)::bigint`.as('total'))
  query =
    user.id_number_hash === null
      ? query.where('usage.user_id', '=', user.id)
      : query.where('users.id_number_hash', '=', user.id_number_hash)
  if (year !== 'EVER') query = query.where('usage.year', '=', year)
  const row = await query.executeTakeFirstOrThrow()
  return Number(row.total)
}

export async function balanceLimits(ctx: SecurityContext, userId: string): Promise<BalanceLimits> {
  const row = await ctx.db
    .selectFrom('users')
    .selectAll()
    .where('id', '=', userId)
    .executeTakeFirst()
  if (row === undefined) throw new DomainError('NOT_FOUND', { resource: 'user' })
  const user = toUser(row)
  if (user.accountClass === 0) {
    return { accountClass: 0, period: null, limitFen: null, usedFen: 0, remainingFen: null }
  }
  const rules = ctx.securityRules
  const nowMs = ctx.clock.nowMs()
  const year = shanghaiYear(nowMs)
  const classLimit = rules.classLimits[user.accountClass]
  const classUsedFen = await usageFen(ctx, row, classLimit.period === 'LIFETIME' ? 'EVER' : year)
  let limits: BalanceLimits = {
    accountClass: user.accountClass,
    period: classLimit.period,
    limitFen: classLimit.limitFen,
    usedFen: classUsedFen,
    remainingFen: Math.max(0, classLimit.limitFen - classUsedFen),
  }
  // 16- and 17-year-olds also have a yearly cap; whichever leaves less is the one shown.
  const today = shanghaiDate(nowMs)
  if (user.birthDate !== null && ageOn(user.birthDate, today) < rules.adultAgeYears) {
    const yearUsedFen = classLimit.period === 'YEAR' ? classUsedFen : await usageFen(ctx, row, year)
    const minorRemainingFen = Math.max(0, rules.minorYearLimitFen - yearUsedFen)
    if (minorRemainingFen < (limits.remainingFen ?? 0)) {
      limits = {
        accountClass: user.accountClass,
        period: 'YEAR',
        limitFen: rules.minorYearLimitFen,
        usedFen: yearUsedFen,
        remainingFen: minorRemainingFen,
      }
    }
  }
  return limits
}

/**
 * Refuses a balance payment the account class does not allow (KYC_REQUIRED, LIMIT_EXCEEDED).
 * A pre-check: the caller records the amount with `recordBalancePayment` once money moved.
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

/** Adds a completed balance payment to the user's counter for `year` (default: this year). */
export async function recordBalancePayment(
  ctx: SecurityContext,
  userId: string,
  amountFen: number,
  year: number = shanghaiYear(ctx.clock.nowMs()),
): Promise<void> {
  assertSafeInteger(amountFen, 'amountFen')
  assert(amountFen > 0, 'recordBalancePayment: amountFen must be positive')
  assert(Number.isInteger(year) && year >= 2000 && year <= 9999, `recordBalancePayment: ${year}`)
  await ctx.db
    .insertInto('balance_payment_usage')
    .values({ user_id: userId, year, amount_fen: amountFen })
    .onConflict((conflict) =>
      conflict.columns(['user_id', 'year']).doUpdateSet({
        amount_fen: sql<number>`balance_payment_usage.amount_fen + excluded.amount_fen`,
      }),
    )
    .execute()
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
