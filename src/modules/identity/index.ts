/**
 * @module identity
 * How a person becomes a wallet user and how the wallet knows it is really them: phone + SMS
 * sign-in, sessions and devices, real-name verification and account classes, the payment
 * password, passkeys, freeze (挂失) and appeals.
 */
export { type IdentityContext, type IdentityRules, DEFAULT_IDENTITY_RULES } from './context.ts'
export {
  APPEAL_REASON_LENGTH_MAX,
  APPEAL_STATEMENT_LENGTH_MAX,
  APPEAL_STATUSES,
  type Appeal,
  type AppealForReview,
  type AppealService,
  type AppealStatus,
} from './appeals.ts'
export { createIdentityService, type DeviceInfo, type IdentityService } from './identity.ts'
export { maskPhone, normalizePhone } from './phone.ts'
export type { Session } from './sessions.ts'
export { SMS_PURPOSES, type SmsPurpose } from './sms-codes.ts'
export type { Notice, NoticeKind } from './notices.ts'
export { toUser, type User, type UserStatus } from './users.ts'
/** Table types for read-only queries of other modules (the operator console's user search). */
export type { IdentityTables } from './identity-tables.ts'
export {
  createSecurityService,
  DEFAULT_SECURITY_RULES,
  type SecurityDeps,
  type SecurityRules,
  type SecurityService,
} from './security-service.ts'
export type { AccountClass, BalanceLimits, ClassLimit, LimitPeriod } from './account-class.ts'
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
