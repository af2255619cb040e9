/**
 * @module payments
 * The payment core (issue 11): every way a customer pays a merchant ends here. Orders (动态码,
 * from the console or the WeChat Pay v3 API: idempotent by out_trade_no), each merchant's static
 * code (收款码, amount typed by the customer, PBoC D-level daily limit), the customer's one-time
 * payment code (付款码, collected by the cashier; 免密 within the user's limits, else USERPAYING
 * until confirmed on the phone). Methods: the balance (one posted ledger transfer) or a bound
 * card debited through its bank (a pending hold posted or voided by the bank's answer, a job
 * settles what the bank left unanswered). Each status change upserts the customer's record.
 *
 * @example
 * const payments = createPaymentsService({ db, clock, ledger, bank, identity, security,
 *   merchants, cards, balanceAccount: wallet.balanceAccount, records, publicUrl })
 * const { order } = await payments.createOrder(mchid, { outTradeNo: 'A20261207001',
 *   amountFen: 2_350, description: '拿铁', expiresAtMs: now + 7_200_000 })
 * const paid = await payments.payOrder(userId, order.token, { idempotencyKey: 'k1',
 *   payMethod: { kind: 'balance' }, method: { kind: 'password', password } })
 */
import type { BankConnector } from '../../adapters/bank/index.ts'
import type { Clock } from '../../adapters/clock/index.ts'
import type { Db } from '../../adapters/db/index.ts'
import { createQuota } from '../quota/index.ts'
import {
  DEFAULT_PAYMENT_RULES,
  type PaymentRules,
  type PaymentsContext,
  type PaymentsDb,
} from './context.ts'
import type {
  Checkout,
  CodeCollectInput,
  ImageFormat,
  ImageKind,
  IssuedPaymentCode,
  MerchantPaymentPage,
  MerchantPaymentQuery,
  Order,
  OrderInput,
  OrderPage,
  OrderPayRequest,
  OrderRef,
  OrderStatus,
  PayConfirmation,
  Payment,
  PaymentRef,
  PaySettings,
  PaySettingsUpdate,
  RefundablePayment,
  RenderedImage,
  StaticCode,
  StaticPayRequest,
  Takings,
} from './payment-types.ts'

export { DEFAULT_PAYMENT_RULES, type PaymentRules } from './context.ts'
export * from './payment-types.ts'

export interface PaymentsDeps extends Omit<PaymentsContext, 'db' | 'quota' | 'rules'> {
  db: Db
  bank: BankConnector
  clock: Clock
  rules?: Partial<PaymentRules>
}

const notYet = (): never => {
  throw new Error('payments: not implemented yet')
}

export function createPaymentsService(deps: PaymentsDeps) {
  const ctx: PaymentsContext = {
    ...deps,
    db: deps.db as PaymentsDb,
    quota: createQuota({ db: deps.db, clock: deps.clock }),
    rules: { ...DEFAULT_PAYMENT_RULES, ...deps.rules },
    publicUrl: deps.publicUrl.replace(/\/+$/, ''),
  }
  return { ...merchantSide(ctx), ...customerSide(ctx), ...jobSide(ctx) }
}

/** Orders, the static code, collecting a payment code; refunds' and settlement's views. */
function merchantSide(ctx: PaymentsContext) {
  void ctx
  return {
    /** Idempotent by out_trade_no: same content → the same order (created false); else OUT_TRADE_NO_USED. */
    createOrder: (
      merchantId: string,
      input: OrderInput,
    ): Promise<{ order: Order; created: boolean }> => notYet(),
    getOrder: (merchantId: string, ref: OrderRef): Promise<Order> => notYet(),
    closeOrder: (merchantId: string, ref: OrderRef): Promise<Order> => notYet(),
    listOrders: (
      merchantId: string,
      query: { status?: OrderStatus; cursor?: string; limit?: number },
    ): Promise<OrderPage> => notYet(),
    staticCode: (merchantId: string): Promise<StaticCode> => notYet(),
    /** 付款码: SUCCESS (免密), USERPAYING (customer confirms), PROCESSING (bank pending) or throws. */
    collectByCode: (
      merchantId: string,
      input: CodeCollectInput,
    ): Promise<{ payment: Payment; created: boolean }> => notYet(),
    getMerchantPayment: (merchantId: string, paymentId: string): Promise<Payment> => notYet(),
    listMerchantPayments: (
      merchantId: string,
      query: MerchantPaymentQuery,
    ): Promise<MerchantPaymentPage> => notYet(),
    merchantTakings: (merchantId: string, dayStartMs: number): Promise<Takings> => notYet(),
    // For refunds (and settlement): a paid payment, and its refunded total.
    getRefundablePayment: (merchantId: string, ref: PaymentRef): Promise<RefundablePayment> =>
      notYet(),
    /** `executor`: the refund's own transaction, so the payment and its record change with it. */
    noteRefunded: (paymentId: string, refundedTotalFen: number, executor?: Db): Promise<Payment> =>
      notYet(),
  }
}

/** Checkout, pay, the payment code, 免密 settings, pending confirmations. */
function customerSide(ctx: PaymentsContext) {
  void ctx
  return {
    checkoutOrder: (userId: string, orderToken: string): Promise<Checkout> => notYet(),
    checkoutStatic: (userId: string, merchantCode: string, amountFen?: number): Promise<Checkout> =>
      notYet(),
    payOrder: (userId: string, orderToken: string, request: OrderPayRequest): Promise<Payment> =>
      notYet(),
    payStatic: (
      userId: string,
      merchantCode: string,
      request: StaticPayRequest,
    ): Promise<Payment> => notYet(),
    issuePaymentCode: (userId: string): Promise<IssuedPaymentCode> => notYet(),
    /** The code's owner may draw it; anyone else NOT_FOUND. */
    assertOwnPaymentCode: (userId: string, code: string): Promise<void> => notYet(),
    settings: (userId: string): Promise<PaySettings> => notYet(),
    updateSettings: (userId: string, update: PaySettingsUpdate): Promise<PaySettings> => notYet(),
    listPending: (userId: string): Promise<Payment[]> => notYet(),
    confirmPending: (
      userId: string,
      paymentId: string,
      request: PayConfirmation,
    ): Promise<Payment> => notYet(),
    cancelPending: (userId: string, paymentId: string): Promise<Payment> => notYet(),
    getPayment: (userId: string, paymentId: string): Promise<Payment> => notYet(),
  }
}

/** The resolver job, images, URLs, rules. */
function jobSide(ctx: PaymentsContext) {
  return {
    rules: (): Readonly<PaymentRules> => ctx.rules,
    /** Settles PROCESSING payments the bank left unanswered, closes unconfirmed USERPAYING ones. */
    resolveUnsettled: (options?: { olderThanMs?: number; limit?: number }): Promise<number> =>
      notYet(),
    image: (content: string, kind: ImageKind, format: ImageFormat): Promise<RenderedImage> =>
      notYet(),
    orderPayUrl: (token: string): string => `${ctx.publicUrl}/pay/o/${token}`,
  }
}

export type PaymentsService = ReturnType<typeof createPaymentsService>
