/**
 * Paying merchants (issue 11, the payment core): the customer's checkout, pay, payment code
 * (付款码), 免密 settings and pending (USERPAYING) payments under `/api/v1/pay/*`; the merchant
 * console's orders (动态码), static code (收款码), payment-code collection, payments and today's
 * takings under `/api/v1/merchant/*`. Amounts in fen; failures are the error envelope with a
 * stable code (NOT_ENOUGH, BANK_LIMIT_EXCEEDED, ORDER_PAID, LIMIT_EXCEEDED with rule/left/reset…).
 *
 * Customer (user session):
 *   GET  /api/v1/pay/checkout/orders/:orderToken                  → Checkout
 *   GET  /api/v1/pay/checkout/merchants/:merchantCode?amountFen=   → Checkout
 *   POST /api/v1/pay/orders/:orderToken/payments   OrderPayRequest  → PaymentView
 *   POST /api/v1/pay/merchants/:merchantCode/payments StaticPayRequest → PaymentView
 *   POST /api/v1/pay/payment-codes                                 → IssuedPaymentCode (refresh = again)
 *   GET  /api/v1/pay/payment-codes/:code/image?kind=qr|barcode&format=png|svg → image
 *   GET  /api/v1/pay/settings → PaySettings;  PUT /api/v1/pay/settings PaySettingsUpdate → PaySettings
 *   GET  /api/v1/pay/pending                                       → PendingPayments (USERPAYING)
 *   POST /api/v1/pay/pending/:paymentId/confirm  PendingConfirmRequest → PaymentView
 *   POST /api/v1/pay/pending/:paymentId/cancel                     → PaymentView
 *   GET  /api/v1/pay/payments/:paymentId                           → PaymentView
 * Merchant console (staff session):
 *   POST /api/v1/merchant/orders  OrderCreateRequest → OrderView (201 new, 200 same re-submit)
 *   GET  /api/v1/merchant/orders?status&cursor&limit → OrderList
 *   GET  /api/v1/merchant/orders/:orderId → OrderView; POST …/:orderId/close → OrderView
 *   GET  /api/v1/merchant/orders/:orderId/image?kind&format → image of payUrl
 *   GET  /api/v1/merchant/static-code → StaticCodeView; GET /api/v1/merchant/static-code/image
 *   POST /api/v1/merchant/code-payments  CodeCollectRequest → MerchantPaymentView
 *   GET  /api/v1/merchant/payments?fromMs&toMs&status&cursor&limit → MerchantPaymentList
 *   GET  /api/v1/merchant/payments/:paymentId → MerchantPaymentView (the cashier polls it)
 *   GET  /api/v1/merchant/takings/today → Takings
 */
import { type Static, Type } from 'typebox'
import {
  AmountFen,
  Count,
  Details,
  Fen,
  Id,
  Localized,
  Nullable,
  PageLimit,
  strict,
  TimestampMs,
} from './common.ts'
import { PayPageAuthorization, PaymentAuthorization } from './confirmation.ts'

/** The payments module's limits and vocabularies (routes pin them equal at compile time). */
export const OUT_TRADE_NO_PATTERN = '^[A-Za-z0-9_\\-|*]{6,32}$'
export const DESCRIPTION_LENGTH_MAX = 127
export const NOTE_LENGTH_MAX = 64
export const ATTACH_LENGTH_MAX = 128
export const PAYMENT_PAGE_SIZE_MAX = 100
export const PAYMENT_CHANNELS = ['ORDER', 'STATIC', 'CODE'] as const
export const PAYMENT_STATUSES = ['USERPAYING', 'PROCESSING', 'SUCCESS', 'FAILED', 'CLOSED'] as const
export const REFUND_STATUSES = ['NONE', 'PARTIAL', 'FULL'] as const
export const ORDER_STATUSES = ['NOTPAY', 'USERPAYING', 'PAID', 'CLOSED', 'EXPIRED'] as const
export const METHOD_UNAVAILABLE_REASONS = [
  'NOT_ENOUGH',
  'CARD_ONLINE_DISABLED',
  'BANK_LIMIT_EXCEEDED',
  'CARD_UNUSABLE',
] as const

