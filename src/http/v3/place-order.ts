/**
 * What every v3 "place order" endpoint shares (reference §6.1–6.2): the body's common fields,
 * the checks (signer's mchid, the merchant's appid, notify_url), time_expire's clamp, WeChat's
 * words for our order errors, and `placeOrder`: claim the out_trade_no for this kind, then let
 * the payments core create the order — the same request again answers the same order, other
 * content OUT_TRADE_NO_USED, a closed or expired one ORDER_CLOSED.
 */
import { type TProperties, Type } from 'typebox'
import {
  checkNotifyUrl,
  type MerchantApi,
  type OrderKind,
  type OrderKindClaim,
  V3Error,
} from '../../modules/merchant-api/index.ts'
import type { Order, PaymentsService } from '../../modules/payments/index.ts'
import type { ProfitSharingService } from '../../modules/profit-sharing/index.ts'
import { isDomainError } from '../../shared/errors.ts'

export interface V3TransactionDeps {
  merchantApi: MerchantApi
  payments: PaymentsService
  clock: { nowMs(): number }
  sandbox: boolean
  /** settle_info.profit_sharing = true marks the order for 分账 (its money is frozen when paid). */
  profitSharing?: Pick<ProfitSharingService, 'registerForSharing'>
}

export const MCHID = Type.String({ pattern: '^[1-9][0-9]{9}$' })
export const APPID = Type.String({ minLength: 1, maxLength: 32 })
export const OUT_TRADE_NO = Type.String({ pattern: '^[A-Za-z0-9_\\-|*]{6,32}$' })
export const AMOUNT = Type.Object({
  total: Type.Integer({ minimum: 1, maximum: 100_000_000_000 }),
  currency: Type.Optional(Type.Literal('CNY')),
})

const COMMON_ORDER_FIELDS = {
  appid: APPID,
  mchid: MCHID,
  description: Type.String({ minLength: 1, maxLength: 127 }),
  out_trade_no: OUT_TRADE_NO,
  time_expire: Type.Optional(Type.String({ maxLength: 64 })),
  attach: Type.Optional(Type.String({ maxLength: 128 })),
  notify_url: Type.String({ maxLength: 255 }),
  goods_tag: Type.Optional(Type.String({ maxLength: 32 })),
  support_fapiao: Type.Optional(Type.Boolean()),
  amount: AMOUNT,
  detail: Type.Optional(Type.Unknown()),
  settle_info: Type.Optional(Type.Object({ profit_sharing: Type.Optional(Type.Boolean()) })),
}

/** The place-order body with `extra` fields (payer, a required scene_info…). */
export function orderBody<T extends TProperties>(extra: T) {
  return Type.Object({
    ...COMMON_ORDER_FIELDS,
    scene_info: Type.Optional(Type.Unknown()),
    ...extra,
  })
}

export interface CommonOrderBody {
  appid: string
  mchid: string
  description: string
  out_trade_no: string
  time_expire?: string | undefined
  attach?: string | undefined
  notify_url: string
  amount: { total: number }
  settle_info?: { profit_sharing?: boolean | undefined } | undefined
}

const ORDER_TTL_DEFAULT_MS = 2 * 3600_000
const ORDER_TTL_MIN_MS = 60_000
const ORDER_TTL_MAX_MS = 7 * 24 * 3600_000

/** WeChat clamps time_expire into [now + 1 min, the longest validity]; so do we. */
export function expiresAtMs(timeExpire: string | undefined, nowMs: number): number {
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

export function sameMerchant(authenticated: string | null, claimed: string): string {
  if (authenticated !== claimed) {
    throw new V3Error(
      400,
      'INVALID_REQUEST',
      'mchid 与请求头不一致 / mchid does not match the signer',
      { field: 'mchid' },
    )
  }
  return claimed
}

export async function checkAppId(deps: V3TransactionDeps, merchantId: string, appId: string) {
  if ((await deps.merchantApi.appIdOf(merchantId)) !== appId) {
    throw new V3Error(
      400,
      'APPID_MCHID_NOT_MATCH',
      'appid 和 mch_id 不匹配 / appid is not this merchant’s',
    )
  }
}

const OUT_TRADE_NO_USED = () =>
  new V3Error(403, 'OUT_TRADE_NO_USED', '商户订单号重复 / out_trade_no was used for another order')
const ORDER_CLOSED = () => new V3Error(400, 'ORDER_CLOSED', '订单已关闭 / the order is closed')
const ORDER_PAID = () => new V3Error(400, 'ORDERPAID', '订单已支付 / the order is paid')

/** Our order errors in WeChat's words: unknown order, used number, closed order. */
export function orderError(error: unknown): never {
  if (isDomainError(error)) {
    if (error.code === 'NOT_FOUND')
      throw new V3Error(404, 'ORDER_NOT_EXIST', '订单不存在 / no such order')
    if (error.code === 'OUT_TRADE_NO_USED') throw OUT_TRADE_NO_USED()
    if (error.code === 'ORDER_CLOSED' || error.code === 'ORDER_EXPIRED') throw ORDER_CLOSED()
    if (error.code === 'ORDER_PAID') throw ORDER_PAID()
  }
  throw error
}

function checkNotify(deps: V3TransactionDeps, notifyUrl: string) {
  const notify = checkNotifyUrl(notifyUrl, { sandbox: deps.sandbox })
  if (!notify.ok) {
    throw new V3Error(400, 'PARAM_ERROR', 'notify_url 不可用 / notify_url is not allowed', {
      field: 'notify_url',
      location: 'body',
      issue: notify.issue,
    })
  }
}

/**
 * Places (or finds again) the order of `body` as `claim`'s kind. The kind is claimed first so
 * two kinds cannot share one out_trade_no; a claim whose order the core refused is released.
 */
export async function placeOrder(
  deps: V3TransactionDeps,
  merchantId: string,
  body: CommonOrderBody,
  claim: Omit<OrderKindClaim, 'merchantId' | 'outTradeNo'>,
): Promise<{ order: Order; kind: OrderKind }> {
  await checkAppId(deps, merchantId, body.appid)
  checkNotify(deps, body.notify_url)
  const outTradeNo = body.out_trade_no
  const { kind, created: claimed } = await deps.merchantApi
    .claimOrderKind({ ...claim, merchantId, outTradeNo })
    .catch(orderError)
  const placed = await deps.payments
    .createOrder(merchantId, {
      outTradeNo,
      amountFen: body.amount.total,
      description: body.description,
      expiresAtMs: expiresAtMs(body.time_expire, deps.clock.nowMs()),
      notifyUrl: body.notify_url,
      ...(body.attach === undefined ? {} : { attach: body.attach }),
    })
    .catch(async (error: unknown) => {
      if (claimed) await deps.merchantApi.releaseOrderKind(merchantId, outTradeNo)
      return orderError(error)
    })
  // An order older than its claim was placed elsewhere (console, native before kinds existed).
  if (claimed && !placed.created && kind.tradeType !== 'NATIVE') {
    await deps.merchantApi.releaseOrderKind(merchantId, outTradeNo)
    throw OUT_TRADE_NO_USED()
  }
  const status = placed.order.status
  if (status === 'CLOSED' || status === 'EXPIRED') throw ORDER_CLOSED()
  if (status === 'PAID') throw ORDER_PAID()
  if (body.settle_info?.profit_sharing === true) {
    await deps.profitSharing?.registerForSharing(merchantId, outTradeNo)
  }
  return { order: placed.order, kind }
}
