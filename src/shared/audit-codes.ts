/**
 * @module audit-codes
 * Every code the audit log stores and the admin console shows: the actions, the keys of their
 * details, the detail values that are codes rather than free text, and the status reasons the
 * system (not an operator) writes. One list each, so the console can label every one of them in
 * both languages (a test fails when a label is missing) and `audit.record` accepts no other
 * action.
 */

export const AUDIT_ACTIONS = [
  'user.signed_up',
  'session.signed_in',
  'session.signed_out_everywhere',
  'user.phone_changed',
  'account.frozen',
  'account.restricted',
  'account.restored',
  'account.class_raised',
  'kyc.verified',
  'kyc.failed',
  'pin.set',
  'pin.changed',
  'pin.reset',
  'pin.reset_failed',
  'pin.failed',
  'pin.locked',
  'passkey.added',
  'passkey.removed',
  'passkey.failed',
  'second_factor.enabled',
  'second_factor.disabled',
  'rules.security_changed',
  'appeal.submitted',
  'appeal.approved',
  'appeal.rejected',
  'appeal.identity_mismatch',
  'card.bound',
  'card.unbound',
  'operator.sign_in_failed',
  'operator.signed_in',
  'operator.locked',
  'operator.signed_out',
  'merchant.created',
  'merchant.suspended',
  'merchant.activated',
  'job.retried',
  // Refunds: an operator's hand on a stuck card refund or an escalated request.
  'refund.retried',
  'refund.closed',
  'refund_request.approved',
  'refund_request.rejected',
] as const
export type AuditAction = (typeof AUDIT_ACTIONS)[number]

export function isAuditAction(text: string): text is AuditAction {
  return (AUDIT_ACTIONS as readonly string[]).includes(text)
}

/** The keys an action's `detail` may hold (security rule names are labelled as such too). */
export const AUDIT_DETAIL_KEYS = [
  'deviceName',
  'newDevice',
  'sessions',
  'by',
  'sessionsRevoked',
  'reason',
  'from',
  'to',
  'appealId',
  'check',
  'unlockAtMs',
  'attemptsLeft',
  'bankCode',
  'last4',
  'idNumber',
  'accountClass',
  'username',
  'merchantId',
  // job.retried: which job, and the error it had failed with.
  'jobId',
  'jobKind',
  'jobKey',
  'errorCode',
  // refund.* and refund_request.*: which refund or request, of which payment, how much.
  'refundId',
  'requestId',
  'paymentId',
  'amountFen',
  // rules.security_changed holds the changed security rules by name.
  'idAccountsMax',
  'realNameFailuresPerDayMax',
  'minAgeYears',
  'adultAgeYears',
  'minorYearLimitFen',
  'classLimits',
  'pinAttemptsMax',
  'pinLockMs',
  'webauthnChallengeTtlMs',
  'passkeysPerUserMax',
  'secondFactorAboveFen',
  // …and classLimits holds { period, limitFen } per account class.
  'period',
  'limitFen',
] as const
export type AuditDetailKey = (typeof AUDIT_DETAIL_KEYS)[number]

/**
 * Detail values that are codes: failure reasons, who froze an account, how an appeal proved
 * identity, and the reason text the platform writes when it raises an account class.
 */
export const AUDIT_DETAIL_CODES = [
  'self',
  'sms',
  'real_name',
  'NAME_MISMATCH',
  'ID_NUMBER_MISMATCH',
  'unknown_username',
  'locked',
  'wrong_password',
  'NO_PASSKEYS',
  'CREDENTIAL_UNKNOWN',
  'RESPONSE_INVALID',
  'CHALLENGE_UNKNOWN',
  'CHALLENGE_EXPIRED',
  'CHALLENGE_MISMATCH',
  'same-name bank card bound',
  'LIFETIME',
  'YEAR',
] as const
export type AuditDetailCode = (typeof AUDIT_DETAIL_CODES)[number]

export function isAuditDetailCode(text: string): text is AuditDetailCode {
  return (AUDIT_DETAIL_CODES as readonly string[]).includes(text)
}

/** Status reasons the platform writes itself; an operator's reason is free text. */
export const STATUS_REASON_CODES = ['self_freeze', 'demo_freeze'] as const
export type StatusReasonCode = (typeof STATUS_REASON_CODES)[number]

export const AUDIT_ACTOR_KINDS = ['user', 'operator', 'system'] as const
export type AuditActorKind = (typeof AUDIT_ACTOR_KINDS)[number]
