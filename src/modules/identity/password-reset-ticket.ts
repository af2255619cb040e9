/**
 * The first step of 找回支付密码: the SMS code, the ID number on record and the extra check (a
 * bound card) are verified before the new PIN is asked for, so a typo costs one try of the code
 * (5 per code, as for a wrong code), not the code itself and the PIN typed twice. The answer is
 * a short-lived ticket, signed and bound to the user and the code; the reset redeems it by using
 * the code up (a conditional update), so a ticket works once and dies with its code.
 */
import { DomainError } from '../../shared/errors.ts'
import { constantTimeEqual } from '../../shared/crypto.ts'
import { idNumberHash } from './real-name.ts'
import { type SecurityContext, userEvent } from './security-context.ts'
import { checkSmsCode } from './sms-codes.ts'
import { getUser } from './users.ts'

export interface ResetProofRequest {
  userId: string
  smsCode?: unknown
  idNumber?: unknown
  cardNumber?: string
  ip?: string
}

export interface ResetTicket {
  resetTicket: string
  expiresInSeconds: number
}

function ticketMac(ctx: SecurityContext, userId: string, codeId: number, expiresAtMs: number) {
  return ctx.secrets.keyedHash(`pin-reset-ticket:${userId}:${codeId}:${expiresAtMs}`)
}

/** Checks the proof of 找回支付密码 and answers a ticket for the new PIN; nothing is used up. */
export async function verifyPasswordReset(
  ctx: SecurityContext,
  request: ResetProofRequest,
): Promise<ResetTicket> {
  const user = await getUser(ctx, request.userId)
  if (!user.verified) throw new DomainError('KYC_REQUIRED')
  const password = await ctx.db
    .selectFrom('payment_passwords')
    .select('user_id')
    .where('user_id', '=', user.id)
    .executeTakeFirst()
  if (password === undefined) throw new DomainError('PAYMENT_PASSWORD_NOT_SET')
  const code = { phone: user.phone, purpose: 'reset_password' as const, code: request.smsCode }
  // Claims one try of the code: wrong ID numbers and cards are limited like wrong codes.
  const codeId = await checkSmsCode(ctx, code)
  const record = await ctx.db
    .selectFrom('users')
    .select('id_number_hash')
    .where('id', '=', user.id)
    .executeTakeFirstOrThrow()
  const idNumber = typeof request.idNumber === 'string' ? request.idNumber.trim().toUpperCase() : ''
  if (idNumberHash(ctx, idNumber) !== record.id_number_hash) {
    const detail = { reason: 'ID_NUMBER_MISMATCH' }
    await ctx.audit.record(userEvent(user.id, 'pin.reset_failed', detail, request.ip))
    throw new DomainError('ID_NUMBER_MISMATCH')
  }
  await ctx.passwordResetCheck?.({ userId: user.id, cardNumber: request.cardNumber })
  const ttlMs = ctx.rules.smsCodeTtlMs
  const expiresAtMs = ctx.clock.nowMs() + ttlMs
  const mac = ticketMac(ctx, user.id, codeId, expiresAtMs)
  return { resetTicket: `${codeId}.${expiresAtMs}.${mac}`, expiresInSeconds: ttlMs / 1000 }
}

/** The code id a valid, unexpired ticket of this user names; SMS_CODE_EXPIRED otherwise. */
export function redeemableCode(ctx: SecurityContext, userId: string, ticket: unknown): number {
  const parts = typeof ticket === 'string' ? ticket.split('.') : []
  const [codeText = '', expiresText = '', mac = ''] = parts
  const codeId = Number(codeText)
  const expiresAtMs = Number(expiresText)
  const valid =
    parts.length === 3 &&
    Number.isSafeInteger(codeId) &&
    Number.isSafeInteger(expiresAtMs) &&
    constantTimeEqual(mac, ticketMac(ctx, userId, codeId, expiresAtMs))
  if (!valid || expiresAtMs <= ctx.clock.nowMs()) throw new DomainError('SMS_CODE_EXPIRED')
  return codeId
}
