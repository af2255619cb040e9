/**
 * One-time SMS codes: 6 digits, valid 5 minutes, one resend per 60 s, burned after 5 tries,
 * and limited per phone and per IP per hour and day. Codes are stored as keyed hashes. Every
 * limit is claimed atomically before the work it limits (src/modules/rate-limits for sending,
 * a conditional increment of the code's tries before each compare).
 */
import { DomainError } from '../../shared/errors.ts'
import { constantTimeEqual, randomDigits } from '../../shared/crypto.ts'
import type { SmsPurpose } from '../../shared/purposes.ts'
import { createRateLimits, RateLimitedError, type WindowClaim } from '../rate-limits/index.ts'
import type { IdentityContext } from './context.ts'

export { SMS_PURPOSES, type SmsPurpose } from '../../shared/purposes.ts'

/** What a code is for, in the words of the SMS ("用于登录/注册", "to sign in or sign up"). */
export const SMS_PURPOSE_TEXT: Record<SmsPurpose, { zh: string; en: string }> = {
  sign_in: { zh: '登录/注册', en: 'to sign in or sign up' },
  change_phone_old: { zh: '更换手机号（验证原手机号）', en: 'to change your phone (old number)' },
  change_phone_new: { zh: '更换手机号（验证新手机号）', en: 'to change your phone (new number)' },
  freeze: { zh: '冻结账户', en: 'to freeze your account' },
  appeal: { zh: '账户申诉', en: 'for your account appeal' },
  reset_password: { zh: '找回支付密码', en: 'to reset your payment password' },
  payment: { zh: '支付验证', en: 'to confirm a payment' },
  bind_card: { zh: '绑定银行卡', en: 'to add a bank card' },
}

const HOUR_MS = 3600_000
const DAY_MS = 24 * HOUR_MS

export interface IssuedCode {
  expiresInSeconds: number
  resendAfterSeconds: number
}

export interface CodeRequest {
  phone: string
  purpose: SmsPurpose
  ip?: string
  /**
   * Set: store a code nobody is sent (the freeze form for a phone with no account), so the
   * answer, the limits and every later try look exactly as for a real account; the dev outbox
   * records why nothing was sent.
   */
  notSentBecause?: string
}

/** The resend window of one phone and purpose: reset when a code is burned. */
function resendKey(phone: string, purpose: SmsPurpose): string {
  return `sms:resend:${purpose}:${phone}`
}

export async function issueSmsCode(
  ctx: IdentityContext,
  request: CodeRequest,
): Promise<IssuedCode> {
  await claimSmsLimits(ctx, request)
  const nowMs = ctx.clock.nowMs()
  const code = randomDigits(6)
  await ctx.db
    .insertInto('sms_codes')
    .values({
      phone: request.phone,
      purpose: request.purpose,
      code_hash: ctx.secrets.keyedHash(`${request.phone}:${request.purpose}:${code}`),
      ip: request.ip ?? null,
      expires_at: new Date(nowMs + ctx.rules.smsCodeTtlMs),
      consumed_at: null,
      created_at: new Date(nowMs),
    })
    .execute()
  const minutes = Math.round(ctx.rules.smsCodeTtlMs / 60_000)
  const text = SMS_PURPOSE_TEXT[request.purpose]
  if (request.notSentBecause !== undefined) {
    await ctx.sms.recordNotSent?.(request.phone, `${text.zh}: ${request.notSentBecause}`)
  } else {
    await ctx.sms.send(
      request.phone,
      `【零钱】验证码 ${code}，用于${text.zh}，${minutes}分钟内有效。请勿告诉任何人。` +
        ` Lingqian code ${code} ${text.en}, valid ${minutes} min. Never share it.`,
    )
  }
  return {
    expiresInSeconds: Math.round(ctx.rules.smsCodeTtlMs / 1000),
    resendAfterSeconds: Math.round(ctx.rules.smsResendIntervalMs / 1000),
  }
}

/**
 * Claims the resend interval and the per-phone and per-IP hourly and daily windows, all or
 * none, before anything is sent: of parallel requests exactly the allowed number get a code.
 */
async function claimSmsLimits(ctx: IdentityContext, request: CodeRequest): Promise<void> {
  const { rules } = ctx
  const windows: WindowClaim[] = [
    {
      key: resendKey(request.phone, request.purpose),
      limit: 1,
      windowMs: rules.smsResendIntervalMs,
      name: 'resend',
    },
    {
      key: `sms:phone-hour:${request.phone}`,
      limit: rules.smsPerPhoneHourMax,
      windowMs: HOUR_MS,
      name: 'phone_hour',
    },
    {
      key: `sms:phone-day:${request.phone}`,
      limit: rules.smsPerPhoneDayMax,
      windowMs: DAY_MS,
      name: 'phone_day',
    },
  ]
  if (request.ip !== undefined) {
    windows.push(
      {
        key: `sms:ip-hour:${request.ip}`,
        limit: rules.smsPerIpHourMax,
        windowMs: HOUR_MS,
        name: 'ip_hour',
      },
      {
        key: `sms:ip-day:${request.ip}`,
        limit: rules.smsPerIpDayMax,
        windowMs: DAY_MS,
        name: 'ip_day',
      },
    )
  }
  await claimRateLimits(ctx, windows)
}

