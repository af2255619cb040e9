/**
 * A refund as WeChat Pay v3 shows it (reference §6.6 for the API answer, §5.3 for the
 * REFUND.* notification's resource): amounts in fen, RFC 3339 +08:00 times, the status words
 * our refunds already use (PROCESSING / SUCCESS / ABNORMAL / CLOSED), the money back the way it
 * came (channel ORIGINAL).
 */
import type { Payment } from '../../modules/payments/index.ts'
import type { Refund } from '../../modules/refunds/index.ts'
import { SUPPORTED_BANKS } from '../../shared/bank-card.ts'
import { rfc3339Shanghai } from '../../shared/shanghai-time.ts'

/** Where the customer got the money: '支付用户零钱' or the card ('招商银行借记卡1234'). */
export function userReceivedAccount(payment: Payment): string {
  const method = payment.method
  if (method?.kind !== 'card') return '支付用户零钱'
  const bank = SUPPORTED_BANKS.find((candidate) => candidate.bankCode === method.bankCode)
  return `${bank?.bankNameZh ?? method.bankCode}借记卡${method.last4}`
}

function successTime(refund: Refund) {
  return refund.status === 'SUCCESS' && refund.finishedAtMs !== null
    ? { success_time: rfc3339Shanghai(refund.finishedAtMs) }
    : {}
}

export function refundView(refund: Refund, payment: Payment) {
  return {
    refund_id: refund.id,
    out_refund_no: refund.outRefundNo,
    transaction_id: payment.id,
    out_trade_no: payment.outTradeNo ?? '',
    channel: 'ORIGINAL',
    user_received_account: userReceivedAccount(payment),
    ...successTime(refund),
    create_time: rfc3339Shanghai(refund.createdAtMs),
    status: refund.status,
    funds_account: 'AVAILABLE',
    amount: {
      total: payment.amountFen,
      refund: refund.amountFen,
      from: [],
      payer_total: payment.amountFen,
      payer_refund: refund.amountFen,
      settlement_refund: refund.amountFen,
      settlement_total: payment.amountFen,
      discount_refund: 0,
      currency: 'CNY',
      refund_fee: refund.feeBackFen,
    },
    promotion_detail: [],
  }
}

/** The plaintext of a REFUND.* notification's resource. */
export function refundNoticeResource(refund: Refund, payment: Payment) {
  return {
    mchid: refund.merchantId,
    out_trade_no: payment.outTradeNo ?? '',
    transaction_id: payment.id,
    out_refund_no: refund.outRefundNo,
    refund_id: refund.id,
    refund_status: refund.status,
    ...successTime(refund),
    user_received_account: userReceivedAccount(payment),
    amount: {
      total: payment.amountFen,
      refund: refund.amountFen,
      payer_total: payment.amountFen,
      payer_refund: refund.amountFen,
    },
  }
}
