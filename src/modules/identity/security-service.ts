/**
 * The payment-security service: real-name verification and account classes, the payment
 * password, passkeys, the SMS second factor and `confirmPayment`, composed over the identity
 * context. Its rules are configuration (a rule pack), never constants in code.
 */
import type { IdentityVerifier } from '../../adapters/identity-verification/index.ts'
import {
  balanceLimits,
  balanceUsage,
  canReceive,
  checkBalancePayment,
  raiseAccountClass,
  recordBalancePayment,
} from './account-class.ts'
import { confirmPasswordless, confirmPayment, setSecondFactor } from './confirm-payment.ts'
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
  checkNewPaymentPassword,
  type PasswordResetCheck,
  passwordStatus,
  resetPaymentPassword,
  setPaymentPassword,
  verifyPaymentPassword,
} from './payment-password.ts'
import { verifyPasswordReset } from './password-reset-ticket.ts'
import { unusedIdentities, verifyRealName } from './real-name.ts'
import {
  assertRules,
  createKeyedQueue,
  DEFAULT_SECURITY_RULES,
  type SecurityContext,
  type SecurityRules,
} from './security-context.ts'
import { getUser } from './users.ts'

export {
  createKeyedQueue,
  DEFAULT_SECURITY_RULES,
  type KeyedQueue,
  type SecurityContext,
  type SecurityRules,
} from './security-context.ts'

export interface SecurityDeps {
  identity: IdentityContext
  verifier: IdentityVerifier
  rules?: Partial<SecurityRules>
  /** Extra proof for 找回支付密码, e.g. a bound card (see setPasswordResetCheck). */
  passwordResetCheck?: PasswordResetCheck
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
    /** Demo mode: register entries no account has verified yet (real-name.ts). */
    unusedIdentities: <Candidate extends { idNumber: string }>(
      candidates: readonly Candidate[],
      limit: number,
    ) => unusedIdentities(ctx, candidates, limit),
    limits: bound(balanceLimits),
    /** Balance payments this year and ever (both, whichever the class counts). */
    balanceUsage: bound(balanceUsage),
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
    /** 找回支付密码, step one: the proof, before the new PIN; answers a one-use ticket. */
    verifyPasswordReset: bound(verifyPasswordReset),
    resetPaymentPassword: bound(resetPaymentPassword),
    checkNewPaymentPassword: bound(checkNewPaymentPassword),
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
    /** 免密: confirmPayment's account checks without the credential (payments module only). */
    confirmPasswordless: bound(confirmPasswordless),
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