export const PaymentChannel = Type.Enum(PAYMENT_CHANNELS, {
  description: 'ORDER: 动态码 order; STATIC: 收款码, amount typed by the customer; CODE: 付款码',
})
export const PaymentStatus = Type.Enum(PAYMENT_STATUSES, {
  description:
    'USERPAYING: waits for the customer to confirm on the phone; PROCESSING: the bank has not ' +
    'answered yet (settled by a job); SUCCESS; FAILED (failure says why); CLOSED: cancelled or ' +
    'not confirmed in time',
})
export type PaymentStatus = Static<typeof PaymentStatus>
export const RefundStatus = Type.Enum(REFUND_STATUSES)
export const OrderStatus = Type.Enum(ORDER_STATUSES)
export type OrderStatus = Static<typeof OrderStatus>
export const OutTradeNo = Type.String({
  pattern: OUT_TRADE_NO_PATTERN,
  description: "The merchant's own order number (商户订单号), unique per merchant",
})
export const Description = Type.String({ minLength: 1, maxLength: DESCRIPTION_LENGTH_MAX })
/** 28 digits (4200…), as WeChat Pay's transaction_id. */
export const PaymentId = Type.String({ pattern: '^[0-9]{28}$' })
export const OrderToken = Type.String({ pattern: '^[A-Za-z0-9_-]{16,64}$' })
export const MerchantCode = Type.String({ pattern: '^[A-Za-z0-9_-]{8,64}$' })
/** 18 digits, 10–15 first: the customer's one-time payment code. */
export const AuthCode = Type.String({ pattern: '^1[0-5][0-9]{16}$' })
export const IdempotencyKey = Type.String({ minLength: 1, maxLength: 64, pattern: '^[\\w.:-]+$' })

export const MerchantBrief = Type.Object({
  id: Type.String(),
  name: Type.String({ description: 'Store name' }),
  category: Type.String(),
})

/** How the customer pays: the balance (零钱) or a bound card charged through its bank. */
export const PayMethod = Type.Union([
  Type.Object({ kind: Type.Literal('balance') }, strict),
  Type.Object({ kind: Type.Literal('card'), cardId: Id }, strict),
])
export type PayMethod = Static<typeof PayMethod>

export const PaymentMethodView = Type.Union([
  Type.Object({ kind: Type.Literal('balance') }),
  Type.Object({
    kind: Type.Literal('card'),
    cardId: Type.String(),
    bankCode: Type.String(),
    last4: Type.String(),
  }),
])

export const Failure = Type.Object({ code: Type.String(), message: Localized, details: Details })

/** A coupon on a payment (the campaign's name as it was when paid). */
export const PaymentCoupon = Nullable(
  Type.Object({ campaignId: Type.String(), name: Type.String() }),
)

/** A payment as its customer sees it. */
export const PaymentView = Type.Object({
  id: PaymentId,
  channel: PaymentChannel,
  status: PaymentStatus,
  /** The amount (what the merchant receives). */
  amountFen: Fen(),
  /** A coupon took this much off (0 without one). */
  discountFen: Fen(),
  /** What the customer pays: amountFen − discountFen. */
  payableFen: Fen(),
  coupon: PaymentCoupon,
  merchant: MerchantBrief,
  description: Type.String(),
  note: Nullable(Type.String()),
  orderId: Nullable(Type.String()),
  outTradeNo: Nullable(Type.String()),
  method: Nullable(PaymentMethodView),
  failure: Nullable(Failure),
  refundStatus: RefundStatus,
  refundedFen: Fen(),
  createdAtMs: TimestampMs(),
  paidAtMs: Nullable(TimestampMs()),
  /** USERPAYING: confirm before this, or it closes. */
  confirmByMs: Nullable(TimestampMs()),
})
export type PaymentView = Static<typeof PaymentView>

/** A payment as its merchant sees it (the cashier polls it). */
export const MerchantPaymentView = Type.Object({
  id: PaymentId,
  channel: PaymentChannel,
  status: PaymentStatus,
  amountFen: Fen(),
  discountFen: Fen(),
  coupon: PaymentCoupon,
  feeFen: Fen(),
  description: Type.String(),
  note: Nullable(Type.String()),
  orderId: Nullable(Type.String()),
  outTradeNo: Nullable(Type.String()),
  method: Nullable(
    Type.Object({ kind: Type.Enum(['balance', 'card']), bankCode: Nullable(Type.String()) }),
  ),
  payer: Type.Object({ maskedName: Type.String({ description: "'*丰'" }) }),
  failure: Nullable(Failure),
  refundStatus: RefundStatus,
  refundedFen: Fen(),
  createdAtMs: TimestampMs(),
  paidAtMs: Nullable(TimestampMs()),
})
export type MerchantPaymentView = Static<typeof MerchantPaymentView>

