/**
 * The payments module's public vocabulary: what a payment, an order, a checkout and the 免密
 * settings are, as the HTTP layer, refunds, settlement and the WeChat Pay v3 API read them.
 */
import type { ErrorCode } from '../../shared/errors.ts'
import type { ConfirmMethod } from '../identity/index.ts'

export const PAYMENT_CHANNELS = ['ORDER', 'STATIC', 'CODE'] as const
export type PaymentChannel = (typeof PAYMENT_CHANNELS)[number]
export const PAYMENT_STATUSES = ['USERPAYING', 'PROCESSING', 'SUCCESS', 'FAILED', 'CLOSED'] as const
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number]
export const REFUND_STATUSES = ['NONE', 'PARTIAL', 'FULL'] as const
export type RefundStatus = (typeof REFUND_STATUSES)[number]
export const ORDER_STATUSES = ['NOTPAY', 'USERPAYING', 'PAID', 'CLOSED', 'EXPIRED'] as const
export type OrderStatus = (typeof ORDER_STATUSES)[number]
export const METHOD_UNAVAILABLE_REASONS = [
  'NOT_ENOUGH',
  'CARD_ONLINE_DISABLED',
  'BANK_LIMIT_EXCEEDED',
  'CARD_UNUSABLE',
] as const
export type MethodUnavailableReason = (typeof METHOD_UNAVAILABLE_REASONS)[number]

export const OUT_TRADE_NO_PATTERN = '^[A-Za-z0-9_\\-|*]{6,32}$'
export const DESCRIPTION_LENGTH_MAX = 127
export const NOTE_LENGTH_MAX = 64
export const ATTACH_LENGTH_MAX = 128
export const PAYMENT_PAGE_SIZE_MAX = 100

/** What the customer chose to pay with. */
export type PayMethod = { kind: 'balance' } | { kind: 'card'; cardId: string }

/** What a payment was paid with (the card as bank + last 4). */
export type PaymentMethod =
  { kind: 'balance' } | { kind: 'card'; cardId: string; bankCode: string; last4: string }

export interface Payment {
  /** 28 digits starting 4200, as WeChat Pay's transaction_id. */
  id: string
  merchantId: string
  merchantName: string
  merchantCategory: string
  userId: string
  payerMaskedName: string
  channel: PaymentChannel
  status: PaymentStatus
  orderId: string | null
  outTradeNo: string | null
  /** The payment's amount: what the merchant receives (the order's amount). */
  amountFen: number
  /** A coupon's part of it (0 without one), funded by the merchant or the platform. */
  discountFen: number
  /** What the payer pays: amountFen − discountFen. */
  payableFen: number
  coupon: { campaignId: string; name: string } | null
  feeFen: number
  description: string
  note: string | null
  /** Null while USERPAYING: the customer picks the method when confirming. */
  method: PaymentMethod | null
  failure: { code: ErrorCode; details: Record<string, unknown> } | null
  refundStatus: RefundStatus
  refundedFen: number
  createdAtMs: number
  paidAtMs: number | null
  confirmByMs: number | null
}

export interface Order {
  id: string
  merchantId: string
  outTradeNo: string
  amountFen: number
  description: string
  attach: string | null
  notifyUrl: string | null
  status: OrderStatus
  expiresAtMs: number
  createdAtMs: number
  closedAtMs: number | null
  /** `<publicUrl>/pay/o/<token>`: the QR content. */
  payUrl: string
  token: string
  paymentId: string | null
}

/** What createOrder takes: the WeChat Pay v3 native order's fields. */
export interface OrderInput {
  outTradeNo: string
  amountFen: number
  description: string
  expiresAtMs: number
  notifyUrl?: string | undefined
  attach?: string | undefined
}

export type OrderRef = { orderId: string } | { outTradeNo: string }
export type PaymentRef = { paymentId: string } | { outTradeNo: string }

export interface OrderPage {
  orders: Order[]
  nextCursor: string | null
}

