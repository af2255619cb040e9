/** Payments as the API shows them (contract views), and the pins that keep contract and module equal. */
import type {
  ATTACH_LENGTH_MAX as MODULE_ATTACH_LENGTH_MAX,
  DESCRIPTION_LENGTH_MAX as MODULE_DESCRIPTION_LENGTH_MAX,
  NOTE_LENGTH_MAX as MODULE_NOTE_LENGTH_MAX,
  Order,
  OrderStatus as ModuleOrderStatus,
  OUT_TRADE_NO_PATTERN as MODULE_OUT_TRADE_NO_PATTERN,
  Payment,
  PAYMENT_PAGE_SIZE_MAX as MODULE_PAGE_SIZE_MAX,
  PaymentStatus as ModulePaymentStatus,
  RenderedImage,
} from '../../modules/payments/index.ts'
import type { Same } from '../contract/common.ts'
import type {
  ATTACH_LENGTH_MAX,
  DESCRIPTION_LENGTH_MAX,
  MerchantPaymentView,
  NOTE_LENGTH_MAX,
  OrderStatus,
  OrderView,
  OUT_TRADE_NO_PATTERN,
  PAYMENT_PAGE_SIZE_MAX,
  PaymentStatus,
  PaymentView,
} from '../contract/payments.ts'
import { localizedMessage } from '../errors.ts'
import type { FastifyReply } from 'fastify'

// The contract restates the module's limits and statuses; these fail to compile if they drift.
const contractMatches: [
  Same<typeof OUT_TRADE_NO_PATTERN, typeof MODULE_OUT_TRADE_NO_PATTERN>,
  Same<typeof DESCRIPTION_LENGTH_MAX, typeof MODULE_DESCRIPTION_LENGTH_MAX>,
  Same<typeof NOTE_LENGTH_MAX, typeof MODULE_NOTE_LENGTH_MAX>,
  Same<typeof ATTACH_LENGTH_MAX, typeof MODULE_ATTACH_LENGTH_MAX>,
  Same<typeof PAYMENT_PAGE_SIZE_MAX, typeof MODULE_PAGE_SIZE_MAX>,
  Same<PaymentStatus, ModulePaymentStatus>,
  Same<OrderStatus, ModuleOrderStatus>,
] = [true, true, true, true, true, true, true]
void contractMatches

function failureView(payment: Payment) {
  const failure = payment.failure
  return failure === null ? null : { ...failure, message: localizedMessage(failure.code) }
}

export function toPaymentView(payment: Payment): PaymentView {
  return {
    id: payment.id,
    channel: payment.channel,
    status: payment.status,
    amountFen: payment.amountFen,
    discountFen: payment.discountFen,
    payableFen: payment.payableFen,
    coupon: payment.coupon,
    merchant: {
      id: payment.merchantId,
      name: payment.merchantName,
      category: payment.merchantCategory,
    },
    description: payment.description,
    note: payment.note,
    orderId: payment.orderId,
    outTradeNo: payment.outTradeNo,
    method: payment.method,
    failure: failureView(payment),
    refundStatus: payment.refundStatus,
    refundedFen: payment.refundedFen,
    createdAtMs: payment.createdAtMs,
    paidAtMs: payment.paidAtMs,
    confirmByMs: payment.confirmByMs,
  }
}

export function toMerchantPaymentView(payment: Payment): MerchantPaymentView {
  const method = payment.method
  return {
    id: payment.id,
    channel: payment.channel,
    status: payment.status,
    amountFen: payment.amountFen,
    discountFen: payment.discountFen,
    coupon: payment.coupon,
    feeFen: payment.feeFen,
    description: payment.description,
    note: payment.note,
    orderId: payment.orderId,
    outTradeNo: payment.outTradeNo,
    method:
      method === null
        ? null
        : { kind: method.kind, bankCode: method.kind === 'card' ? method.bankCode : null },
    payer: { maskedName: payment.payerMaskedName },
    failure: failureView(payment),
    refundStatus: payment.refundStatus,
    refundedFen: payment.refundedFen,
    createdAtMs: payment.createdAtMs,
    paidAtMs: payment.paidAtMs,
  }
}

export function toOrderView(order: Order): OrderView {
  return {
    id: order.id,
    outTradeNo: order.outTradeNo,
    amountFen: order.amountFen,
    description: order.description,
    attach: order.attach,
    status: order.status,
    expiresAtMs: order.expiresAtMs,
    createdAtMs: order.createdAtMs,
    closedAtMs: order.closedAtMs,
    payUrl: order.payUrl,
    paymentId: order.paymentId,
  }
}

export function sendImage(reply: FastifyReply, image: RenderedImage) {
  return reply.type(image.contentType).header('cache-control', 'no-store').send(image.body)
}
