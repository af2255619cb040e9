/**
 * One-time SMS codes: 6 digits, valid 5 minutes, one resend per 60 s, burned after 5 wrong
 * tries, and limited per phone and per IP per hour and day. Codes are stored as keyed hashes.
 */
import { DomainError } from '../../shared/errors.ts'
import { constantTimeEqual, randomDigits } from '../../shared/crypto.ts'
import type { IdentityContext } from './context.ts'

export const SMS_PURPOSES = [
  'sign_in',
  'change_phone_old',
  'change_phone_new',
  'freeze',
  'appeal',
  'reset_password',
  'payment',
  'bind_card',
] as const
export type SmsPurpose = (typeof SMS_PURPOSES)[number]

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

/**
 * Issues a code. With `notSentBecause` the code is stored (so the same limits and timings apply,
 * and the answer cannot tell the phone apart) but not texted; the dev outbox says why.
 */
export async function issueSmsCode(
  ctx: IdentityContext,
  request: { phone: string; purpose: SmsPurpose; ip?: string; notSentBecause?: string },
): Promise<IssuedCode> {
  const nowMs = ctx.clock.nowMs()
  await enforceSmsLimits(ctx, request, nowMs)
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

async function enforceSmsLimits(
  ctx: IdentityContext,
  request: { phone: string; purpose: SmsPurpose; ip?: string },
  nowMs: number,
): Promise<void> {
  const dayAgo = new Date(nowMs - DAY_MS)
  const recent = await ctx.db
    .selectFrom('sms_codes')
    .select(['purpose', 'created_at', 'attempts'])
    .where('phone', '=', request.phone)
    .where('created_at', '>', dayAgo)
    .orderBy('created_at', 'desc')
    .limit(ctx.rules.smsPerPhoneDayMax + 1)
    .execute()
  const lastSamePurpose = recent.find((row) => row.purpose === request.purpose)
  // A code burned by wrong tries is useless: a new one may follow at once (hourly limits hold).
  const burned =
    lastSamePurpose !== undefined &&
    Number(lastSamePurpose.attempts) >= ctx.rules.smsWrongAttemptsMax
  if (lastSamePurpose !== undefined && !burned) {
    const waitMs =
      new Date(lastSamePurpose.created_at).getTime() + ctx.rules.smsResendIntervalMs - nowMs
    if (waitMs > 0) throw limited(waitMs, 'resend')
  }
  checkWindow(
    recent.map((row) => new Date(row.created_at).getTime()),
    nowMs,
    ctx.rules.smsPerPhoneHourMax,
    ctx.rules.smsPerPhoneDayMax,
    'phone',
  )
  if (request.ip === undefined) return
  const byIp = await ctx.db
    .selectFrom('sms_codes')
    .select('created_at')
    .where('ip', '=', request.ip)
    .where('created_at', '>', dayAgo)
    .orderBy('created_at', 'desc')
    .limit(ctx.rules.smsPerIpDayMax + 1)
    .execute()
  checkWindow(
    byIp.map((row) => new Date(row.created_at).getTime()),
    nowMs,
    ctx.rules.smsPerIpHourMax,
    ctx.rules.smsPerIpDayMax,
    'ip',
  )
}

/** `sentAtMs` is newest first. Throws FREQUENCY_LIMITED with the wait until a slot frees. */
function checkWindow(
  sentAtMs: number[],
  nowMs: number,
  hourMax: number,
  dayMax: number,
  scope: string,
): void {
  const inHour = sentAtMs.filter((at) => at > nowMs - HOUR_MS)
  if (inHour.length >= hourMax) {
    throw limited((inHour[hourMax - 1] as number) + HOUR_MS - nowMs, `${scope}_hour`)
  }
  if (sentAtMs.length >= dayMax) {
    throw limited((sentAtMs[dayMax - 1] as number) + DAY_MS - nowMs, `${scope}_day`)
  }
}

function limited(waitMs: number, limit: string): DomainError {
  return new DomainError('FREQUENCY_LIMITED', {
    retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)),
    limit,
  })
}

/**
 * Checks a code and consumes it on success. A wrong code counts against the latest code for
 * that phone and purpose; the fifth wrong try burns it (SMS_CODE_EXPIRED from then on).
 */
export async function consumeSmsCode(
  ctx: IdentityContext,
  request: { phone: string; purpose: SmsPurpose; code: unknown },
): Promise<void> {
  await markSmsCodeUsed(ctx, await checkSmsCode(ctx, request))
}

/**
 * Checks a code without using it up (a wrong code still counts as a try); returns the code's id
 * for `markSmsCodeUsed`. Flows that need two codes check both before using either.
 */
export async function checkSmsCode(
  ctx: IdentityContext,
  request: { phone: string; purpose: SmsPurpose; code: unknown },
): Promise<number> {
  const nowMs = ctx.clock.nowMs()
  const latest = await ctx.db
    .selectFrom('sms_codes')
    .selectAll()
    .where('phone', '=', request.phone)
    .where('purpose', '=', request.purpose)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst()
  const usable =
    latest !== undefined &&
    latest.consumed_at === null &&
    new Date(latest.expires_at).getTime() > nowMs &&
    Number(latest.attempts) < ctx.rules.smsWrongAttemptsMax
  if (!usable || latest === undefined) throw new DomainError('SMS_CODE_EXPIRED')
  const code = typeof request.code === 'string' ? request.code.trim() : ''
  const expected = ctx.secrets.keyedHash(`${request.phone}:${request.purpose}:${code}`)
  if (!/^\d{6}$/.test(code) || !constantTimeEqual(expected, latest.code_hash)) {
    const attempts = Number(latest.attempts) + 1
    await ctx.db.updateTable('sms_codes').set({ attempts }).where('id', '=', latest.id).execute()
    throw new DomainError('SMS_CODE_WRONG', {
      attemptsLeft: Math.max(0, ctx.rules.smsWrongAttemptsMax - attempts),
    })
  }
  return Number(latest.id)
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
