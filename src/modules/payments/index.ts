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
import { checkoutOrder, checkoutStatic } from './checkout.ts'
import { cancelPending, collectByCode, confirmPending, getPayment, listPending } from './collect.ts'
import { renderImage } from './images.ts'
import { listPaidPayments, type PaidPaymentsQuery } from './bill-views.ts'
import {
  getMerchantPayment,
  getRefundablePayment,
  listMerchantPayments,
  merchantTakings,
  noteRefunded,
} from './merchant-views.ts'
import { closeOrder, createOrder, getOrder, listOrders } from './orders.ts'
import { payOrder, payStatic } from './pay.ts'
import { paySettings, updatePaySettings } from './pay-settings.ts'
import { assertOwnPaymentCode, issuePaymentCode } from './payment-codes.ts'
import type {
  CodeCollectInput,
  ImageFormat,
  ImageKind,
  MerchantPaymentQuery,
  OrderInput,
  OrderPayRequest,
  OrderRef,
  OrderStatus,
  PayConfirmation,
  PaymentRef,
  PaySettingsUpdate,
  StaticPayRequest,
} from './payment-types.ts'
import { resolveUnsettled } from './resolve.ts'
import { staticCode } from './static-codes.ts'

export { DEFAULT_PAYMENT_RULES, type OrderPaid, type PaymentRules } from './context.ts'
export * from './payment-types.ts'
export { BILL_PAGE_SIZE_MAX, type PaidPaymentsQuery } from './bill-views.ts'

export interface PaymentsDeps extends Omit<PaymentsContext, 'db' | 'quota' | 'rules'> {
  db: Db
  bank: BankConnector
  clock: Clock
  rules?: Partial<PaymentRules>
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
  return {
    /** Idempotent by out_trade_no: same content → that order (created false); else OUT_TRADE_NO_USED. */
    createOrder: (merchantId: string, input: OrderInput) => createOrder(ctx, merchantId, input),
    getOrder: (merchantId: string, ref: OrderRef) => getOrder(ctx, merchantId, ref),
    closeOrder: (merchantId: string, ref: OrderRef) => closeOrder(ctx, merchantId, ref),
    listOrders: (
      merchantId: string,
      query: {
        status?: OrderStatus | undefined
        cursor?: string | undefined
        limit?: number | undefined
      },
    ) => listOrders(ctx, merchantId, query),
    staticCode: (merchantId: string) => staticCode(ctx, merchantId),
    /** 付款码: SUCCESS (免密), USERPAYING (the customer confirms), PROCESSING (bank) or throws. */
    collectByCode: (merchantId: string, input: CodeCollectInput) =>
      collectByCode(ctx, merchantId, input),
    getMerchantPayment: (merchantId: string, paymentId: string) =>
      getMerchantPayment(ctx, merchantId, paymentId),
    listMerchantPayments: (merchantId: string, query: MerchantPaymentQuery) =>
      listMerchantPayments(ctx, merchantId, query),
    merchantTakings: (merchantId: string, dayStartMs: number) =>
      merchantTakings(ctx, merchantId, dayStartMs),
    /** For bills: payments paid in [fromMs, toMs), oldest first, keyset-paged. */
    listPaidPayments: (merchantId: string, query: PaidPaymentsQuery) =>
      listPaidPayments(ctx, merchantId, query),
    /** For refunds: a paid payment (NOT_FOUND unless SUCCESS), with what was refunded so far. */
    getRefundablePayment: (merchantId: string, ref: PaymentRef) =>
      getRefundablePayment(ctx, merchantId, ref),
    /** `executor`: the refund's own transaction, so the payment and its record change with it. */
    noteRefunded: (paymentId: string, refundedTotalFen: number, executor?: Db) =>
      noteRefunded(ctx, paymentId, refundedTotalFen, executor as PaymentsDb | undefined),
  }
}

/** Checkout, pay, the payment code, 免密 settings, pending confirmations. */
function customerSide(ctx: PaymentsContext) {
  return {
    checkoutOrder: (userId: string, orderToken: string) => checkoutOrder(ctx, userId, orderToken),
    checkoutStatic: (userId: string, merchantCode: string, amountFen?: number) =>
      checkoutStatic(ctx, userId, merchantCode, amountFen),
    payOrder: (userId: string, orderToken: string, request: OrderPayRequest) =>
      payOrder(ctx, userId, orderToken, request),
    payStatic: (userId: string, merchantCode: string, request: StaticPayRequest) =>
      payStatic(ctx, userId, merchantCode, request),
    /** A new code; the user's earlier codes stop working. */
    issuePaymentCode: (userId: string) => issuePaymentCode(ctx, userId),
    /** The code's owner may draw it while it works; anyone else NOT_FOUND. */
    assertOwnPaymentCode: (userId: string, code: string) => assertOwnPaymentCode(ctx, userId, code),
    settings: (userId: string) => paySettings(ctx, userId),
    updateSettings: (userId: string, update: PaySettingsUpdate) =>
      updatePaySettings(ctx, userId, update),
    listPending: (userId: string) => listPending(ctx, userId),
    confirmPending: (userId: string, paymentId: string, request: PayConfirmation) =>
      confirmPending(ctx, userId, paymentId, request),
    cancelPending: (userId: string, paymentId: string) => cancelPending(ctx, userId, paymentId),
    getPayment: (userId: string, paymentId: string) => getPayment(ctx, userId, paymentId),
  }
}

/** The resolver job, images, URLs, rules. */
function jobSide(ctx: PaymentsContext) {
  return {
    rules: (): Readonly<PaymentRules> => ctx.rules,
    /** Settles PROCESSING payments the bank left unanswered, closes unconfirmed USERPAYING ones. */
    resolveUnsettled: (options?: { olderThanMs?: number; limit?: number }) =>
      resolveUnsettled(ctx, options),
    image: (content: string, kind: ImageKind, format: ImageFormat) =>
      renderImage(content, kind, format),
    orderPayUrl: (token: string): string => `${ctx.publicUrl}/pay/o/${token}`,
    /** The hook run in the transaction that pays an order (see PaymentsContext.onOrderPaid). */
    setOnOrderPaid: (hook: NonNullable<PaymentsContext['onOrderPaid']>) => {
      ctx.onOrderPaid = hook
    },
  }
}

export type PaymentsService = ReturnType<typeof createPaymentsService>