export interface StaticCode {
  merchantCode: string
  payUrl: string
  dailyLimitFen: number
}

/** A limit as the customer reads it: the rule, what is left and when it starts over. */
export interface LimitState {
  rule: string
  limitFen: number
  remainingFen: number
  resetsAtMs: number
}

export interface MethodOption {
  method: PaymentMethod
  label: { zh: string; en: string }
  available: boolean
  reason: {
    code: MethodUnavailableReason
    message: { zh: string; en: string }
    details: Record<string, unknown>
  } | null
}

export interface Checkout {
  channel: 'ORDER' | 'STATIC'
  merchant: { id: string; name: string; category: string }
  order: {
    id: string
    outTradeNo: string
    description: string
    amountFen: number
    status: OrderStatus
    expiresAtMs: number
  } | null
  amountFen: number | null
  methods: MethodOption[]
  defaultMethod: PaymentMethod | null
  limit: LimitState | null
  /** The best eligible offer for this payer and amount now (null: none, or no amount yet). */
  coupon: CheckoutCoupon | null
}

export interface CheckoutCoupon {
  campaignId: string
  name: string
  discountFen: number
  /** What the payer will pay: the amount less the discount. */
  payableFen: number
  fundedBy: 'merchant' | 'platform'
}

/** The confirmation every customer-initiated payment carries. */
export interface PayConfirmation {
  payMethod: PayMethod
  method: ConfirmMethod
  smsCode?: string | undefined
  ip?: string | undefined
}

export interface OrderPayRequest extends PayConfirmation {
  idempotencyKey: string
  /** What the confirm page showed would be paid; anything else is refused (PAYABLE_CHANGED). */
  payableFen?: number | undefined
}

export interface StaticPayRequest extends OrderPayRequest {
  amountFen: number
  note?: string | undefined
}

/** The cashier's 付款码 collection (WeChat Pay v3 micropay's fields). */
export interface CodeCollectInput {
  outTradeNo: string
  authCode: string
  amountFen: number
  description: string
  attach?: string | undefined
}

export interface IssuedPaymentCode {
  code: string
  expiresAtMs: number
  refreshAtMs: number
}

export interface PaySettings {
  passwordless: {
    enabled: boolean
    perPaymentFen: number
    dailyFen: number
    perPaymentMaxFen: number
    dailyMaxFen: number
    usedTodayFen: number
    resetsAtMs: number
  }
  paymentCodeEnabled: boolean
  defaultMethod: PaymentMethod
}

export interface PaySettingsUpdate {
  passwordless?: { enabled: boolean; perPaymentFen?: number; dailyFen?: number } | undefined
  paymentCodeEnabled?: boolean | undefined
  defaultMethod?: PayMethod | undefined
  paymentPassword?: string | undefined
  ip?: string | undefined
}

export interface MerchantPaymentQuery {
  fromMs?: number | undefined
  toMs?: number | undefined
  status?: PaymentStatus | undefined
  cursor?: string | undefined
  limit?: number | undefined
}

export interface MerchantPaymentPage {
  payments: Payment[]
  nextCursor: string | null
}

/** What the refunds module needs of a paid payment. */
export interface RefundablePayment {
  paymentId: string
  merchantId: string
  userId: string
  outTradeNo: string | null
  /** The payment's amount (what the merchant received; refunds split it pro rata). */
  amountFen: number
  feeFen: number
  /** A coupon's part of amountFen and the account that funded it (refund-split rule). */
  discountFen: number
  couponFunderAccountId: number | null
  method: { kind: 'balance' } | { kind: 'card'; cardId: string; bankCode: string }
  paidAtMs: number
  status: PaymentStatus
  refundedFen: number
}

export interface Takings {
  dayStartMs: number
  count: number
  grossFen: number
}

export type ImageKind = 'qr' | 'barcode'
export type ImageFormat = 'png' | 'svg'
export interface RenderedImage {
  contentType: 'image/png' | 'image/svg+xml'
  body: Buffer
}
