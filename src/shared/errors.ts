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
  INVALID_AMOUNT: {
    zh: '金额无效：须为大于 0 的整数分',
    en: 'Invalid amount: use a positive whole number of fen',
  },
  IDEMPOTENCY_CONFLICT: {
    zh: '该请求编号已用于另一笔不同的请求',
    en: 'This idempotency key was already used for a different request',
  },
  NOT_FOUND: { zh: '未找到该资源', en: 'Not found' },
  FREQUENCY_LIMITED: {
    zh: '操作过于频繁，请稍后再试',
    en: 'Too many attempts, please try again later',
  },
  SYSTEM_BUSY: {
    zh: '系统繁忙，请稍后用相同参数重试',
    en: 'System busy, please retry with the same parameters',
  },
  SYSTEM_ERROR: { zh: '系统错误，请稍后重试', en: 'Internal error, please try again later' },
  // Identity and sessions.
  UNAUTHENTICATED: { zh: '请先登录', en: 'Please sign in first' },
  FORBIDDEN: { zh: '无权进行此操作', en: 'You are not allowed to do this' },
  PHONE_INVALID: {
    zh: '手机号格式不正确',
    en: 'The phone number is not a valid mainland mobile number',
  },
  PHONE_IN_USE: {
    zh: '该手机号已绑定其他账户',
    en: 'This phone number belongs to another account',
  },
  SMS_CODE_WRONG: { zh: '验证码错误', en: 'The SMS code is wrong' },
  SMS_CODE_EXPIRED: {
    zh: '验证码已失效，请重新获取',
    en: 'The SMS code has expired or was used up; request a new one',
  },
  // No code was ever sent for this phone and purpose (the freeze form stores one even for a
  // phone without an account, so this says nothing about who has one).
  SMS_CODE_NOT_REQUESTED: {
    zh: '尚未获取验证码，请先点击“获取验证码”',
    en: 'No code has been sent yet; tap "Get code" first',
  },
  SMS_CODE_BURNED: {
    zh: '验证码错误次数过多，已失效，请重新获取验证码',
    en: 'Too many wrong tries: this SMS code no longer works; request a new one',
  },
  ACCOUNT_RESTRICTED: {
    zh: '账户已被限制支付，可收款但不能付款',
    en: 'Payments from this account are restricted; it can still receive money',
  },
  APPEAL_PENDING: { zh: '已有申诉正在处理中', en: 'An appeal is already being reviewed' },
  APPEAL_NOT_NEEDED: {
    zh: '账户未被冻结，无需申诉',
    en: 'The account is not frozen; no appeal is needed',
  },
  // Payment security.
  ID_NUMBER_INVALID: {
    zh: '身份证号码有误，请核对后重新输入',
    en: 'The ID number is not valid; check it and try again',
  },
  ID_NUMBER_MISMATCH: {
    zh: '身份证号与实名信息不一致',
    en: 'The ID number does not match your verified identity',
  },
  ID_ACCOUNT_LIMIT: {
    zh: '该身份证已实名认证的账户数量已达上限',
    en: 'This ID number has already verified the maximum number of accounts',
  },
  ALREADY_VERIFIED: { zh: '账户已完成实名认证', en: 'The account is already verified' },
  UNDERAGE: {
    zh: '未满规定年龄，暂不能开通支付功能',
    en: 'You are below the minimum age for payments',
  },
  KYC_REQUIRED: { zh: '请先完成实名认证', en: 'Please verify your real name first' },
  LIMIT_EXCEEDED: {
    zh: '超出账户余额支付限额，请绑定本人银行卡提升账户等级',
    en: 'This exceeds the balance-payment limit of your account class; bind a card in your name to raise it',
  },
  PAYMENT_PASSWORD_NOT_SET: { zh: '请先设置支付密码', en: 'Please set a payment password first' },
  PAYMENT_PASSWORD_ALREADY_SET: {
    zh: '支付密码已设置，如需更改请使用修改或找回支付密码',
    en: 'The payment password is already set; change or reset it instead',
  },
  PAYMENT_PASSWORD_WEAK: {
    zh: '支付密码过于简单：不能是相同数字、连续数字或生日',
    en: 'The payment password is too easy to guess: no repeated digits, runs or birth dates',
  },
  PIN_WRONG: { zh: '支付密码错误', en: 'The payment password is wrong' },
  PIN_LOCKED: {
    zh: '支付密码错误次数过多，支付已暂时锁定，可找回支付密码解锁',
    en: 'Too many wrong payment passwords: payments are locked for a while; reset the password to unlock',
  },
  PASSKEY_FAILED: {
    zh: '指纹/面容验证未通过，请使用支付密码',
    en: 'Biometric verification failed; please use your payment password',
  },
  SECOND_FACTOR_REQUIRED: {
    zh: '本次支付需要短信验证码',
    en: 'This payment needs an SMS verification code',
  },
  // Banks and cards.
  CARD_NUMBER_INVALID: {
    zh: '卡号有误，请核对后重新输入',
    en: 'The card number is not valid; check it and try again',
  },
  CARD_NOT_SUPPORTED: {
    zh: '暂不支持该银行或卡种，请换一张卡',
    en: 'This bank or kind of card is not supported; please use another card',
  },
  CARD_INFO_MISMATCH: {
    // Expiry and CVN only exist for credit cards: details.cardType CREDIT adds them (web).
    zh: '银行卡信息与实名信息或银行预留信息不一致，请核对卡号',
    en: 'The card details do not match your verified name or the bank records; check the card number',
  },
  CARD_PHONE_MISMATCH: {
    zh: '手机号与银行预留手机号不一致；如已在银行更换手机号，请等待生效或联系银行',
    en: 'The phone differs from the one on file at the bank; if you changed it there, wait for it to take effect or contact the bank',
  },
  CARD_DETAILS_REQUIRED: {
    zh: '信用卡需填写有效期和安全码',
    en: 'Credit cards need the expiry date and CVN',
  },
  CARD_CANCELLED: {
    zh: '该卡已注销，请换一张卡',
    en: 'This card has been cancelled; please use another card',
  },
  CARD_EXPIRED: {
    zh: '该卡已过期，请联系银行换卡或换一张卡',
    en: 'This card has expired; ask your bank for a new one or use another card',
  },
  CARD_ONLINE_DISABLED: {
    zh: '该卡未开通网上支付/快捷支付，请联系银行开通后再试',
    en: 'Online (quick) payments are not enabled for this card; ask your bank to enable them',
  },
  CARD_LOCAL_ONLY: {
    zh: '该卡为本地卡，不支持网上支付，请换一张卡',
    en: 'This is a local-only card and cannot be used online; please use another card',
  },
  CARD_FROZEN: {
    zh: '该卡已被银行冻结，请联系银行',
    en: 'The bank has frozen this card; please contact your bank',
  },
  CARD_ALREADY_BOUND: {
    zh: '该卡已绑定在你的账户',
    en: 'This card is already bound to your account',
  },
  CARD_BIND_LIMIT: {
    zh: '绑卡数量已达上限（每张卡最多绑定5个账户，每个账户最多10张卡）',
    en: 'Card binding limit reached (a card on at most 5 accounts, an account with at most 10 cards)',
  },
  CARD_NOT_FOUND: { zh: '未找到该银行卡', en: 'Card not found' },
  CARD_TYPE_NOT_ALLOWED: {
    zh: '该卡种不支持此操作：充值和提现仅支持储蓄卡',
    en: 'This kind of card cannot be used here: top-ups and withdrawals need a debit card',
  },
  RECONCILIATION_DATE_IN_FUTURE: {
    zh: '对账日期不能晚于今天（北京时间）',
    en: 'The reconciliation date cannot be after today (Shanghai time)',
  },
  BANK_UNAVAILABLE: {
    zh: '银行系统维护中，请稍后再试',
    en: 'The bank is unavailable (maintenance); please try again later',
  },
  BANK_LIMIT_EXCEEDED: {
    zh: '超出银行卡单笔或单日限额，请换卡或减少金额',
    en: "The amount exceeds the card's single or daily limit; use another card or a smaller amount",
  },
  BANK_INSUFFICIENT_FUNDS: { zh: '银行卡余额不足', en: 'Not enough money on the bank card' },
  BANK_DECLINED: {
    zh: '银行拒绝了该交易，请联系银行',
    en: 'The bank declined the transaction; please contact your bank',
  },
  // Operators and appeals.
  OPERATOR_CREDENTIALS_WRONG: { zh: '用户名或密码错误', en: 'The username or password is wrong' },
  OPERATOR_LOCKED: {
    zh: '密码错误次数过多，账号已暂时锁定',
    en: 'Too many wrong passwords: this operator account is locked for a while',
  },
  // Merchants and their staff (the merchant console).
  MERCHANT_NOT_FOUND: { zh: '商户不存在', en: 'There is no such merchant' },
  MERCHANT_SUSPENDED: {
    zh: '该商户已暂停服务，请联系平台客服',
    en: 'This merchant is suspended: contact platform support',
  },
  MERCHANT_CREDENTIALS_WRONG: {
    zh: '用户名或密码错误',
    en: 'The username or password is wrong',
  },
  MERCHANT_LOCKED: {
    zh: '密码错误次数过多，账号已暂时锁定，请稍后再试',
    en: 'Too many wrong passwords: this account is locked for a while, try again later',
  },
  MERCHANT_USERNAME_TAKEN: {
    zh: '该用户名已被使用，请换一个',
    en: 'This username is taken: choose another',
  },
  APPEAL_ALREADY_DECIDED: { zh: '该申诉已处理', en: 'This appeal has already been decided' },
  JOB_NOT_FOUND: { zh: '未找到该后台任务', en: 'Job not found' },
  JOB_NOT_FAILED: {
    zh: '该任务未处于失败状态，无需重试（可能已被他人重试）',
    en: 'This job has not failed, so it cannot be retried (someone may have retried it already)',
  },
  ID_NAME_MISMATCH: {
    zh: '姓名与身份证号不一致',
    en: 'The name and ID number do not match our record',
  },
  ID_NUMBER_NOT_FOUND: {
    zh: '未查询到该身份证号的登记信息，请核对后重新输入',
    en: 'No record of this ID number was found; check it and try again',
  },
  // The WeChat Pay v3 merchant API (merchant-api).
  MERCHANT_API_CREDENTIALS_EXIST: {
    zh: '该商户已有 API 凭据，不能再上传公钥',
    en: 'This merchant already has API credentials; a public key can no longer be uploaded',
  },
  // Ledger.
  NOT_ENOUGH: {
    zh: '余额不足，请充值或换一张银行卡支付',
    en: 'Insufficient balance: top up or pay with a card',
  },
  CREDITS_EXCEED_DEBITS: {
    zh: '入账金额超过该账户允许的上限',
    en: 'The credit would exceed what this account allows',
  },
  ACCOUNT_NOT_FOUND: { zh: '账户不存在', en: 'Account not found' },
  ACCOUNT_FROZEN: {
    zh: '账户已冻结，资金暂不能变动',
    en: 'The account is frozen; no money can move',
  },
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
  // Refunds (src/modules/refunds).
  REFUND_NOT_FOUND: { zh: '退款单不存在', en: 'Refund not found' },
  REFUND_NO_CONFLICT: {
    zh: '该退款单号已用于另一笔不同的退款，请换一个退款单号',
    en: 'This refund number was already used for a different refund: use another number',
  },
  REFUND_NOT_ALLOWED: {
    zh: '该笔交易未支付成功，不能退款',
    en: 'This payment did not succeed, so it cannot be refunded',
  },
  REFUND_WINDOW_PASSED: {
    zh: '该笔交易已超过可退款期限（支付后一年内）',
    en: 'This payment is past its refund window (one year after paying)',
  },
  REFUND_AMOUNT_EXCEEDS: {
    zh: '退款金额超过可退金额',
    en: 'The refund is more than what is left to refund',
  },
  REFUND_COUNT_LIMIT: {
    zh: '该笔交易退款次数已达上限',
    en: 'This payment has had the most refunds allowed',
  },
  REFUND_MERCHANT_BALANCE_LOW: {
    zh: '商户待结算余额不足，暂不能退款，请在有新收款后再试',
    en: "The merchant's unsettled balance cannot cover this refund: try again after new takings",
  },
  REFUND_NOT_CLOSABLE: {
    zh: '该退款单当前状态不能执行此操作',
    en: 'This refund cannot be changed in its current status',
  },
  REFUND_REQUEST_NOT_FOUND: { zh: '退款申请不存在', en: 'Refund request not found' },
  REFUND_REQUEST_OPEN: {
    zh: '该笔交易已有处理中的退款申请，请等待处理结果',
    en: 'This payment already has a refund request being handled: wait for its answer',
  },
  REFUND_REQUEST_DECIDED: {
    zh: '该退款申请已处理',
    en: 'This refund request has already been decided',
  },
  // Records (账单)
  RECORDS_EXPORT_TOO_LARGE: {
    zh: '记录太多，无法一次导出，请缩小筛选范围',
    en: 'Too many records to export at once; narrow the filter',
  },
  // Contacts and chat (issue 12, src/modules/social).
  CONTACT_SELF: { zh: '不能添加自己为联系人', en: 'You cannot add yourself as a contact' },
  NOT_CONTACTS: {
    zh: '对方还不是你的联系人，请先添加',
    en: 'This person is not your contact yet; add them first',
  },
  CONTACTS_FULL: { zh: '联系人数量已达上限', en: 'The contact list is full' },
  GROUP_FULL: { zh: '群成员已达上限', en: 'The group has reached its member limit' },
  // Red packets (issue 12, src/modules/redpackets).
  REDPACKET_EMPTY: { zh: '手慢了，红包派完了', en: 'Too late: this red packet is empty' },
  REDPACKET_EXPIRED: {
    zh: '该红包已超过24小时，未领取的金额已退回',
    en: 'This red packet expired after 24 hours; what was left went back to the sender',
  },
  REDPACKET_ALREADY_OPENED: {
    zh: '你已领取过该红包',
    en: 'You have already opened this red packet',
  },
  REDPACKET_NOT_FOR_YOU: {
    zh: '该红包不是发给你的',
    en: 'This red packet is not for you',
  },
  REDPACKET_LIMIT: {
    zh: '红包金额或个数不符合规则',
    en: 'The red packet breaks a rule on amount or number of shares',
  },
  // Payments (issue 11, the payment core: src/modules/payments).
  PAYMENT_DISABLED: {
    zh: '付款码已暂停使用，请在支付设置中开启后再付款',
    en: 'Your payment code is turned off: turn it on in pay settings first',
  },
  ORDER_PAID: {
    zh: '该订单已支付（或正在支付），请勿重复付款',
    en: 'This order is already paid (or being paid): do not pay it again',
  },
  ORDER_CLOSED: {
    zh: '该订单已关闭，请联系商户重新下单',
    en: 'This order is closed: ask the merchant for a new one',
  },
  ORDER_EXPIRED: {
    zh: '该订单已过期，请联系商户重新下单',
    en: 'This order has expired: ask the merchant for a new one',
  },
  OUT_TRADE_NO_USED: {
    zh: '商户订单号已用于另一笔不同的订单，请换一个订单号',
    en: 'This merchant order number was already used for a different order: use a new number',
  },
  PAYMENT_CODE_INVALID: {
    zh: '付款码无效，请让顾客刷新付款码后重新扫码',
    en: 'The payment code is not valid: ask the customer to refresh it and scan again',
  },
  PAYMENT_CODE_EXPIRED: {
    zh: '付款码已过期（有效期 1 分钟），请让顾客刷新后重新扫码',
    en: 'The payment code has expired (valid 1 minute): ask the customer to refresh it',
  },
  PAYMENT_CODE_USED: {
    zh: '付款码已使用过，请让顾客刷新后重新扫码',
    en: 'The payment code was already used: ask the customer to refresh it',
  },
  PAYMENT_NOT_PENDING: {
    zh: '该笔支付已不在等待确认状态（可能已完成、已取消或已超时）',
    en: 'This payment is no longer waiting for confirmation (done, cancelled or timed out)',
  },
  // Coupons (merchant-money)
  COUPON_NOT_FOUND: { zh: '优惠活动不存在', en: 'There is no such coupon campaign' },
  COUPON_NOT_ACTIVE: {
    zh: '该优惠不在活动时间内或已结束，请按原价支付',
    en: 'This coupon is not running now (not started or ended); pay the full amount',
  },
  COUPON_NOT_APPLICABLE: {
    zh: '订单金额未达到优惠门槛，或优惠金额不符',
    en: 'The amount does not reach the coupon threshold, or the discount does not match',
  },
  COUPON_EXHAUSTED: {
    zh: '优惠预算已用完，请按原价支付',
    en: "The coupon's budget is used up; pay the full amount",
  },
  COUPON_USER_LIMIT: {
    zh: '你已用完此优惠的次数',
    en: 'You have used this coupon as many times as allowed',
  },
  COUPON_CAMPAIGNS_LIMIT: {
    zh: '进行中的优惠活动已达上限，请先结束一个活动',
    en: 'Too many running campaigns; end one first',
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
