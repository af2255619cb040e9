/**
 * What our pay page checks before it shows a merchant's order: the client invocation the
 * merchant signed with its API private key (reference §6.2) — JSAPI signs
 * `appId\ntimeStamp\nnonceStr\nprepay_id=…\n`, App signs `appid\ntimestamp\nnoncestr\nprepayid\n`
 * (RSA-SHA256), checked against the merchant public key we hold — and, for JSAPI, that the
 * signed-in user is the openid the order was placed for. The openid is our keyed hash of
 * (appid, user): stable per app, different across apps, not reversible.
 */
import { createHash } from 'node:crypto'
import { DomainError } from '../../shared/errors.ts'
import type { MerchantApiContext } from './context.ts'
import { type OrderKind, orderKindByPrepayId } from './order-kinds.ts'
import { verifySha256WithRsa } from './signatures.ts'

/** A prepay_id (and so a signed invocation of it) is good for two hours, as WeChat's. */
export const PREPAY_TTL_MS = 2 * 3600_000
/** How far ahead of our clock a merchant's timeStamp may be. */
const FUTURE_SKEW_MS = 300_000

export interface ClientInvocation {
  kind: 'JSAPI' | 'APP'
  appId: string
  timeStamp: string
  nonceStr: string
  prepayId: string
  signature: string
}

export function openIdFor(ctx: MerchantApiContext, appId: string, userId: string): string {
  return `o${ctx.secrets.keyedHash(`openid:${appId}:${userId}`).slice(0, 27)}`
}

/** The H5 page's `package`: proves the URL came from us, not a guessed prepay_id. */
export function h5Package(ctx: MerchantApiContext, prepayId: string): string {
  return ctx.secrets.keyedHash(`h5:${prepayId}`).slice(0, 16)
}

function invalid(reason: string): DomainError {
  return new DomainError('PAY_SIGN_INVALID', { reason })
}

async function merchantOfAppId(ctx: MerchantApiContext, appId: string) {
  const row = await ctx.db
    .selectFrom('merchant_api_credentials')
    .select(['merchant_id', 'merchant_public_key_pem'])
    .where('appid', '=', appId)
    .executeTakeFirst()
  if (row === undefined) throw invalid('appId is not a Lingqian merchant app')
  return row
}

function checkTimeStamp(ctx: MerchantApiContext, timeStamp: string): void {
  if (!/^[0-9]{1,12}$/.test(timeStamp)) throw invalid('timeStamp is not Unix seconds')
  const atMs = Number(timeStamp) * 1000
  const nowMs = ctx.clock.nowMs()
  if (atMs > nowMs + FUTURE_SKEW_MS || atMs < nowMs - PREPAY_TTL_MS) {
    throw new DomainError('PAY_SIGN_EXPIRED', { timeStamp, validForMs: PREPAY_TTL_MS })
  }
}

function signedMessage(invocation: ClientInvocation): string {
  const { appId, timeStamp, nonceStr, prepayId } = invocation
  const pkg = invocation.kind === 'JSAPI' ? `prepay_id=${prepayId}` : prepayId
  return `${appId}\n${timeStamp}\n${nonceStr}\n${pkg}\n`
}

/**
 * The order a correctly signed, fresh, unused invocation is for; PAY_SIGN_INVALID /
 * PAY_SIGN_EXPIRED / PAY_SIGN_REPLAYED otherwise. Showing the page again is fine; the same
 * nonceStr with another signature, or an invocation whose payment went through, is not
 * (`allowUsed`: a pay retry with its idempotency key, which the payments core answers). With
 * `payerUserId`, a JSAPI order placed for another user's openid is OPENID_MISMATCH.
 */
