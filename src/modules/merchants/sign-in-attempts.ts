/**
 * Merchant staff sign-in attempts: the rate-limits module's credential attempts in the
 * `merchant_staff` realm (claimed before the password is verified, as for operators).
 */
import type { Db } from '../../adapters/db/index.ts'
import { createCredentialAttempts } from '../rate-limits/index.ts'
import type { MerchantsContext } from './context.ts'

export { SIGN_IN_USERNAME_LENGTH_MAX } from '../rate-limits/index.ts'

function staffAttempts(ctx: MerchantsContext) {
  return createCredentialAttempts(
    { db: ctx.db as unknown as Db, clock: ctx.clock },
    'merchant_staff',
    { wrongMax: ctx.rules.staffWrongPasswordsMax, lockMs: ctx.rules.staffLockMs },
  )
}

export const claimSignInAttempt = (ctx: MerchantsContext, username: string) =>
  staffAttempts(ctx).claim(username)

export const lockedUntilMs = (ctx: MerchantsContext, username: string) =>
  staffAttempts(ctx).lockedUntilMs(username)

export const recordSignInSuccess = (
  ctx: MerchantsContext,
  username: string,
  ownLock: number | null,
) => staffAttempts(ctx).recordSuccess(username, ownLock)
