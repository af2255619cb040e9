/**
 * The single map from error code to HTTP status, and the JSON error body every route returns:
 * `{ code, message: { zh, en }, details? }`. Unknown errors become 500 SYSTEM_ERROR with the
 * cause logged, never shown.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { AssertionError } from '../shared/assert.ts'
import { DomainError, ERROR_MESSAGES, type ErrorCode, isErrorCode } from '../shared/errors.ts'
import { SQLSTATE_CLASS } from '../shared/sqlstate.ts'

export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  INVALID_REQUEST: 400,
  INVALID_AMOUNT: 400,
  IDEMPOTENCY_CONFLICT: 409,
  NOT_FOUND: 404,
  FREQUENCY_LIMITED: 429,
  SYSTEM_BUSY: 503,
  SYSTEM_ERROR: 500,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  PHONE_INVALID: 400,
  PHONE_IN_USE: 409,
  SMS_CODE_WRONG: 400,
  SMS_CODE_EXPIRED: 400,
  SMS_CODE_NOT_REQUESTED: 400,
  SMS_CODE_BURNED: 400,
  ACCOUNT_RESTRICTED: 403,
  APPEAL_PENDING: 409,
  APPEAL_NOT_NEEDED: 409,
  // Payment security.
  ID_NUMBER_INVALID: 400,
  ID_NUMBER_MISMATCH: 400,
  ID_ACCOUNT_LIMIT: 409,
  ALREADY_VERIFIED: 409,
  UNDERAGE: 403,
  KYC_REQUIRED: 403,
  LIMIT_EXCEEDED: 403,
  PAYMENT_PASSWORD_NOT_SET: 409,
  PAYMENT_PASSWORD_ALREADY_SET: 409,
  PAYMENT_PASSWORD_WEAK: 400,
  PIN_WRONG: 400,
  PIN_LOCKED: 403,
  PASSKEY_FAILED: 400,
  SECOND_FACTOR_REQUIRED: 403,
  CARD_NUMBER_INVALID: 400,
  CARD_NOT_SUPPORTED: 422,
  CARD_INFO_MISMATCH: 422,
  CARD_PHONE_MISMATCH: 422,
  CARD_DETAILS_REQUIRED: 400,
  CARD_CANCELLED: 422,
  CARD_EXPIRED: 422,
  CARD_ONLINE_DISABLED: 422,
  CARD_LOCAL_ONLY: 422,
  CARD_FROZEN: 422,
  CARD_ALREADY_BOUND: 409,
  CARD_BIND_LIMIT: 409,
  CARD_NOT_FOUND: 404,
  CARD_TYPE_NOT_ALLOWED: 422,
  RECONCILIATION_DATE_IN_FUTURE: 400,
  BANK_UNAVAILABLE: 503,
  BANK_LIMIT_EXCEEDED: 422,
  BANK_INSUFFICIENT_FUNDS: 422,
  BANK_DECLINED: 422,
  // Operators and appeals.
  OPERATOR_CREDENTIALS_WRONG: 401,
  // 429 like every other "too many tries": clients already wait and retry on it.
  OPERATOR_LOCKED: 429,
  MERCHANT_NOT_FOUND: 404,
  MERCHANT_SUSPENDED: 409,
  MERCHANT_CREDENTIALS_WRONG: 401,
  MERCHANT_LOCKED: 429,
  MERCHANT_USERNAME_TAKEN: 409,
  MERCHANT_API_CREDENTIALS_EXIST: 409,
  // Coupons (merchant-money)
  COUPON_NOT_FOUND: 404,
  COUPON_NOT_ACTIVE: 409,
  COUPON_NOT_APPLICABLE: 409,
  COUPON_EXHAUSTED: 409,
  PAYABLE_CHANGED: 409,
  COUPON_USER_LIMIT: 409,
  COUPON_CAMPAIGNS_LIMIT: 409,
  APPEAL_ALREADY_DECIDED: 409,
  JOB_NOT_FOUND: 404,
  JOB_NOT_FAILED: 409,
  ID_NAME_MISMATCH: 400,
  ID_NUMBER_NOT_FOUND: 400,
  // Ledger.
  NOT_ENOUGH: 409,
  CREDITS_EXCEED_DEBITS: 409,
  ACCOUNT_NOT_FOUND: 404,
  ACCOUNT_FROZEN: 403,
  ACCOUNT_CLOSED: 403,
  CURRENCY_MISMATCH: 400,
  TRANSFER_NOT_FOUND: 404,
  TRANSFER_NOT_PENDING: 409,
  PENDING_EXPIRED: 409,
  PENDING_NOT_EXPIRED: 409,
  AMOUNT_EXCEEDS_PENDING: 400,
  // Refunds.
  REFUND_NOT_FOUND: 404,
  REFUND_NO_CONFLICT: 409,
  REFUND_NOT_ALLOWED: 409,
  REFUND_WINDOW_PASSED: 409,
  REFUND_AMOUNT_EXCEEDS: 409,
  REFUND_COUNT_LIMIT: 409,
  REFUND_MERCHANT_BALANCE_LOW: 409,
  REFUND_NOT_CLOSABLE: 409,
  REFUND_REQUEST_NOT_FOUND: 404,
  REFUND_REQUEST_OPEN: 409,
  REFUND_REQUEST_DECIDED: 409,
  // Transfers.
  RECIPIENT_FROZEN: 409,
  RECIPIENT_CANNOT_RECEIVE: 409,
  TRANSFER_EXPIRED: 409,
  TRANSFER_SELF_NOT_ALLOWED: 400,
  // Records (账单)
  RECORDS_EXPORT_TOO_LARGE: 422,
  // Contacts and chat (issue 12, src/modules/social).
  CONTACT_SELF: 400,
  NOT_CONTACTS: 409,
  CONTACTS_FULL: 409,
  GROUP_FULL: 409,
  // Payments (src/modules/payments).
  PAYMENT_DISABLED: 403,
  ORDER_PAID: 409,
  ORDER_CLOSED: 409,
  ORDER_EXPIRED: 409,
  OUT_TRADE_NO_USED: 409,
  PAYMENT_CODE_INVALID: 400,
  PAYMENT_CODE_EXPIRED: 400,
  PAYMENT_CODE_USED: 409,
  PAYMENT_NOT_PENDING: 409,
  // Red packets (issue 12, src/modules/redpackets).
  REDPACKET_EMPTY: 409,
  REDPACKET_EXPIRED: 410,
  REDPACKET_ALREADY_OPENED: 409,
  REDPACKET_NOT_FOR_YOU: 403,
  REDPACKET_LIMIT: 400,
  // WeChat Pay v3 pay page (issue 13).
  PAY_SIGN_INVALID: 400,
  PAY_SIGN_EXPIRED: 410,
  PAY_SIGN_REPLAYED: 409,
  OPENID_MISMATCH: 403,
  // Profit sharing (src/modules/profit-sharing).
  PROFIT_SHARING_NOT_ENABLED: 409,
  PROFIT_SHARING_RECEIVER_UNKNOWN: 404,
  PROFIT_SHARING_NAME_MISMATCH: 400,
  PROFIT_SHARING_FINISHED: 409,
  PROFIT_SHARING_RATIO_EXCEEDED: 403,
  PROFIT_SHARING_NO_USED: 409,
}

export interface ErrorBody {
  code: ErrorCode
  message: { zh: string; en: string }
  details?: Record<string, unknown>
}

export function errorBody(code: ErrorCode, details?: Record<string, unknown>): ErrorBody {
  const body: ErrorBody = { code, message: ERROR_MESSAGES[code] }
  if (details !== undefined && Object.keys(details).length > 0) body.details = details
  return body
}

export function handleError(
  error: FastifyError | Error,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  if (error instanceof DomainError) {
    void reply.status(STATUS_BY_CODE[error.code]).send(errorBody(error.code, { ...error.details }))
    return
  }
  const fastifyError = error as FastifyError
  if (fastifyError.validation !== undefined) {
    void reply.status(400).send(
      errorBody('INVALID_REQUEST', {
        reason: fastifyError.message,
        fields: fastifyError.validation.map((issue) => issue.instancePath || issue.params),
      }),
    )
    return
  }
  const status = fastifyError.statusCode
  if (status !== undefined && status >= 400 && status < 500 && !(error instanceof AssertionError)) {
    // Malformed JSON, body too large, unsupported media type…: the client's to fix.
    const code: ErrorCode =
      status === 404 ? 'NOT_FOUND' : status === 429 ? 'FREQUENCY_LIMITED' : 'INVALID_REQUEST'
    void reply.status(status).send(errorBody(code, { reason: fastifyError.message }))
    return
  }
  const sqlState = databaseErrorCode(error)
  if (sqlState !== undefined) {
    // Logged without message, detail or parameters: those carry the caller's values.
    request.log.error({ sqlState, route: request.routeOptions.url }, 'database error')
    // Class 22 (data exception: out of range, invalid text, bad date): the input's fault.
    if (sqlState.startsWith(SQLSTATE_CLASS.dataException)) {
      void reply.status(400).send(errorBody('INVALID_REQUEST', { reason: 'value' }))
      return
    }
    void reply.status(500).send(errorBody('SYSTEM_ERROR'))
    return
  }
  request.log.error({ err: error }, 'unhandled error')
  void reply.status(500).send(errorBody('SYSTEM_ERROR'))
}

/** The SQLSTATE of a PostgreSQL/PGlite error, else undefined. */
export function databaseErrorCode(error: unknown): string | undefined {
  if (error === null || typeof error !== 'object') return undefined
  const code = (error as { code?: unknown }).code
  const isDatabase = 'severity' in error || (error as Error).name === 'DatabaseError'
  return isDatabase && typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined
}

/** Fastify's own errors before routing (bad URL, over-long parameter) in the envelope. */
export function frameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const status = error.statusCode !== undefined && error.statusCode < 500 ? error.statusCode : 400
  // Before routing there is no scope yet: the WeChat Pay v3 paths and their sandbox still answer
  // in WeChat's form.
  if (request.url.startsWith('/v3/') || request.url.startsWith('/sandbox/v1/')) {
    void reply.status(status).send({ code: 'PARAM_ERROR', message: error.code })
    return
  }
  void reply.status(status).send(errorBody('INVALID_REQUEST', { reason: error.code }))
}

/** The message of a code an operation failure carries (an unknown code reads as SYSTEM_ERROR). */
export function localizedMessage(code: string): { zh: string; en: string } {
  return isErrorCode(code) ? ERROR_MESSAGES[code] : ERROR_MESSAGES.SYSTEM_ERROR
}
