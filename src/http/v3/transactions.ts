/**
 * Basic payments on the v3 wire (reference §6.2–6.4): place a native order (its code_url is our
 * wallet's pay page for it), query by out_trade_no or transaction_id, close. The other kinds
 * are in prepay-orders.ts (JSAPI, App, H5) and codepay.ts; what they share in place-order.ts.
 */
import { Type } from 'typebox'
import { V3Error } from '../../modules/merchant-api/index.ts'
import {
  MCHID,
  OUT_TRADE_NO,
  orderBody,
  orderError,
  placeOrder,
  sameMerchant,
  type V3TransactionDeps,
} from './place-order.ts'
import type { V3Scope } from './plugin.ts'
import { loadTransaction } from './transaction-view.ts'

export type { V3TransactionDeps } from './place-order.ts'

export async function v3TransactionRoutes(scope: V3Scope, deps: V3TransactionDeps) {
  await placeNativeOrderRoute(scope, deps)
  await queryOrderRoutes(scope, deps)
  await closeOrderRoute(scope, deps)
}

async function placeNativeOrderRoute(scope: V3Scope, deps: V3TransactionDeps) {
  scope.post(
    '/pay/transactions/native',
    {
      schema: {
        tags: ['wechatpay-v3'],
        summary: 'Native 下单 (place a native order)',
        body: orderBody({}),
      },
    },
    async (request) => {
      const merchantId = sameMerchant(request.v3Merchant, request.body.mchid)
      const { order } = await placeOrder(deps, merchantId, request.body, { tradeType: 'NATIVE' })
      return { code_url: order.payUrl }
    },
  )
}

const MchidQuery = Type.Object({ mchid: MCHID })

async function queryOrderRoutes(scope: V3Scope, deps: V3TransactionDeps) {
  scope.get(
    '/pay/transactions/out-trade-no/:out_trade_no',
    {
      schema: {
        tags: ['wechatpay-v3'],
        summary: '商户订单号查询订单 (query by out_trade_no)',
        params: Type.Object({ out_trade_no: OUT_TRADE_NO }),
        querystring: MchidQuery,
      },
    },
    async (request) => {
      const merchantId = sameMerchant(request.v3Merchant, request.query.mchid)
      const order = await deps.payments
        .getOrder(merchantId, { outTradeNo: request.params.out_trade_no })
        .catch(orderError)
      return loadTransaction(deps, merchantId, order)
    },
  )
  scope.get(
    '/pay/transactions/id/:transaction_id',
    {
      schema: {
        tags: ['wechatpay-v3'],
        summary: '微信支付订单号查询订单 (query by transaction_id)',
        params: Type.Object({ transaction_id: Type.String({ pattern: '^[0-9]{28}$' }) }),
        querystring: MchidQuery,
      },
    },
    async (request) => {
      const merchantId = sameMerchant(request.v3Merchant, request.query.mchid)
      const payment = await deps.payments
        .getMerchantPayment(merchantId, request.params.transaction_id)
        .catch(orderError)
      if (payment.outTradeNo === null) orderError(new V3Error(404, 'ORDER_NOT_EXIST', '订单不存在'))
      const order = await deps.payments.getOrder(merchantId, {
        outTradeNo: payment.outTradeNo as string,
      })
      return loadTransaction(deps, merchantId, order)
    },
  )
}

async function closeOrderRoute(scope: V3Scope, deps: V3TransactionDeps) {
  scope.post(
    '/pay/transactions/out-trade-no/:out_trade_no/close',
    {
      schema: {
        tags: ['wechatpay-v3'],
        summary: '关闭订单 (close an order)',
        params: Type.Object({ out_trade_no: OUT_TRADE_NO }),
        body: Type.Object({ mchid: MCHID }),
      },
    },
    async (request, reply) => {
      const merchantId = sameMerchant(request.v3Merchant, request.body.mchid)
      const kind = await deps.merchantApi.orderKindOf(merchantId, request.params.out_trade_no)
      if (kind?.tradeType === 'MICROPAY') {
        throw new V3Error(
          403,
          'TRADE_ERROR',
          '付款码订单不能关单，请使用撤销接口 / reverse a codepay order instead',
        )
      }
      const order = await deps.payments
        .closeOrder(merchantId, { outTradeNo: request.params.out_trade_no })
        .catch(orderError)
      if (order.status === 'PAID')
        orderError(new V3Error(400, 'ORDERPAID', '订单已支付 / the order is paid'))
      return reply.status(204).send()
    },
  )
}
