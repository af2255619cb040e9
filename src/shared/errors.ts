/**
 * @module errors
 * Operating errors: expected failures a user or client can act on. Each has a stable code (the
 * API contract, greppable like Fastify's FST_ERR_*) and a message in Chinese and English. The
 * HTTP status of each code lives in one map in `src/http/errors.ts`.
 */

export interface LocalizedMessage {
  zh: string
  en: string
}

export const ERROR_MESSAGES = {
  // Request shape and idempotency.
  INVALID_REQUEST: { zh: '请求参数有误', en: 'The request is invalid' },
  INVALID_AMOUNT: { zh: '金额无效：须为大于 0 的整数分', en: 'Invalid amount: use a positive whole number of fen' },
  IDEMPOTENCY_CONFLICT: {
    zh: '该请求编号已用于另一笔不同的请求',
    en: 'This idempotency key was already used for a different request',
  },
  NOT_FOUND: { zh: '未找到该资源', en: 'Not found' },
  FREQUENCY_LIMITED: { zh: '操作过于频繁，请稍后再试', en: 'Too many attempts, please try again later' },
  SYSTEM_BUSY: { zh: '系统繁忙，请稍后用相同参数重试', en: 'System busy, please retry with the same parameters' },
  SYSTEM_ERROR: { zh: '系统错误，请稍后重试', en: 'Internal error, please try again later' },
  // Identity and sessions.
  UNAUTHENTICATED: { zh: '请先登录', en: 'Please sign in first' },
  FORBIDDEN: { zh: '无权进行此操作', en: 'You are not allowed to do this' },
  PHONE_INVALID: { zh: '手机号格式不正确', en: 'The phone number is not a valid mainland mobile number' },
  PHONE_IN_USE: { zh: '该手机号已绑定其他账户', en: 'This phone number belongs to another account' },
  SMS_CODE_WRONG: { zh: '验证码错误', en: 'The SMS code is wrong' },
  SMS_CODE_EXPIRED: {
    zh: '验证码已失效，请重新获取',
    en: 'The SMS code has expired or was used up; request a new one',
  },
  ACCOUNT_RESTRICTED: {
    zh: '账户已被限制支付，可收款但不能付款',
    en: 'Payments from this account are restricted; it can still receive money',
  },
  APPEAL_PENDING: { zh: '已有申诉正在处理中', en: 'An appeal is already being reviewed' },
  APPEAL_NOT_NEEDED: { zh: '账户未被冻结，无需申诉', en: 'The account is not frozen; no appeal is needed' },
  // Ledger.
  NOT_ENOUGH: { zh: '余额不足', en: 'Insufficient balance' },
  CREDITS_EXCEED_DEBITS: {
    zh: '入账金额超过该账户允许的上限',
    en: 'The credit would exceed what this account allows',
  },
  ACCOUNT_NOT_FOUND: { zh: '账户不存在', en: 'Account not found' },
  ACCOUNT_FROZEN: { zh: '账户已冻结，资金暂不能变动', en: 'The account is frozen; no money can move' },
  ACCOUNT_CLOSED: { zh: '账户已注销', en: 'The account is closed' },
  CURRENCY_MISMATCH: { zh: '币种不一致', en: 'Currencies do not match' },
  TRANSFER_NOT_FOUND: { zh: '交易不存在', en: 'Transfer not found' },
  TRANSFER_NOT_PENDING: {
    zh: '该笔交易已处理完毕，不能再次确认或撤销',
    en: 'The transfer is no longer pending',
  },
  PENDING_EXPIRED: { zh: '该笔交易已超时', en: 'The pending transfer has expired' },
  PENDING_NOT_EXPIRED: { zh: '该笔交易尚未超时', en: 'The pending transfer has not expired yet' },
  AMOUNT_EXCEEDS_PENDING: {
    zh: '确认金额超过冻结金额',
    en: 'The amount exceeds the pending amount',
  },
} as const satisfies Record<string, LocalizedMessage>

export type ErrorCode = keyof typeof ERROR_MESSAGES

export function isErrorCode(value: string): value is ErrorCode {
  return Object.hasOwn(ERROR_MESSAGES, value)
}

/** An expected failure with a stable code; `details` are safe to show to the caller. */
export class DomainError extends Error {
  override readonly name = 'DomainError'
  readonly code: ErrorCode
  readonly details: Readonly<Record<string, unknown>>

  constructor(code: ErrorCode, details: Record<string, unknown> = {}) {
    super(`${code}: ${ERROR_MESSAGES[code].en}`)
    this.code = code
    this.details = details
  }

  get localized(): LocalizedMessage {
    return ERROR_MESSAGES[this.code]
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError
}
