/**
 * An order as WeChat Pay v3 shows it (reference §6.3): trade_state from our order status (and
 * REVOKED for a reversed codepay order), trade_type from the kind it was placed as, amounts in
 * fen, times RFC 3339 +08:00, the payer as its openid for this app (merchantApi.openIdFor: a
 * keyed hash, stable per app and user, revealing neither). `loadTransaction` is what the query
 * endpoints and the TRANSACTION.SUCCESS notification both answer.
 */
import type { MerchantApi, OrderKind, TradeType } from '../../modules/merchant-api/index.ts'
import type { Order, Payment, PaymentsService } from '../../modules/payments/index.ts'
import { rfc3339Shanghai } from '../../shared/shanghai-time.ts'

const TRADE_STATE_DESC: Record<string, string> = {
  SUCCESS: '支付成功',
  REFUND: '转入退款',
  NOTPAY: '未支付',
  CLOSED: '已关闭',
  REVOKED: '已撤销',
  USERPAYING: '用户支付中',
  PAYERROR: '支付失败',
}

function tradeState(order: Order, payment: Payment | undefined, revoked: boolean): string {
  if (revoked) return 'REVOKED'
  if (order.status === 'PAID')
    return payment && payment.refundStatus !== 'NONE' ? 'REFUND' : 'SUCCESS'
  if (order.status === 'EXPIRED') return 'CLOSED'
  return order.status
}

function bankType(payment: Payment): string {
  const method = payment.method
  return method?.kind === 'card' ? `${method.bankCode.toUpperCase()}_DEBIT` : 'OTHERS'
}

export interface TransactionFacts {
  tradeType: TradeType
  /** The payer's openid for this app (set when paid). */
  payerOpenId?: string | undefined
  revoked?: boolean | undefined
}

export function transactionView(
  appId: string,
  order: Order,
  payment: Payment | undefined,
  facts: TransactionFacts,
) {
  const state = tradeState(order, payment, facts.revoked === true)
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
          trade_type: facts.tradeType,
          bank_type: bankType(payment),
          success_time: rfc3339Shanghai(payment.paidAtMs as number),
          payer: { openid: facts.payerOpenId ?? '' },
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

export type TransactionView = ReturnType<typeof transactionView>

export interface TransactionLoaderDeps {
  merchantApi: MerchantApi
  payments: PaymentsService
}

/** The full v3 view of one order: its payment, its kind (NATIVE when placed elsewhere). */
export async function loadTransaction(
  deps: TransactionLoaderDeps,
  merchantId: string,
  order: Order,
  knownKind?: OrderKind,
): Promise<TransactionView> {
  const appId = (await deps.merchantApi.appIdOf(merchantId)) ?? ''
  const payment = order.paymentId
    ? await deps.payments.getMerchantPayment(merchantId, order.paymentId)
    : undefined
  const kind = knownKind ?? (await deps.merchantApi.orderKindOf(merchantId, order.outTradeNo))
  return transactionView(appId, order, payment, {
    tradeType: kind?.tradeType ?? 'NATIVE',
    payerOpenId: payment ? deps.merchantApi.openIdFor(appId, payment.userId) : undefined,
    revoked: kind?.reversedAtMs != null,
  })
}
