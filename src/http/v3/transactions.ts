/**
 * Basic payments on the v3 wire (reference §6.2–6.4): place a native order (its code_url is our
 * wallet's pay page for it), query by out_trade_no or transaction_id, close. Each calls the
 * payments core; what is WeChat's (field names, codes, states) stays in this file and
 * transaction-view.ts.
 */
import { Type } from 'typebox'
import { checkNotifyUrl, type MerchantApi, V3Error } from '../../modules/merchant-api/index.ts'
import type { Order, PaymentsService } from '../../modules/payments/index.ts'
import type { ProfitSharingService } from '../../modules/profit-sharing/index.ts'
import { isDomainError } from '../../shared/errors.ts'
import type { V3Scope } from './plugin.ts'
import { transactionView } from './transaction-view.ts'

export interface V3TransactionDeps {
  merchantApi: MerchantApi
  payments: PaymentsService
  clock: { nowMs(): number }
  sandbox: boolean
  /** settle_info.profit_sharing = true marks the order for 分账 (its money is frozen when paid). */
  profitSharing?: Pick<ProfitSharingService, 'registerForSharing'>
}

const MCHID = Type.String({ pattern: '^[1-9][0-9]{9}$' })
const OUT_TRADE_NO = Type.String({ pattern: '^[A-Za-z0-9_\\-|*]{6,32}$' })

const NativeOrder = Type.Object({
  appid: Type.String({ maxLength: 32 }),
  mchid: MCHID,
  description: Type.String({ minLength: 1, maxLength: 127 }),
  out_trade_no: OUT_TRADE_NO,
  time_expire: Type.Optional(Type.String({ maxLength: 64 })),
  attach: Type.Optional(Type.String({ maxLength: 128 })),
  notify_url: Type.String({ maxLength: 255 }),
  goods_tag: Type.Optional(Type.String({ maxLength: 32 })),
  support_fapiao: Type.Optional(Type.Boolean()),
  amount: Type.Object({
    total: Type.Integer({ minimum: 1, maximum: 100_000_000_000 }),
    currency: Type.Optional(Type.Literal('CNY')),
  }),
  detail: Type.Optional(Type.Unknown()),
  scene_info: Type.Optional(Type.Unknown()),
  settle_info: Type.Optional(Type.Object({ profit_sharing: Type.Optional(Type.Boolean()) })),
})

const ORDER_TTL_DEFAULT_MS = 2 * 3600_000
const ORDER_TTL_MIN_MS = 60_000
const ORDER_TTL_MAX_MS = 7 * 24 * 3600_000

/** WeChat clamps time_expire into [now + 1 min, the longest validity]; so do we. */
function expiresAtMs(timeExpire: string | undefined, nowMs: number): number {
  if (timeExpire === undefined) return nowMs + ORDER_TTL_DEFAULT_MS
  const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,3})?(Z|[+-]\d\d:\d\d)$/
  const parsed = RFC3339.test(timeExpire) ? Date.parse(timeExpire) : Number.NaN
  if (Number.isNaN(parsed)) {
    throw new V3Error(400, 'PARAM_ERROR', 'time_expire 格式错误 / time_expire is not RFC 3339', {
      field: 'time_expire',
      location: 'body',
    })
  }
  return Math.min(Math.max(parsed, nowMs + ORDER_TTL_MIN_MS), nowMs + ORDER_TTL_MAX_MS)
}

function sameMerchant(authenticated: string | null, claimed: string): string {
  if (authenticated !== claimed) {
    throw new V3Error(
      400,
      'INVALID_REQUEST',
      'mchid 与请求头不一致 / mchid does not match the signer',
      {
        field: 'mchid',
      },
    )
  }
  return claimed
}

/** Our order errors in WeChat's words: unknown order, used number, closed order. */
function orderError(error: unknown): never {
  if (isDomainError(error)) {
    if (error.code === 'NOT_FOUND')
      throw new V3Error(404, 'ORDER_NOT_EXIST', '订单不存在 / no such order')
    if (error.code === 'OUT_TRADE_NO_USED') {
      throw new V3Error(
        403,
        'OUT_TRADE_NO_USED',
        '商户订单号重复 / out_trade_no was used for another order',
      )
    }
    if (error.code === 'ORDER_CLOSED' || error.code === 'ORDER_EXPIRED') {
      throw new V3Error(400, 'ORDER_CLOSED', '订单已关闭 / the order is closed')
    }
    if (error.code === 'ORDER_PAID')
      throw new V3Error(400, 'ORDERPAID', '订单已支付 / the order is paid')
  }
  throw error
}

export async function v3TransactionRoutes(scope: V3Scope, deps: V3TransactionDeps) {
  await placeNativeOrderRoute(scope, deps)
  await queryOrderRoutes(scope, deps)
  await closeOrderRoute(scope, deps)
}

async function transactionOf(deps: V3TransactionDeps, merchantId: string, order: Order) {
  const appId = (await deps.merchantApi.appIdOf(merchantId)) ?? ''
  const payment = order.paymentId
    ? await deps.payments.getMerchantPayment(merchantId, order.paymentId)
    : undefined
  return transactionView(appId, order, payment)
}

async function placeNativeOrderRoute(scope: V3Scope, deps: V3TransactionDeps) {
  scope.post(
    '/pay/transactions/native',
    {
      schema: {
        tags: ['wechatpay-v3'],
        summary: 'Native 下单 (place a native order)',
        body: NativeOrder,
      },
    },
    async (request) => {
      const body = request.body
      const merchantId = sameMerchant(request.v3Merchant, body.mchid)
      if ((await deps.merchantApi.appIdOf(merchantId)) !== body.appid) {
        throw new V3Error(
          400,
          'APPID_MCHID_NOT_MATCH',
          'appid 和 mch_id 不匹配 / appid is not this merchant’s',
        )
      }
      const notify = checkNotifyUrl(body.notify_url, { sandbox: deps.sandbox })
      if (!notify.ok) {
        throw new V3Error(400, 'PARAM_ERROR', 'notify_url 不可用 / notify_url is not allowed', {
          field: 'notify_url',
          location: 'body',
          issue: notify.issue,
        })
      }
      const { order } = await deps.payments
        .createOrder(merchantId, {
          outTradeNo: body.out_trade_no,
          amountFen: body.amount.total,
          description: body.description,
          expiresAtMs: expiresAtMs(body.time_expire, deps.clock.nowMs()),
          notifyUrl: body.notify_url,
          ...(body.attach === undefined ? {} : { attach: body.attach }),
        })
        .catch(orderError)
      if (body.settle_info?.profit_sharing === true && order.status === 'NOTPAY') {
        await deps.profitSharing?.registerForSharing(merchantId, order.outTradeNo)
      }
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
      return transactionOf(deps, merchantId, order)
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
      return transactionOf(deps, merchantId, order)
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
      const order = await deps.payments
        .closeOrder(merchantId, { outTradeNo: request.params.out_trade_no })
        .catch(orderError)
      if (order.status === 'PAID')
        orderError(new V3Error(400, 'ORDERPAID', '订单已支付 / the order is paid'))
      return reply.status(204).send()
    },
  )
}