export const PaymentParams = Type.Object({ paymentId: PaymentId })

// ——— Consumer: checkout and pay ———

export const MethodOption = Type.Object({
  method: PaymentMethodView,
  label: Localized,
  available: Type.Boolean(),
  reason: Nullable(
    Type.Object({
      code: Type.Enum(METHOD_UNAVAILABLE_REASONS),
      message: Localized,
      details: Details,
    }),
  ),
})
export type MethodOption = Static<typeof MethodOption>

export const LimitView = Type.Object({
  rule: Type.String({ description: "e.g. 'STATIC_QR_DAILY' (PBoC D level: ¥500/day)" }),
  limitFen: Fen(),
  remainingFen: Fen(),
  resetsAtMs: TimestampMs(),
})
export type LimitView = Static<typeof LimitView>

export const OrderBrief = Type.Object({
  id: Type.String(),
  outTradeNo: OutTradeNo,
  description: Type.String(),
  amountFen: Fen(),
  status: OrderStatus,
  expiresAtMs: TimestampMs(),
})

/** What the confirm page shows before the payment password. */
export const Checkout = Type.Object({
  channel: Type.Enum(['ORDER', 'STATIC']),
  merchant: MerchantBrief,
  order: Nullable(OrderBrief),
  /** Order: its amount; static code: the amount asked for (null before one is typed). */
  amountFen: Nullable(Fen()),
  methods: Type.Array(MethodOption),
  defaultMethod: Nullable(PaymentMethodView),
  /** Static code: the customer's D-level daily limit. */
  limit: Nullable(LimitView),
  /** The best coupon now (redeemed with the payment; gone by then → full price). */
  coupon: Nullable(
    Type.Object({
      campaignId: Type.String(),
      name: Type.String(),
      discountFen: Fen(),
      payableFen: Fen(),
      fundedBy: Type.Enum(['merchant', 'platform']),
    }),
  ),
})
export type Checkout = Static<typeof Checkout>

export const OrderTokenParams = Type.Object({ orderToken: OrderToken })
export const MerchantCodeParams = Type.Object({ merchantCode: MerchantCode })
export const StaticCheckoutQuery = Type.Object({ amountFen: Type.Optional(AmountFen()) })

export const OrderPayRequest = Type.Object(
  { idempotencyKey: IdempotencyKey, payMethod: PayMethod, ...PayPageAuthorization },
  strict,
)
export type OrderPayRequest = Static<typeof OrderPayRequest>

export const StaticPayRequest = Type.Object(
  {
    idempotencyKey: IdempotencyKey,
    amountFen: AmountFen(),
    note: Type.Optional(Type.String({ maxLength: NOTE_LENGTH_MAX })),
    payMethod: PayMethod,
    ...PayPageAuthorization,
  },
  strict,
)
export type StaticPayRequest = Static<typeof StaticPayRequest>

// ——— Consumer: payment code, 免密 settings, pending confirmations ———

export const IssuedPaymentCode = Type.Object({
  code: AuthCode,
  expiresAtMs: TimestampMs(),
  /** The page asks for a fresh code at this time (earlier codes stop working). */
  refreshAtMs: TimestampMs(),
})
export type IssuedPaymentCode = Static<typeof IssuedPaymentCode>
export const PaymentCodeParams = Type.Object({ code: AuthCode })

export const ImageQuery = Type.Object({
  kind: Type.Optional(Type.Enum(['qr', 'barcode'], { default: 'qr' })),
  format: Type.Optional(Type.Enum(['png', 'svg'], { default: 'png' })),
})
export type ImageQuery = Static<typeof ImageQuery>
/** An image route answers image/png or image/svg+xml; listed for the OpenAPI document only. */
export const ImageBody = Type.String({ description: 'image/png or image/svg+xml' })

export const PaySettings = Type.Object({
  passwordless: Type.Object({
    enabled: Type.Boolean(),
    perPaymentFen: Fen(),
    dailyFen: Fen(),
    perPaymentMaxFen: Fen(),
    dailyMaxFen: Fen(),
    usedTodayFen: Fen(),
    resetsAtMs: TimestampMs(),
  }),
  paymentCodeEnabled: Type.Boolean(),
  defaultMethod: PaymentMethodView,
})
export type PaySettings = Static<typeof PaySettings>

