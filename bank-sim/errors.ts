/**
 * @module errors
 * Every answer the simulated banks give besides success: one code, one HTTP status and a
 * bilingual message that tells the user what to do next. Body shape:
 * `{ code, message: { zh, en }, ...details }`.
 */

export interface LocalizedMessage {
  zh: string
  en: string
}

export type ErrorDetails = Record<string, string | number | boolean | readonly string[]>

interface CatalogueEntry {
  httpStatus: number
  message: (details: ErrorDetails) => LocalizedMessage
}

const fixed = (zh: string, en: string) => (): LocalizedMessage => ({ zh, en })

function yuanText(amountFen: unknown): string {
  if (typeof amountFen !== 'number') return '?'
  return `¥${(amountFen / 100).toFixed(2)}`
}

export const BANK_ERRORS = {
  INVALID_REQUEST: {
    httpStatus: 400,
    message: fixed('请求格式不正确', 'The request is malformed'),
  },
  CREDIT_CARD_DETAILS_REQUIRED: {
    httpStatus: 400,
    message: fixed(
      '信用卡需要填写有效期和安全码（卡背面三位数字）',
      'Credit cards need the expiry date and the 3-digit security code on the back',
    ),
  },
  BANK_NOT_FOUND: {
    httpStatus: 404,
    message: fixed(
      '暂不支持该银行的卡，请换一张卡',
      'Cards of this bank are not handled here; please use another card',
    ),
  },
  CARD_NOT_FOUND: {
    httpStatus: 404,
    message: fixed(
      '银行查无此卡，请核对卡号',
      'The bank has no card with this number; please check the card number',
    ),
  },
  CARD_INFO_MISMATCH: {
    httpStatus: 422,
    message: fixed(
      '姓名、身份证号、有效期或安全码与银行记录不一致，请核对后重试',
      'Name, ID number, expiry or security code differ from the bank’s records; please check them',
    ),
  },
  CARD_PHONE_MISMATCH: {
    httpStatus: 422,
    message: fixed(
      '手机号与银行预留手机号不一致，请输入办卡时预留的手机号，或到银行更新预留手机号',
      'The phone differs from the one registered at the bank; ' +
        'use that phone or update it at the bank',
    ),
  },
  CARD_CANCELLED: {
    httpStatus: 422,
    message: fixed(
      '该卡已注销，请换一张卡',
      'This card has been cancelled; please use another card',
    ),
  },
  CARD_EXPIRED: {
    httpStatus: 422,
    message: fixed(
      '该卡已过期，请到银行换领新卡或换一张卡',
      'This card has expired; get a replacement from the bank or use another card',
    ),
  },
  CARD_ONLINE_DISABLED: {
    httpStatus: 422,
    message: fixed(
      '该卡未开通网上支付（快捷支付），请联系银行开通后重试，或换一张卡',
      'Online (quick) payments are not enabled for this card; ' +
        'ask the bank to enable them, or use another card',
    ),
  },
  CARD_LOCAL_ONLY: {
    httpStatus: 422,
    message: fixed(
      '该卡为本地卡，仅限发卡地使用，不支持线上支付，请换一张卡',
      'This card works only in its home region and not online; please use another card',
    ),
  },
  CARD_FROZEN: {
    httpStatus: 422,
    message: fixed(
      '该卡已被冻结，请联系发卡银行处理',
      'This card is frozen; please contact the issuing bank',
    ),
  },
  INSUFFICIENT_FUNDS: {
    httpStatus: 422,
    message: fixed(
      '银行卡余额或可用额度不足，请换一张卡或减少金额',
      'Not enough balance or credit on the card; use another card or a smaller amount',
    ),
  },
  BANK_LIMIT_EXCEEDED: {
    httpStatus: 422,
    message: (details) => {
      const scopeZh = details.scope === 'DAILY' ? '单日' : '单笔'
      const scopeEn = details.scope === 'DAILY' ? 'daily' : 'per-payment'
      const limit = yuanText(details.limitFen)
      const remaining = yuanText(details.remainingFen)
      return {
        zh: `超出银行卡${scopeZh}限额（${limit}），今日最多还可付 ${remaining}，请减少金额或换卡`,
        en:
          `Over the card’s ${scopeEn} limit (${limit}); at most ${remaining} more today; ` +
          'lower the amount or use another card',
      }
    },
  },
  NOT_A_DEBIT_CARD: {
    httpStatus: 422,
    message: fixed(
      '充值和提现只能使用储蓄卡（借记卡），请换一张储蓄卡',
      'Top-ups and withdrawals need a debit card; please use a debit card',
    ),
  },
  NOT_A_CREDIT_CARD: {
    httpStatus: 422,
    message: fixed('还款只能还到信用卡', 'Repayments can only go to a credit card'),
  },
  ACCOUNT_BALANCE_LIMIT: {
    httpStatus: 422,
    message: fixed(
      '入账后账户余额将超出上限，请联系银行',
      'The account would exceed its balance cap; please contact the bank',
    ),
  },
  REQUEST_ID_CONFLICT: {
    httpStatus: 409,
    message: fixed(
      '该请求号已用于另一笔不同的请求',
      'This requestId was already used for a different request',
    ),
  },
  REQUEST_NOT_FOUND: {
    httpStatus: 404,
    message: fixed(
      '银行未处理过该请求，可视为未发生',
      'The bank never processed this request; treat it as not having happened',
    ),
  },
  BANK_UNAVAILABLE: {
    httpStatus: 503,
    message: fixed(
      '银行系统维护中，请稍后再试或换一张其他银行的卡',
      'The bank is under maintenance; try again later or use a card of another bank',
    ),
  },
  BANK_INTERNAL_ERROR: {
    httpStatus: 500,
    message: fixed('银行系统繁忙，请稍后再试', 'The bank’s system is busy; please try again later'),
  },
  BANK_TIMEOUT: {
    httpStatus: 504,
    message: fixed(
      '银行处理超时，结果未知，请查询后再重试',
      'The bank timed out and the outcome is unknown; query the request before retrying',
    ),
  },
  BANK_STORAGE_FULL: {
    httpStatus: 503,
    message: fixed(
      '模拟银行的记录已满，请清空数据目录后重启',
      'The simulated bank’s books are full; clear its data directory and restart it',
    ),
  },
  ROUTE_NOT_FOUND: {
    httpStatus: 404,
    message: fixed('接口不存在', 'No such endpoint'),
  },
} satisfies Record<string, CatalogueEntry>

export type BankErrorCode = keyof typeof BANK_ERRORS

/** An operating error: the expected "no" of a bank, answered as `{ code, message, ...details }`. */
export class BankError extends Error {
  override readonly name = 'BankError'
  constructor(
    readonly code: BankErrorCode,
    readonly details: ErrorDetails = {},
  ) {
    super(code)
  }

  get httpStatus(): number {
    return BANK_ERRORS[this.code].httpStatus
  }

  toBody(): Record<string, unknown> {
    return errorBody(this.code, this.details)
  }
}

export function errorBody(
  code: BankErrorCode,
  details: ErrorDetails = {},
): Record<string, unknown> {
  // Details first so that they can never overwrite `code` or `message`.
  return { ...details, code, message: BANK_ERRORS[code].message(details) }
}

export function isBankErrorCode(value: string): value is BankErrorCode {
  return Object.hasOwn(BANK_ERRORS, value)
}
