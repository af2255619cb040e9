/**
 * What every payment-security function needs: the identity context plus the verifier, the rule
 * pack and the per-user password queue. Its own file, so the functions and the service that
 * binds them import it without importing each other.
 */
import type { IdentityVerifier } from '../../adapters/identity-verification/index.ts'
import { assert } from '../../shared/assert.ts'
import type { AuditAction } from '../../shared/audit-codes.ts'
import type { AuditEvent } from '../audit/index.ts'
import type { AccountClass, ClassLimit } from './account-class.ts'
import type { IdentityContext } from './context.ts'
import type { PasswordResetCheck } from './payment-password.ts'

export interface SecurityRules {
  /** One ID number may verify at most this many wallet accounts. */
  idAccountsMax: number
  /** Name/ID mismatches per user per 24 h, so the form is no oracle for whose ID is whose. */
  realNameFailuresPerDayMax: number
  /** Real-name verification is refused below this age (UNDERAGE). */
  minAgeYears: number
  /** Below this age (and from minAgeYears) the minor's yearly cap applies on top of the class. */
  adultAgeYears: number
  minorYearLimitFen: number
  /** Balance-payment limits per account class (PBoC No. 43, Art. 11). */
  classLimits: Record<Exclude<AccountClass, 0>, ClassLimit>
  pinAttemptsMax: number
  pinLockMs: number
  webauthnChallengeTtlMs: number
  passkeysPerUserMax: number
  /** Payments above this amount need an SMS code (二次验证) whatever the user's setting. */
  secondFactorAboveFen: number
}

export const DEFAULT_SECURITY_RULES: SecurityRules = {
  idAccountsMax: 3,
  realNameFailuresPerDayMax: 5,
  minAgeYears: 16,
  adultAgeYears: 18,
  minorYearLimitFen: 500_000,
  classLimits: {
    1: { period: 'LIFETIME', limitFen: 100_000 },
    2: { period: 'YEAR', limitFen: 10_000_000 },
    3: { period: 'YEAR', limitFen: 20_000_000 },
  },
  pinAttemptsMax: 5,
  pinLockMs: 3 * 3600_000,
  webauthnChallengeTtlMs: 5 * 60_000,
  passkeysPerUserMax: 10,
  secondFactorAboveFen: 200_000,
}

/**
 * Runs work for one key at a time, in arrival order (in this process). Password checks of one
 * user queue here, so parallel right entries all pass: each finishes (and resets the count)
 * before the next claims its attempt. The limit itself is held by the database claim, also
 * across processes (payment-password.ts).
 */
export function createKeyedQueue() {
  const tails = new Map<string, Promise<unknown>>()
  return async function run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = tails.get(key) ?? Promise.resolve()
    const result = previous.then(work, work)
    const tail = result.catch(() => undefined)
    tails.set(key, tail)
    try {
      return await result
    } finally {
      if (tails.get(key) === tail) tails.delete(key)
    }
  }
}

export type KeyedQueue = ReturnType<typeof createKeyedQueue>

/** The identity context plus what payment security needs; `securityRules` may be replaced. */
export interface SecurityContext extends IdentityContext {
  verifier: IdentityVerifier
  securityRules: SecurityRules
  passwordResetCheck: PasswordResetCheck | undefined
  /** Serializes payment-password checks per user (see createKeyedQueue). */
  pinQueue: KeyedQueue
}

export function assertRules(rules: SecurityRules): void {
  for (const [name, value] of Object.entries(rules)) {
    if (typeof value !== 'number') continue
    assert(Number.isSafeInteger(value) && value >= 0, `security rule ${name}: ${value}`)
  }
  assert(rules.pinAttemptsMax >= 1 && rules.idAccountsMax >= 1, 'security rules: maxima ≥ 1')
  assert(rules.minAgeYears <= rules.adultAgeYears, 'security rules: minAgeYears ≤ adultAgeYears')
}

/** An audit event by the user themself (every security action is one). */
export function userEvent(
  userId: string,
  action: AuditAction,
  detail: Record<string, unknown>,
  ip: string | undefined,
): AuditEvent {
  return { userId, actor: { kind: 'user', id: userId }, action, detail, ...(ip ? { ip } : {}) }
}