export async function verifyInvocation(
  ctx: MerchantApiContext,
  invocation: ClientInvocation,
  options: { allowUsed?: boolean; payerUserId?: string } = {},
): Promise<OrderKind> {
  const merchant = await merchantOfAppId(ctx, invocation.appId)
  const kind = await orderKindByPrepayId(ctx, invocation.prepayId)
  if (kind === undefined || kind.merchantId !== merchant.merchant_id) {
    throw invalid('prepay_id is not an order of this app')
  }
  if (kind.tradeType !== invocation.kind) {
    throw invalid(`prepay_id is a ${kind.tradeType} order, not ${invocation.kind}`)
  }
  if (
    !verifySha256WithRsa(
      signedMessage(invocation),
      invocation.signature,
      merchant.merchant_public_key_pem,
    )
  ) {
    throw invalid('the signature does not verify with the merchant API public key')
  }
  checkTimeStamp(ctx, invocation.timeStamp)
  // Whose order it is comes before whether it was used: another user learns only that.
  const { payerUserId } = options
  if (
    kind.tradeType === 'JSAPI' &&
    payerUserId !== undefined &&
    kind.payerOpenId !== openIdFor(ctx, invocation.appId, payerUserId)
  ) {
    throw new DomainError('OPENID_MISMATCH')
  }
  await noteInvocation(ctx, invocation, options.allowUsed === true)
  return kind
}

async function noteInvocation(
  ctx: MerchantApiContext,
  invocation: ClientInvocation,
  allowUsed: boolean,
) {
  const signHash = createHash('sha256').update(invocation.signature).digest('base64url')
  await ctx.db
    .insertInto('merchant_api_pay_signs')
    .values({
      appid: invocation.appId,
      nonce_str: invocation.nonceStr,
      pay_sign_hash: signHash,
      prepay_id: invocation.prepayId,
      seen_at: new Date(ctx.clock.nowMs()),
      used_at: null,
    })
    .onConflict((conflict) => conflict.columns(['appid', 'nonce_str']).doNothing())
    .execute()
  const seen = await ctx.db
    .selectFrom('merchant_api_pay_signs')
    .select(['pay_sign_hash', 'used_at'])
    .where('appid', '=', invocation.appId)
    .where('nonce_str', '=', invocation.nonceStr)
    .executeTakeFirstOrThrow()
  if (seen.pay_sign_hash !== signHash) {
    throw new DomainError('PAY_SIGN_REPLAYED', {
      reason: 'nonceStr was used for another signature',
    })
  }
  if (seen.used_at !== null && !allowUsed) {
    throw new DomainError('PAY_SIGN_REPLAYED', { reason: 'this invocation already paid its order' })
  }
}

/** After its payment went through, the invocation cannot be presented again. */
export async function markInvocationUsed(
  ctx: MerchantApiContext,
  appId: string,
  nonceStr: string,
): Promise<void> {
  await ctx.db
    .updateTable('merchant_api_pay_signs')
    .set({ used_at: new Date(ctx.clock.nowMs()) })
    .where('appid', '=', appId)
    .where('nonce_str', '=', nonceStr)
    .where('used_at', 'is', null)
    .execute()
}

/** The H5 page's order: the prepay_id with our `package` for it. */
export async function verifyH5(
  ctx: MerchantApiContext,
  prepayId: string,
  pkg: string,
): Promise<OrderKind> {
  const kind = await orderKindByPrepayId(ctx, prepayId)
  if (kind === undefined || kind.tradeType !== 'MWEB' || pkg !== h5Package(ctx, prepayId)) {
    throw invalid('prepay_id and package are not an H5 order of ours')
  }
  if (kind.createdAtMs < ctx.clock.nowMs() - PREPAY_TTL_MS) {
    throw new DomainError('PAY_SIGN_EXPIRED', { validForMs: PREPAY_TTL_MS })
  }
  return kind
}

/** Invocations older than any that could still verify are dropped by the nonce job. */
export async function prunePaySigns(ctx: MerchantApiContext): Promise<number> {
  const result = await ctx.db
    .deleteFrom('merchant_api_pay_signs')
    .where('seen_at', '<', new Date(ctx.clock.nowMs() - 2 * PREPAY_TTL_MS))
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}
