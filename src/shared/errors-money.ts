/**
 * The error messages of the money features that came with payments (payments, coupons,
 * refunds, transfers, records, chat): part of ERROR_MESSAGES in errors.ts, in their own file so
 * neither grows past its size limit. The same rules: a stable code, Chinese and English, and a
 * message that says what to do.
 */
import type { LocalizedMessage } from './errors.ts'

export const MONEY_ERROR_MESSAGES = {
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
  // Transfers (src/modules/transfers).
  RECIPIENT_FROZEN: {
    zh: '对方账户已冻结，暂时无法收款',
    en: "The recipient's account is frozen and cannot receive money",
  },
  RECIPIENT_CANNOT_RECEIVE: {
    zh: '对方账户暂时无法收款（未实名或已被限制）',
    en: 'The recipient cannot receive money now (not verified, or restricted)',
  },
  TRANSFER_EXPIRED: {
    zh: '该转账已超过 24 小时未收款，已退还给对方',
    en: 'This transfer was not accepted within 24 hours and went back to the sender',
  },
  TRANSFER_SELF_NOT_ALLOWED: { zh: '不能给自己转账', en: 'You cannot transfer money to yourself' },
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
  PAYABLE_CHANGED: {
    zh: '优惠已用完或已失效，应付金额有变化，本次未扣款。请返回确认新的金额后再付款',
    en: 'The coupon was used up or ended, so the amount to pay changed. Nothing was charged: go back and confirm the new amount',
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
  // WeChat Pay v3 client invocations on our pay page (issue 13, src/modules/merchant-api).
  PAY_SIGN_INVALID: {
    zh: '商户的支付签名无效，请返回商户页面重新发起支付',
    en: "The merchant's payment signature is invalid: go back to the merchant and start again",
  },
  PAY_SIGN_EXPIRED: {
    zh: '支付请求已过期，请返回商户页面重新发起支付',
    en: 'This payment request has expired: go back to the merchant and start again',
  },
  PAY_SIGN_REPLAYED: {
    zh: '该支付请求已被使用过，请返回商户页面重新发起支付',
    en: 'This payment request was already used: go back to the merchant and start again',
  },
  OPENID_MISMATCH: {
    zh: '该订单需由下单的微信零钱用户本人支付，请使用下单时的账户登录',
    en: 'This order can only be paid by the user it was placed for: sign in with that account',
  },
  // Profit sharing (分账, issue 13, src/modules/profit-sharing).
  PROFIT_SHARING_NOT_ENABLED: {
    zh: '该订单下单时未设置分账',
    en: 'The order was not placed with settle_info.profit_sharing',
  },
  PROFIT_SHARING_RECEIVER_UNKNOWN: {
    zh: '分账接收方不存在，请先添加分账接收方',
    en: 'No such receiver: add it first (receivers/add)',
  },
  PROFIT_SHARING_NAME_MISMATCH: {
    zh: '分账接收方全称与账号不匹配',
    en: "The receiver's name does not match its account",
  },
  PROFIT_SHARING_FINISHED: {
    zh: '该订单已解冻，不能再分账',
    en: 'The payment was unfrozen; nothing more can be shared',
  },
  PROFIT_SHARING_RATIO_EXCEEDED: {
    zh: '分账金额超过最大分账比例',
    en: 'The shares exceed the largest ratio of the payment that may be shared',
  },
  PROFIT_SHARING_NO_USED: {
    zh: '商户单号已用于内容不同的请求',
    en: 'The out_order_no or out_return_no was used for a different request',
  },
} as const satisfies Record<string, LocalizedMessage>
