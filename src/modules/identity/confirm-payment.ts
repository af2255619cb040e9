/**
 * Payment confirmation: the one step every money-moving feature (pay, transfer, red packet,
 * withdraw, top-up, bind card) calls before it moves money. Checks run in a fixed order so the
 * client always learns the most useful thing first and never spends a credential on a payment
 * that would be refused anyway: account status, real name, payment password set and not
 * locked, balance limit, then the credential (password or passkey), then the SMS second factor.
 */
import { assert } from '../../shared/assert.ts'
import { DomainError } from '../../shared/errors.ts'
import { LIMITS } from '../../shared/limits.ts'
import { checkBalancePayment } from './account-class.ts'
import { addNotice } from './notices.ts'
import { type AuthenticationResponseJSON, verifyPaymentAssertion } from './passkeys.ts'
import { assertPasswordUsable, verifyPaymentPassword } from './payment-password.ts'
import { type SecurityContext, userEvent } from './security-context.ts'
import { consumeSmsCode } from './sms-codes.ts'
import { getUser, type User } from './users.ts'

export { PAYMENT_PURPOSES, type PaymentPurpose } from '../../shared/purposes.ts'
import type { PaymentPurpose } from '../../shared/purposes.ts'

export type ConfirmMethod =
  | { kind: 'password'; password: string }
  | { kind: 'passkey'; challengeId: string; response: AuthenticationResponseJSON }

export interface ConfirmPaymentRequest {
  userId: string
  amountFen: number
  purpose: PaymentPurpose
  /** True when the money comes out of the 零钱 balance (the account-class limits apply). */
  countsAgainstBalanceLimit: boolean
  method: ConfirmMethod
  smsCode?: string
  ip?: string
}

export interface PaymentConfirmation {
  confirmedBy: 'password' | 'passkey'
  secondFactor: boolean
}

export type SecondFactorReason = 'USER_SETTING' | 'AMOUNT_ABOVE_THRESHOLD'

/** Why this payment needs an SMS code, or undefined when it does not. */
export function secondFactorReason(
  ctx: SecurityContext,
  user: User,
  amountFen: number,
): SecondFactorReason | undefined {
  if (user.secondFactorEnabled) return 'USER_SETTING'
  if (amountFen > ctx.securityRules.secondFactorAboveFen) return 'AMOUNT_ABOVE_THRESHOLD'
  return undefined
}

/**
 * Confirms that the signed-in user really wants to move `amountFen`, or throws. It does not
 * record balance usage: the caller calls recordBalancePayment after the money moved.
 *
 * @example
 * await security.confirmPayment({ userId, amountFen: 5_000, purpose: 'TRANSFER',
 *   countsAgainstBalanceLimit: true, method: { kind: 'password', password: '802417' } })
 * // → { confirmedBy: 'password', secondFactor: false }
 */
export async function confirmPayment(
  ctx: SecurityContext,
  request: ConfirmPaymentRequest,
): Promise<PaymentConfirmation> {
  assertAmount(request.amountFen, request.purpose)
  const user = await getUser(ctx, request.userId)
  if (user.status === 'frozen') throw new DomainError('ACCOUNT_FROZEN')
  if (user.status === 'restricted') throw new DomainError('ACCOUNT_RESTRICTED')
  if (!user.verified) throw new DomainError('KYC_REQUIRED')
  await assertPasswordUsable(ctx, user.id)
  if (request.countsAgainstBalanceLimit) await checkBalancePayment(ctx, user.id, request.amountFen)
  const method = request.method
  if (method.kind === 'password') {
    await verifyPaymentPassword(ctx, user, method.password, request.ip)
  } else {
    await verifyPaymentAssertion(ctx, {
      userId: user.id,
      challengeId: method.challengeId,
      response: method.response,
      amountFen: request.amountFen,
    }).catch(async (error: unknown) => {
      if (error instanceof DomainError) {
        const detail = { ...error.details }
        await ctx.audit.record(userEvent(user.id, 'passkey.failed', detail, request.ip))
      }
      throw error
    })
  }
  const reason = secondFactorReason(ctx, user, request.amountFen)
  if (reason !== undefined) {
    if (request.smsCode === undefined || request.smsCode === '') {
      throw new DomainError('SECOND_FACTOR_REQUIRED', { reason })
    }
    await consumeSmsCode(ctx, { phone: user.phone, purpose: 'payment', code: request.smsCode })
  }
  return { confirmedBy: method.kind, secondFactor: reason !== undefined }
}

/**
 * 免密 (passwordless small payments, wallet-rules.md §1.7): the same account checks as
 * confirmPayment — status, real name, payment password usable (a locked PIN locks 免密 too),
 * the balance limit — without the credential. Only the payments module calls it, for a
 * payment code within the user's own 免密 limits, which it claims atomically itself.
 */
export async function confirmPasswordless(
  ctx: SecurityContext,
  request: Omit<ConfirmPaymentRequest, 'method' | 'smsCode'>,
): Promise<{ confirmedBy: 'passwordless'; secondFactor: false }> {
  assertAmount(request.amountFen, request.purpose)
  const user = await getUser(ctx, request.userId)
  if (user.status === 'frozen') throw new DomainError('ACCOUNT_FROZEN')
  if (user.status === 'restricted') throw new DomainError('ACCOUNT_RESTRICTED')
  if (!user.verified) throw new DomainError('KYC_REQUIRED')
  await assertPasswordUsable(ctx, user.id)
  if (request.countsAgainstBalanceLimit) await checkBalancePayment(ctx, user.id, request.amountFen)
  return { confirmedBy: 'passwordless', secondFactor: false }
}

function assertAmount(amountFen: number, purpose: PaymentPurpose): void {
  // Binding a card moves no money, so 0 is its natural amount; everything else moves some.
  const amountFenMin = purpose === 'BIND_CARD' ? 0 : 1
  const inRange = amountFen >= amountFenMin && amountFen <= LIMITS.transferAmountFenMax
  if (!Number.isSafeInteger(amountFen) || !inRange) {
    throw new DomainError('INVALID_AMOUNT')
  }
}

/** 二次验证 on or off; the payment password proves it is the owner. */
export async function setSecondFactor(
  ctx: SecurityContext,
  request: { userId: string; enabled: boolean; paymentPassword: unknown; ip?: string },
): Promise<User> {
  assert(typeof request.enabled === 'boolean', 'setSecondFactor: enabled must be a boolean')
  const user = await getUser(ctx, request.userId)
  await verifyPaymentPassword(ctx, user, request.paymentPassword, request.ip)
  if (user.secondFactorEnabled === request.enabled) return user
  await ctx.db
    .updateTable('users')
    .set({ second_factor_enabled: request.enabled })
    .where('id', '=', user.id)
    .execute()
  await addNotice(ctx, user, request.enabled ? 'second_factor_enabled' : 'second_factor_disabled')
  const action = request.enabled ? 'second_factor.enabled' : 'second_factor.disabled'
  await ctx.audit.record(userEvent(user.id, action, {}, request.ip))
  return getUser(ctx, user.id)
}
