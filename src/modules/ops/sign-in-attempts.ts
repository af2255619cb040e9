/**
 * Operator sign-in attempts: the rate-limits module's credential attempts in the `operator`
 * realm (claimed before the password is verified; see rate-limits/credential-attempts.ts).
 */
import type { Db } from '../../adapters/db/index.ts'
import { createCredentialAttempts } from '../rate-limits/index.ts'
import type { OpsContext } from './context.ts'

export { SIGN_IN_USERNAME_LENGTH_MAX } from '../rate-limits/index.ts'

function operatorAttempts(ctx: OpsContext) {
  return createCredentialAttempts({ db: ctx.db as unknown as Db, clock: ctx.clock }, 'operator', {
    wrongMax: ctx.rules.operatorWrongPasswordsMax,
    lockMs: ctx.rules.operatorLockMs,
  })
}

export const claimSignInAttempt = (ctx: OpsContext, username: string) =>
  operatorAttempts(ctx).claim(username)

export const lockedUntilMs = (ctx: OpsContext, username: string) =>
  operatorAttempts(ctx).lockedUntilMs(username)

export const recordSignInSuccess = (ctx: OpsContext, username: string, ownLock: number | null) =>
  operatorAttempts(ctx).recordSuccess(username, ownLock)
