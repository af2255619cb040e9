/**
 * An order as WeChat Pay v3 shows it (reference §6.3): trade_state from our order status,
 * amounts in fen, times RFC 3339 +08:00, the payer as an openid that is stable per app and
 * user and reveals neither.
 */
import { createHash } from 'node:crypto'
import type { Order, Payment } from '../../modules/payments/index.ts'
import { rfc3339Shanghai } from '../../shared/shanghai-time.ts'

export function openIdFor(appId: string, userId: string): string {
  return `o${createHash('sha256').update(`${appId}:${userId}`).digest('base64url').slice(0, 27)}`
}

const TRADE_STATE_DESC: Record<string, string> = {
  SUCCESS: '支付成功',
  REFUND: '转入退款',
  NOTPAY: '未支付',
  CLOSED: '已关闭',
  USERPAYING: '用户支付中',
  PAYERROR: '支付失败',
}

function tradeState(order: Order, payment: Payment | undefined): string {
  if (order.status === 'PAID')
    return payment && payment.refundStatus !== 'NONE' ? 'REFUND' : 'SUCCESS'
  if (order.status === 'EXPIRED') return 'CLOSED'
  return order.status
}

function bankType(payment: Payment): string {
  const method = payment.method
  return method?.kind === 'card' ? `${method.bankCode.toUpperCase()}_DEBIT` : 'OTHERS'
}

export function transactionView(
  appId: string,
  order: Order,
  payment: Payment | undefined,
  tradeType: 'NATIVE' | 'JSAPI' | 'APP' | 'MWEB' | 'MICROPAY' = 'NATIVE',
) {
  const state = tradeState(order, payment)
  const paid = payment !== undefined && payment.paidAtMs !== null
  return {
    appid: appId,
    mchid: order.merchantId,
    out_trade_no: order.outTradeNo,
    trade_state: state,
    trade_state_desc: TRADE_STATE_DESC[state] ?? state,
    ...(order.attach === null ? {} : { attach: order.attach }),
    ...(paid
      ? {
          transaction_id: payment.id,
          trade_type: tradeType,
          bank_type: bankType(payment),
          success_time: rfc3339Shanghai(payment.paidAtMs as number),
          payer: { openid: openIdFor(appId, payment.userId) },
          amount: {
            total: order.amountFen,
            payer_total: payment.amountFen,
            currency: 'CNY',
            payer_currency: 'CNY',
          },
        }
      : { amount: { total: order.amountFen, currency: 'CNY' } }),
  }
}
