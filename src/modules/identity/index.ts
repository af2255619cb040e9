/**
 * @module identity
 * How a person becomes a wallet user and how the wallet knows it is really them: phone + SMS
 * sign-in, sessions and devices, real-name verification and account classes, the payment
 * password, passkeys, freeze (挂失) and appeals.
 */
export { type IdentityContext, type IdentityRules, DEFAULT_IDENTITY_RULES } from './context.ts'
export { createIdentityService, type DeviceInfo, type IdentityService } from './identity.ts'
export { maskPhone, normalizePhone } from './phone.ts'
export type { Session } from './sessions.ts'
export { SMS_PURPOSES, type SmsPurpose } from './sms-codes.ts'
export type { Notice, NoticeKind } from './notices.ts'
export type { User, UserStatus } from './users.ts'