export const PaySettingsUpdate = Type.Object(
  {
    passwordless: Type.Optional(
      Type.Object(
        {
          enabled: Type.Boolean(),
          perPaymentFen: Type.Optional(AmountFen()),
          dailyFen: Type.Optional(AmountFen()),
        },
        strict,
      ),
    ),
    paymentCodeEnabled: Type.Optional(Type.Boolean()),
    defaultMethod: Type.Optional(PayMethod),
    /** Needed to turn 免密 on or raise its limits. */
    paymentPassword: Type.Optional(Type.String({ maxLength: 64 })),
  },
  strict,
)
export type PaySettingsUpdate = Static<typeof PaySettingsUpdate>

export const PendingPayments = Type.Object({ payments: Type.Array(PaymentView) })
export type PendingPayments = Static<typeof PendingPayments>

export const PendingConfirmRequest = Type.Object(
  { payMethod: PayMethod, ...PaymentAuthorization },
  strict,
)
export type PendingConfirmRequest = Static<typeof PendingConfirmRequest>

// ——— Merchant console ———

export const OrderView = Type.Object({
  id: Type.String(),
  outTradeNo: OutTradeNo,
  amountFen: Fen(),
  description: Type.String(),
  attach: Nullable(Type.String()),
  status: OrderStatus,
  expiresAtMs: TimestampMs(),
  createdAtMs: TimestampMs(),
  closedAtMs: Nullable(TimestampMs()),
  /** The QR content: `<LQ_PUBLIC_URL>/pay/o/<token>`. */
  payUrl: Type.String(),
  paymentId: Nullable(PaymentId),
})
export type OrderView = Static<typeof OrderView>

export const OrderCreateRequest = Type.Object(
  {
    outTradeNo: OutTradeNo,
    amountFen: AmountFen(),
    description: Description,
    /** Default 2 hours; at most 7 days. */
    expiresInSeconds: Type.Optional(Type.Integer({ minimum: 60, maximum: 7 * 24 * 3600 })),
    attach: Type.Optional(Type.String({ maxLength: ATTACH_LENGTH_MAX })),
  },
  strict,
)
export type OrderCreateRequest = Static<typeof OrderCreateRequest>

export const OrderParams = Type.Object({ orderId: Id })
export const OutTradeNoParams = Type.Object({ outTradeNo: OutTradeNo })
export const OrderListQuery = Type.Object({
  status: Type.Optional(OrderStatus),
  cursor: Type.Optional(Type.String({ maxLength: 100 })),
  limit: Type.Optional(PageLimit(PAYMENT_PAGE_SIZE_MAX)),
})
export const OrderList = Type.Object({
  orders: Type.Array(OrderView),
  nextCursor: Nullable(Type.String()),
})
export type OrderList = Static<typeof OrderList>

export const StaticCodeView = Type.Object({
  merchantCode: MerchantCode,
  /** The QR content: `<LQ_PUBLIC_URL>/pay/m/<merchantCode>`. */
  payUrl: Type.String(),
  /** Per customer per day (PBoC D level). */
  dailyLimitFen: Fen(),
})
export type StaticCodeView = Static<typeof StaticCodeView>

export const CodeCollectRequest = Type.Object(
  {
    outTradeNo: OutTradeNo,
    authCode: AuthCode,
    amountFen: AmountFen(),
    description: Description,
    attach: Type.Optional(Type.String({ maxLength: ATTACH_LENGTH_MAX })),
  },
  strict,
)
export type CodeCollectRequest = Static<typeof CodeCollectRequest>

export const MerchantPaymentQuery = Type.Object({
  fromMs: Type.Optional(TimestampMs()),
  toMs: Type.Optional(TimestampMs()),
  status: Type.Optional(PaymentStatus),
  cursor: Type.Optional(Type.String({ maxLength: 100 })),
  limit: Type.Optional(PageLimit(PAYMENT_PAGE_SIZE_MAX)),
})
export const MerchantPaymentList = Type.Object({
  payments: Type.Array(MerchantPaymentView),
  nextCursor: Nullable(Type.String()),
})
export type MerchantPaymentList = Static<typeof MerchantPaymentList>

export const Takings = Type.Object({
  dayStartMs: TimestampMs(),
  count: Count(),
  grossFen: Fen(),
})
export type Takings = Static<typeof Takings>
