/**
 * The v3 side of an order: its kind (trade_type), prepay_id and the openid a JSAPI order is
 * bound to. The payments core holds the order itself; this row is claimed first, so a
 * re-submit of the same out_trade_no as another kind (or for another openid) is refused before
 * the core is asked, and the same request again answers with the same prepay_id.
 */
import { createHash, randomBytes } from 'node:crypto'
import { DomainError } from '../../shared/errors.ts'
import type { MerchantApiContext } from './context.ts'

export const TRADE_TYPES = ['NATIVE', 'JSAPI', 'APP', 'MWEB', 'MICROPAY'] as const
export type TradeType = (typeof TRADE_TYPES)[number]

export interface OrderKind {
  merchantId: string
  outTradeNo: string
  tradeType: TradeType
  prepayId: string
  payerOpenId: string | null
  reversedAtMs: number | null
  createdAtMs: number
}

export interface OrderKindClaim {
  merchantId: string
  outTradeNo: string
  tradeType: TradeType
  payerOpenId?: string | undefined
  /** Anything else of the kind's own that must match on a re-submit (H5 scene_info…). */
  extra?: unknown
}

type OrderKindRow = {
  merchant_id: string
  out_trade_no: string
  trade_type: string
  prepay_id: string
  payer_openid: string | null
  reversed_at: Date | null
  created_at: Date
}

function toKind(row: OrderKindRow): OrderKind {
  return {
    merchantId: row.merchant_id,
    outTradeNo: row.out_trade_no,
    tradeType: row.trade_type as TradeType,
    prepayId: row.prepay_id,
    payerOpenId: row.payer_openid,
    reversedAtMs: row.reversed_at === null ? null : row.reversed_at.getTime(),
    createdAtMs: row.created_at.getTime(),
  }
}

/** WeChat's shape: `wx` + yyyyMMddHHmmss (Shanghai) + 20 random hex. */
function newPrepayId(nowMs: number): string {
  const stamp = new Date(nowMs + 8 * 3600_000).toISOString().replace(/\D/g, '').slice(0, 14)
  return `wx${stamp}${randomBytes(10).toString('hex')}`
}

function claimHash(claim: OrderKindClaim): string {
  const fields = [claim.tradeType, claim.payerOpenId ?? null, claim.extra ?? null]
  return createHash('sha256').update(JSON.stringify(fields)).digest('base64url')
}

/**
 * Claims (merchant, out_trade_no) for this kind; `created` says whether this call made the row.
 * OUT_TRADE_NO_USED when it was claimed with another kind, openid or scene.
 */
export async function claimOrderKind(
  ctx: MerchantApiContext,
  claim: OrderKindClaim,
): Promise<{ kind: OrderKind; created: boolean }> {
  const nowMs = ctx.clock.nowMs()
  const hash = claimHash(claim)
  const inserted = await ctx.db
    .insertInto('merchant_api_orders')
    .values({
      merchant_id: claim.merchantId,
      out_trade_no: claim.outTradeNo,
      trade_type: claim.tradeType,
      prepay_id: newPrepayId(nowMs),
      payer_openid: claim.payerOpenId ?? null,
      request_hash: hash,
      reversed_at: null,
      created_at: new Date(nowMs),
    })
    .onConflict((conflict) => conflict.columns(['merchant_id', 'out_trade_no']).doNothing())
    .returningAll()
    .executeTakeFirst()
  if (inserted !== undefined) return { kind: toKind(inserted), created: true }
  const existing = await ctx.db
    .selectFrom('merchant_api_orders')
    .selectAll()
    .where('merchant_id', '=', claim.merchantId)
    .where('out_trade_no', '=', claim.outTradeNo)
    .executeTakeFirstOrThrow()
  if (existing.request_hash !== hash) {
    throw new DomainError('OUT_TRADE_NO_USED', { outTradeNo: claim.outTradeNo })
  }
  return { kind: toKind(existing), created: false }
}

/** Undoes a claim this request made when the core refused the order it was for. */
export async function releaseOrderKind(
  ctx: MerchantApiContext,
  merchantId: string,
  outTradeNo: string,
): Promise<void> {
  await ctx.db
    .deleteFrom('merchant_api_orders')
    .where('merchant_id', '=', merchantId)
    .where('out_trade_no', '=', outTradeNo)
    .execute()
}

export async function orderKindOf(
  ctx: MerchantApiContext,
  merchantId: string,
  outTradeNo: string,
): Promise<OrderKind | undefined> {
  const row = await ctx.db
    .selectFrom('merchant_api_orders')
    .selectAll()
    .where('merchant_id', '=', merchantId)
    .where('out_trade_no', '=', outTradeNo)
    .executeTakeFirst()
  return row === undefined ? undefined : toKind(row)
}

export async function orderKindByPrepayId(
  ctx: MerchantApiContext,
  prepayId: string,
): Promise<OrderKind | undefined> {
  const row = await ctx.db
    .selectFrom('merchant_api_orders')
    .selectAll()
    .where('prepay_id', '=', prepayId)
    .executeTakeFirst()
  return row === undefined ? undefined : toKind(row)
}

/** Marks a codepay order reversed (once; later calls keep the first time). */
export async function markReversed(
  ctx: MerchantApiContext,
  merchantId: string,
  outTradeNo: string,
): Promise<void> {
  await ctx.db
    .updateTable('merchant_api_orders')
    .set({ reversed_at: new Date(ctx.clock.nowMs()) })
    .where('merchant_id', '=', merchantId)
    .where('out_trade_no', '=', outTradeNo)
    .where('reversed_at', 'is', null)
    .execute()
}
