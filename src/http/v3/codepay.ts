/**
 * 付款码 on the v3 wire (reference §6.5): `codepay` collects the wallet's payment code through
 * the payments core — within the customer's 免密 limits it completes at once (200, the
 * transaction), otherwise the customer confirms on the phone and we answer 202 `USERPAYING`
 * ("需要用户输入支付密码") while query shows trade_state USERPAYING. `reverse` (撤销) ends it
 * either way: an unpaid one is cancelled, a paid one refunded in full; query then says REVOKED.
 */
import { Type } from 'typebox'
import { V3Error } from '../../modules/merchant-api/index.ts'
import type { Payment } from '../../modules/payments/index.ts'
import type { RefundsService } from '../../modules/refunds/index.ts'
import { isDomainError } from '../../shared/errors.ts'
import {
  AMOUNT,
  APPID,
  checkAppId,
  MCHID,
  OUT_TRADE_NO,
  orderError,
  sameMerchant,
  type V3TransactionDeps,
} from './place-order.ts'
import type { V3Scope } from './plugin.ts'
import { loadTransaction } from './transaction-view.ts'

export interface V3CodepayDeps extends V3TransactionDeps {
  refunds: Pick<RefundsService, 'refund'>
}

const CodepayOrder = Type.Object({
  appid: APPID,
  mchid: MCHID,
  description: Type.String({ minLength: 1, maxLength: 127 }),
  out_trade_no: OUT_TRADE_NO,
  attach: Type.Optional(Type.String({ maxLength: 128 })),
  goods_tag: Type.Optional(Type.String({ maxLength: 32 })),
  support_fapiao: Type.Optional(Type.Boolean()),
  payer: Type.Object({ auth_code: Type.String({ minLength: 1, maxLength: 128 }) }),
  amount: AMOUNT,
  scene_info: Type.Object({
    device_id: Type.Optional(Type.String({ maxLength: 32 })),
    device_ip: Type.Optional(Type.String({ maxLength: 45 })),
    store_info: Type.Object({
      id: Type.Optional(Type.String({ maxLength: 32 })),
      out_id: Type.Optional(Type.String({ maxLength: 32 })),
    }),
  }),
  detail: Type.Optional(Type.Unknown()),
  settle_info: Type.Optional(Type.Unknown()),
})

const tags = ['wechatpay-v3']

/** The payment code's refusals in the words cashier software knows (v2's micropay codes). */
function codeError(error: unknown): never {
  if (isDomainError(error)) {
    const invalid = ['PAYMENT_CODE_INVALID', 'PAYMENT_CODE_USED', 'PAYMENT_DISABLED']
    if (invalid.includes(error.code)) {
      throw new V3Error(
        400,
        'AUTH_CODE_INVALID',
        '付款码无效，请用户刷新后重新扫码 / the payment code is not valid: ask for a fresh one',
        { field: 'payer.auth_code', location: 'body', lingqian_code: error.code },
      )
    }
    if (error.code === 'PAYMENT_CODE_EXPIRED') {
      throw new V3Error(
        400,
        'AUTH_CODE_EXPIRED',
        '付款码已过期，请用户刷新后重新扫码 / the payment code expired: ask for a fresh one',
        { field: 'payer.auth_code', location: 'body' },
      )
    }
  }
  return orderError(error)
}

const USERPAYING_BODY = {
  code: 'USERPAYING',
  message:
    '需要用户输入支付密码 / the customer confirms on the phone: query the order until it ends',
}

export async function v3CodepayRoutes(scope: V3Scope, deps: V3CodepayDeps) {
  scope.post(
    '/pay/transactions/codepay',
    { schema: { tags, summary: '付款码支付 (collect a payment code)', body: CodepayOrder } },
    async (request, reply) => {
      const body = request.body
      const merchantId = sameMerchant(request.v3Merchant, body.mchid)
      await checkAppId(deps, merchantId, body.appid)
      const { kind } = await deps.merchantApi
        .claimOrderKind({ merchantId, outTradeNo: body.out_trade_no, tradeType: 'MICROPAY' })
        .catch(orderError)
      const { payment } = await deps.payments
        .collectByCode(merchantId, {
          outTradeNo: body.out_trade_no,
          authCode: body.payer.auth_code,
          amountFen: body.amount.total,
          description: body.description,
          attach: body.attach,
        })
        .catch(codeError)
      if (payment.status === 'USERPAYING' || payment.status === 'PROCESSING') {
        return reply.status(202).send(USERPAYING_BODY)
      }
      const order = await deps.payments.getOrder(merchantId, { outTradeNo: body.out_trade_no })
      return loadTransaction(deps, merchantId, order, kind)
    },
  )
  scope.post(
    '/pay/transactions/out-trade-no/:out_trade_no/reverse',
    {
      schema: {
        tags,
        summary: '撤销订单 (reverse a codepay order: cancel it, or refund it if paid)',
        params: Type.Object({ out_trade_no: OUT_TRADE_NO }),
        body: Type.Object({ appid: APPID, mchid: MCHID }),
      },
    },
    async (request) => {
      const merchantId = sameMerchant(request.v3Merchant, request.body.mchid)
      await checkAppId(deps, merchantId, request.body.appid)
      const outTradeNo = request.params.out_trade_no
      await reverse(deps, merchantId, outTradeNo)
      return { appid: request.body.appid, mchid: merchantId, out_trade_no: outTradeNo }
    },
  )
}

async function reverse(deps: V3CodepayDeps, merchantId: string, outTradeNo: string) {
  const kind = await deps.merchantApi.orderKindOf(merchantId, outTradeNo)
  const order = await deps.payments.getOrder(merchantId, { outTradeNo }).catch(orderError)
  if (kind?.tradeType !== 'MICROPAY') {
    throw new V3Error(
      403,
      'TRADE_ERROR',
      '只有付款码订单可以撤销，请使用关单接口 / only codepay orders are reversed: close this one',
    )
  }
  // Twice at most: the customer may confirm between our read and our cancel.
  for (let attempt = 0; attempt < 2 && order.paymentId !== null; attempt++) {
    const payment = await deps.payments.getMerchantPayment(merchantId, order.paymentId)
    if (await endPayment(deps, merchantId, payment)) break
  }
  await deps.merchantApi.markReversed(merchantId, outTradeNo)
}

/** True once the payment is over with nothing left to give back. */
async function endPayment(deps: V3CodepayDeps, merchantId: string, payment: Payment) {
  if (payment.status === 'USERPAYING') {
    const cancelled = await deps.payments
      .cancelPending(payment.userId, payment.id)
      .catch((error: unknown) => {
        if (isDomainError(error) && error.code === 'PAYMENT_NOT_PENDING') return undefined
        throw error
      })
    return cancelled !== undefined
  }
  if (payment.status === 'PROCESSING') {
    throw new V3Error(
      500,
      'SYSTEM_ERROR',
      '银行处理中，请稍后用相同参数重试 / the bank is still answering: retry shortly',
    )
  }
  if (payment.status === 'SUCCESS') {
    const left = payment.amountFen - payment.refundedFen
    if (left > 0) {
      await deps.refunds.refund(
        merchantId,
        {
          outRefundNo: `REVERSE_${payment.id}`,
          payment: { paymentId: payment.id },
          amountFen: left,
          reason: '撤销订单',
        },
        { createdBy: 'system' },
      )
    }
  }
  return true
}
