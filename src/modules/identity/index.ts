/**
 * @module identity
 * How a person becomes a wallet user and how the wallet knows it is really them: phone + SMS
 * sign-in, sessions and devices, real-name verification and account classes, the payment
 * password, passkeys, freeze (挂失) and appeals.
 *
 * @example
 * const { identity, security } = createIdentityModule({ db, clock, secrets, sms, audit, verifier })
 * await identity.requestSmsCode({ phone: '13800000001', purpose: 'sign_in' })
 */
import type { Clock } from '../../adapters/clock/index.ts'
import type { Db } from '../../adapters/db/index.ts'
import type { IdentityVerifier } from '../../adapters/identity-verification/index.ts'
import type { SmsSender } from '../../adapters/sms/index.ts'
import type { SecretBox } from '../../shared/crypto.ts'
import type { AuditLog } from '../audit/index.ts'
import { DEFAULT_IDENTITY_RULES, type IdentityContext, type IdentityRules } from './context.ts'
import { createIdentityService, type IdentityService } from './identity.ts'
import type { SecurityRules } from './security-context.ts'
import { createSecurityService, type SecurityService } from './security-service.ts'

export { type IdentityRules, DEFAULT_IDENTITY_RULES } from './context.ts'
export {
  APPEAL_REASON_LENGTH_MAX,
  APPEAL_STATEMENT_LENGTH_MAX,
  APPEAL_STATUSES,
  type Appeal,
  type AppealForReview,
  type AppealService,
  type AppealStatus,
} from './appeals.ts'
export type { DeviceInfo, IdentityService } from './identity.ts'
export { maskPhone, normalizePhone } from './phone.ts'
export type { Session } from './sessions.ts'
export { SMS_PURPOSE_TEXT, SMS_PURPOSES, type SmsPurpose } from './sms-codes.ts'
export type { Notice, NoticeKind } from './notices.ts'
export { toUser, type User, type UserStatus } from './users.ts'
export { isUserId, USER_SEARCH_RESULTS_MAX } from './user-search.ts'
export { DEFAULT_SECURITY_RULES, type SecurityRules } from './security-context.ts'
export type { SecurityService } from './security-service.ts'
export type { AccountClass, BalanceLimits, ClassLimit, LimitPeriod } from './account-class.ts'
export { userCanReceive } from './account-class.ts'
export {
  type ConfirmMethod,
  type ConfirmPaymentRequest,
  PAYMENT_PURPOSES,
  type PaymentConfirmation,
  type PaymentPurpose,
  type SecondFactorReason,
} from './confirm-payment.ts'
export type {
  AuthenticationResponseJSON,
  PasskeyFailure,
  PasskeyView,
  RegistrationResponseJSON,
} from './passkeys.ts'
export {
  type PasswordResetCheck,
  type PasswordStatus,
  weakPasswordReason,
  type WeakPasswordReason,
} from './payment-password.ts'

export interface IdentityDeps {
  db: Db
  clock: Clock
  secrets: SecretBox
  sms: SmsSender
  audit: AuditLog
  verifier: IdentityVerifier
  rules?: Partial<IdentityRules>
  securityRules?: Partial<SecurityRules>
}

/**
 * The identity service and the payment-security service over one context (database, secrets,
 * SMS), which stays inside this module: other modules get the services, never the context.
 */
export function createIdentityModule(deps: IdentityDeps): {
  identity: IdentityService
  security: SecurityService
} {
  const ctx: IdentityContext = {
    db: deps.db as IdentityContext['db'],
    clock: deps.clock,
    secrets: deps.secrets,
    sms: deps.sms,
    audit: deps.audit,
    rules: { ...DEFAULT_IDENTITY_RULES, ...deps.rules },
  }
  const security = createSecurityService({
    identity: ctx,
    verifier: deps.verifier,
    ...(deps.securityRules ? { rules: deps.securityRules } : {}),
  })
  return { identity: createIdentityService(ctx), security }
}
