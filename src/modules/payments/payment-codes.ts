/**
 * The customer's payment code (付款码): 18 digits, 10–15 first, valid one minute and usable once
 * (wallet-rules.md §1.6). Issuing a code revokes the user's earlier ones (the page refreshes
 * every minute, so only the code on the screen works). Only a hash is stored. The cashier's use
 * is one conditional update inside the payment's transaction: of two uses at once, one wins.
 */
import { DomainError } from '../../shared/errors.ts'
import { shanghaiDate } from '../../shared/shanghai-time.ts'
import { randomId } from '../../shared/crypto.ts'
import { QuotaExceededError } from '../quota/index.ts'
import type { PaymentsContext, PaymentsDb } from './context.ts'
import { codeHash, newPaymentCode } from './ids.ts'
import { storedSettings } from './pay-settings.ts'
import type { IssuedPaymentCode } from './payment-types.ts'

const CODE_PATTERN = /^1[0-5][0-9]{16}$/
/** The page refreshes a little before the code expires, so the cashier never scans a dead one. */
const REFRESH_MARGIN_MS = 5_000
const ISSUE_DRAWS_MAX = 5

export async function issuePaymentCode(
  ctx: PaymentsContext,
  userId: string,
): Promise<IssuedPaymentCode> {
  const settings = await storedSettings(ctx, userId)
  if (!settings.paymentCodeEnabled)
    throw new DomainError('PAYMENT_DISABLED', { feature: 'PAYMENT_CODE' })
  const user = await ctx.identity.getUser(userId)
  if (user.status === 'frozen') throw new DomainError('ACCOUNT_FROZEN')
  if (!user.verified) throw new DomainError('KYC_REQUIRED')
  const nowMs = ctx.clock.nowMs()
  const expiresAtMs = nowMs + ctx.rules.paymentCodeTtlMs
  for (let draw = 0; draw < ISSUE_DRAWS_MAX; draw++) {
    const code = newPaymentCode()
    const id = randomId('pc', 20)
    const inserted = await ctx.db.transaction().execute(async (trx) => {
      await claimIssue(ctx, trx, userId, id, nowMs)
      await trx
        .updateTable('payment_codes')
        .set({ revoked_at: new Date(nowMs) })
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .where('used_at', 'is', null)
        .where('expires_at', '>', new Date(nowMs))
        .execute()
      const row = await trx
        .insertInto('payment_codes')
        .values({
          id,
          user_id: userId,
          code_hash: codeHash(code),
          issued_at: new Date(nowMs),
          expires_at: new Date(expiresAtMs),
          revoked_at: null,
          used_at: null,
          payment_id: null,
        })
        .onConflict((conflict) => conflict.column('code_hash').doNothing())
        .returning('id')
        .executeTakeFirst()
      return row !== undefined
    })
    if (inserted) return { code, expiresAtMs, refreshAtMs: expiresAtMs - REFRESH_MARGIN_MS }
  }
  throw new DomainError('SYSTEM_BUSY')
}

/** A bound on codes per user and day: each issue writes a row. */
async function claimIssue(
  ctx: PaymentsContext,
  trx: PaymentsDb,
  userId: string,
  id: string,
  nowMs: number,
) {
  try {
    await ctx.quota.claim(
      [
        {
          claimId: `${id}:issue`,
          counterKey: `pay:codes-issued:${userId}:${shanghaiDate(nowMs)}`,
          amount: 1,
          limit: ctx.rules.paymentCodesPerDayMax,
        },
      ],
      trx as never,
    )
  } catch (error) {
    if (!(error instanceof QuotaExceededError)) throw error
    throw new DomainError('FREQUENCY_LIMITED', { limit: error.limit, period: 'DAY' })
  }
}

/**
 * Uses the code for `paymentId` inside the payment's transaction and returns its owner, or
 * throws PAYMENT_CODE_INVALID / _EXPIRED / _USED.
 */
export async function useCode(
  ctx: PaymentsContext,
  trx: PaymentsDb,
  code: string,
  paymentId: string,
): Promise<string> {
  if (!CODE_PATTERN.test(code)) throw new DomainError('PAYMENT_CODE_INVALID')
  const now = new Date(ctx.clock.nowMs())
  const hash = codeHash(code)
  const used = await trx
    .updateTable('payment_codes')
    .set({ used_at: now, payment_id: paymentId })
    .where('code_hash', '=', hash)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('user_id')
    .executeTakeFirst()
  if (used !== undefined) return used.user_id
  const row = await trx
    .selectFrom('payment_codes')
    .select(['used_at', 'revoked_at'])
    .where('code_hash', '=', hash)
    .executeTakeFirst()
  if (row === undefined) throw new DomainError('PAYMENT_CODE_INVALID')
  if (row.used_at !== null) throw new DomainError('PAYMENT_CODE_USED')
  throw new DomainError('PAYMENT_CODE_EXPIRED')
}

/** Whose code this is (any state); PAYMENT_CODE_INVALID for a code never issued. */
export async function codeOwner(ctx: PaymentsContext, code: string): Promise<string> {
  if (!CODE_PATTERN.test(code)) throw new DomainError('PAYMENT_CODE_INVALID')
  const row = await ctx.db
    .selectFrom('payment_codes')
    .select('user_id')
    .where('code_hash', '=', codeHash(code))
    .executeTakeFirst()
  if (row === undefined) throw new DomainError('PAYMENT_CODE_INVALID')
  return row.user_id
}

/** For drawing the code's images: only its owner, only while it works. */
export async function assertOwnPaymentCode(
  ctx: PaymentsContext,
  userId: string,
  code: string,
): Promise<void> {
  const row = await ctx.db
    .selectFrom('payment_codes')
    .select('id')
    .where('code_hash', '=', codeHash(code))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', new Date(ctx.clock.nowMs()))
    .executeTakeFirst()
  if (row === undefined) throw new DomainError('NOT_FOUND', { resource: 'payment code' })
}

/** Codes a day past their minute are of no use to anyone: deleted by the resolver job. */
export async function pruneCodes(ctx: PaymentsContext): Promise<number> {
  const cutoff = new Date(ctx.clock.nowMs() - 24 * 3600_000)
  const result = await ctx.db
    .deleteFrom('payment_codes')
    .where('expires_at', '<', cutoff)
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}