/** Claims the windows; a full one answers FREQUENCY_LIMITED with its name and the wait. */
async function claimRateLimits(
  ctx: IdentityContext,
  windows: readonly WindowClaim[],
): Promise<void> {
  try {
    await createRateLimits(ctx).claim(windows)
  } catch (error) {
    if (!(error instanceof RateLimitedError)) throw error
    throw new DomainError('FREQUENCY_LIMITED', {
      retryAfterSeconds: Math.max(1, Math.ceil(error.retryAfterMs / 1000)),
      limit: error.limitName,
    })
  }
}

/** A phone-change attempt (it costs a try of both codes): limited per user and hour. */
export async function claimPhoneChangeAttempt(ctx: IdentityContext, userId: string): Promise<void> {
  const limit = ctx.rules.phoneChangesPerHourMax
  const name = 'phone_change_hour'
  await claimRateLimits(ctx, [{ key: `phone-change:${userId}`, limit, windowMs: HOUR_MS, name }])
}

/**
 * Checks a code and consumes it on success. Every try counts against the latest code for that
 * phone and purpose; the fifth burns it (SMS_CODE_BURNED from then on, even for the right code).
 */
export async function consumeSmsCode(
  ctx: IdentityContext,
  request: { phone: string; purpose: SmsPurpose; code: unknown },
): Promise<void> {
  await markSmsCodeUsed(ctx, await checkSmsCode(ctx, request))
}

/**
 * Checks a code without using it up (the try still counts); returns the code's id for
 * `markSmsCodeUsed`. Flows that need two codes check both before using either. The try is
 * claimed (a conditional increment) before the compare, so of any number of parallel tries at
 * most smsWrongAttemptsMax are ever compared.
 */
export async function checkSmsCode(
  ctx: IdentityContext,
  request: { phone: string; purpose: SmsPurpose; code: unknown },
): Promise<number> {
  const attemptsMax = ctx.rules.smsWrongAttemptsMax
  const latest = await latestCode(ctx, request)
  const claimed = await ctx.db
    .updateTable('sms_codes')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', latest.id)
    .where('attempts', '<', attemptsMax)
    .where('consumed_at', 'is', null)
    .returning(['attempts', 'code_hash'])
    .executeTakeFirst()
  // Burned or used by a parallel request since it was read.
  if (claimed === undefined) throw await unusable(ctx, latest.id)
  const code = typeof request.code === 'string' ? request.code.trim() : ''
  const expected = ctx.secrets.keyedHash(`${request.phone}:${request.purpose}:${code}`)
  if (!/^\d{6}$/.test(code) || !constantTimeEqual(expected, claimed.code_hash)) {
    const attemptsLeft = Math.max(0, attemptsMax - Number(claimed.attempts))
    // This try burned the code: a new one may be asked for at once.
    if (attemptsLeft === 0)
      await createRateLimits(ctx).reset(resendKey(request.phone, request.purpose))
    throw new DomainError('SMS_CODE_WRONG', { attemptsLeft })
  }
  return Number(latest.id)
}

/** The latest code for the phone and purpose, if it can still be tried. */
async function latestCode(
  ctx: IdentityContext,
  request: { phone: string; purpose: SmsPurpose },
): Promise<{ id: number }> {
  const latest = await ctx.db
    .selectFrom('sms_codes')
    .select(['id', 'attempts', 'expires_at', 'consumed_at'])
    .where('phone', '=', request.phone)
    .where('purpose', '=', request.purpose)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst()
  if (latest === undefined) throw new DomainError('SMS_CODE_NOT_REQUESTED')
  if (latest.consumed_at !== null) throw new DomainError('SMS_CODE_EXPIRED')
  if (Number(latest.attempts) >= ctx.rules.smsWrongAttemptsMax) {
    throw new DomainError('SMS_CODE_BURNED')
  }
  if (new Date(latest.expires_at).getTime() <= ctx.clock.nowMs()) {
    throw new DomainError('SMS_CODE_EXPIRED')
  }
  return { id: Number(latest.id) }
}

async function unusable(ctx: IdentityContext, codeId: number): Promise<DomainError> {
  const row = await ctx.db
    .selectFrom('sms_codes')
    .select('attempts')
    .where('id', '=', codeId)
    .executeTakeFirstOrThrow()
  const burned = Number(row.attempts) >= ctx.rules.smsWrongAttemptsMax
  return new DomainError(burned ? 'SMS_CODE_BURNED' : 'SMS_CODE_EXPIRED')
}

/** Uses a checked code up, atomically: of two concurrent uses of one code, only one succeeds. */
export async function markSmsCodeUsed(ctx: IdentityContext, codeId: number): Promise<void> {
  const consumed = await ctx.db
    .updateTable('sms_codes')
    .set({ consumed_at: new Date(ctx.clock.nowMs()) })
    .where('id', '=', codeId)
    .where('consumed_at', 'is', null)
    .executeTakeFirst()
  if (consumed.numUpdatedRows === 0n) throw new DomainError('SMS_CODE_EXPIRED')
}
