/**
 * The payment-security service: real-name verification and account classes, the payment
 * password, passkeys, the SMS second factor and `confirmPayment`, composed over the identity
 * context. Its rules are configuration (a rule pack), never constants in code.
 */
import type { IdentityVerifier } from '../../adapters/identity-verification/index.ts'
import type { AuditEvent } from '../audit/index.ts'
import { assert } from '../../shared/assert.ts'
import {
  type AccountClass,
  balanceLimits,
  canReceive,
  checkBalancePayment,
  type ClassLimit,
  raiseAccountClass,
  recordBalancePayment,
} from './account-class.ts'
import { confirmPayment, setSecondFactor } from './confirm-payment.ts'
import type { IdentityContext } from './context.ts'
import {
  createPaymentChallenge,
  listPasskeys,
  passkeyRegistrationOptions,
  registerPasskey,
  removePasskey,
} from './passkeys.ts'
import {
  changePaymentPassword,
  type PasswordResetCheck,
  passwordStatus,
  resetPaymentPassword,
  setPaymentPassword,
  verifyPaymentPassword,
} from './payment-password.ts'
import { verifyRealName } from './real-name.ts'
import { getUser } from './users.ts'

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
 * user queue here, so a burst of parallel guesses is checked one by one against the limit,
 * and parallel right entries all pass: no attempt is counted before its outcome is known.
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

export interface SecurityDeps {
  identity: IdentityContext
  verifier: IdentityVerifier
  rules?: Partial<SecurityRules>
  /** Extra proof for 找回支付密码, e.g. a bound card (see setPasswordResetCheck). */
  passwordResetCheck?: PasswordResetCheck
}

function assertRules(rules: SecurityRules): void {
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
  action: string,
  detail: Record<string, unknown>,
  ip: string | undefined,
): AuditEvent {
  return { userId, actor: { kind: 'user', id: userId }, action, detail, ...(ip ? { ip } : {}) }
}

export function createSecurityService(deps: SecurityDeps) {
  const ctx: SecurityContext = {
    ...deps.identity,
    verifier: deps.verifier,
    securityRules: { ...DEFAULT_SECURITY_RULES, ...deps.rules },
    passwordResetCheck: deps.passwordResetCheck,
    pinQueue: createKeyedQueue(),
  }
  assertRules(ctx.securityRules)
  /** `(ctx, ...args) => result` as `(...args) => result` over this service's context. */
  const bound =
    <Args extends unknown[], Result>(work: (context: SecurityContext, ...args: Args) => Result) =>
    (...args: Args): Result =>
      work(ctx, ...args)

  return {
    verifyRealName: bound(verifyRealName),
    limits: bound(balanceLimits),
    checkBalancePayment: bound(checkBalancePayment),
    recordBalancePayment: bound(recordBalancePayment),
    canReceive: bound(canReceive),
    /** Called by the cards module when a card in the holder's name is bound; never lowers. */
    async raiseAccountClass(userId: string, toClass: 2 | 3, reason: string): Promise<void> {
      await raiseAccountClass(ctx, userId, toClass, reason)
    },
    passwordStatus: bound(passwordStatus),
    setPaymentPassword: bound(setPaymentPassword),
    changePaymentPassword: bound(changePaymentPassword),
    resetPaymentPassword: bound(resetPaymentPassword),
    /** The password alone (e.g. before unbinding a card): PIN_WRONG / PIN_LOCKED / NOT_SET. */
    async verifyPaymentPassword(userId: string, password: string, ip?: string): Promise<void> {
      await verifyPaymentPassword(ctx, await getUser(ctx, userId), password, ip)
    },
    passkeyRegistrationOptions: bound(passkeyRegistrationOptions),
    registerPasskey: bound(registerPasskey),
    listPasskeys: bound(listPasskeys),
    removePasskey: bound(removePasskey),
    createPaymentChallenge: bound(createPaymentChallenge),
    setSecondFactor: bound(setSecondFactor),
    /** The one step before any money moves; see confirm-payment.ts for the order of checks. */
    confirmPayment: bound(confirmPayment),
    rules: (): Readonly<SecurityRules> => ctx.securityRules,
    /** Operators change rules at run time (in memory; the ops module decides how to persist). */
    async updateRules(patch: Partial<SecurityRules>, operatorId: string): Promise<SecurityRules> {
      const next = { ...ctx.securityRules, ...patch }
      assertRules(next)
      ctx.securityRules = next
      const actor = { kind: 'operator' as const, id: operatorId }
      const action = 'rules.security_changed'
      await ctx.audit.record({ userId: null, actor, action, detail: patch })
      return next
    },
    /** The cards module is built after this service, so it plugs its check in afterwards. */
    setPasswordResetCheck(check: PasswordResetCheck | undefined): void {
      ctx.passwordResetCheck = check
    },
  }
}

export type SecurityService = ReturnType<typeof createSecurityService>
