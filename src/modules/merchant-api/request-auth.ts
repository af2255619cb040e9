/**
 * Authenticating a signed v3 request (reference §2): the header's five fields in any order, the
 * serial compared case-blind, any nonce length (never twice within the skew window), the
 * timestamp within ±300 s, and the signature over the raw request-target and the raw body bytes
 * exactly as sent. Every refusal is 401 SIGN_ERROR with a detail that says what was wrong.
 */
import type { MerchantApiContext } from './context.ts'
import { parseAuthorization, requestSignMessage, verifySha256WithRsa } from './signatures.ts'
import { signError } from './v3-error.ts'

export interface SignedRequest {
  method: string
  /** The raw request-target: path plus `?query` exactly as on the wire. */
  url: string
  authorization: string | undefined
  body: string
}

const TRUNCATED_MESSAGE_LENGTH = 64
const NONCE_LENGTH_MAX = 64

export async function authenticateRequest(
  ctx: MerchantApiContext,
  request: SignedRequest,
): Promise<{ merchantId: string; serialNo: string }> {
  const parsed = parseAuthorization(request.authorization)
  if (!parsed.ok) {
    throw signError('Authorization 头无效 / the Authorization header is invalid', {
      field: 'authorization',
      location: 'header',
      issue: parsed.issue,
    })
  }
  const { mchid, nonce_str: nonce, signature, timestamp, serial_no: serial } = parsed.authorization
  const skewS = Math.round(ctx.rules.clockSkewMs / 1000)
  const offsetS = /^\d{1,12}$/.test(timestamp)
    ? Number(timestamp) - Math.floor(ctx.clock.nowMs() / 1000)
    : Number.NaN
  if (!(Math.abs(offsetS) <= skewS)) {
    throw signError('请求时间戳与服务器时间相差过大 / the timestamp is too far from server time', {
      field: 'timestamp',
      location: 'authorization',
      issue: Number.isNaN(offsetS)
        ? 'timestamp must be Unix seconds'
        : `timestamp is ${offsetS} s from server time; ±${skewS} s allowed`,
    })
  }
  if (nonce.length > NONCE_LENGTH_MAX) {
    throw signError('nonce_str 过长 / nonce_str is too long', {
      field: 'nonce_str',
      location: 'authorization',
      issue: `at most ${NONCE_LENGTH_MAX} characters`,
    })
  }
  const credentials = await ctx.db
    .selectFrom('merchant_api_credentials')
    .select(['merchant_serial_no', 'merchant_public_key_pem'])
    .where('merchant_id', '=', mchid)
    .executeTakeFirst()
  if (credentials === undefined) {
    throw signError('商户号不存在或未开通 API / unknown mchid or no API credentials', {
      field: 'mchid',
      location: 'authorization',
      issue: `mchid ${JSON.stringify(mchid.slice(0, 32))} has no v3 API credentials`,
    })
  }
  if (serial.toUpperCase() !== credentials.merchant_serial_no) {
    throw signError('商户证书序列号有误 / wrong merchant certificate serial', {
      field: 'serial_no',
      location: 'authorization',
      issue: `serial_no is not this merchant's API certificate serial (${credentials.merchant_serial_no})`,
    })
  }
  const message = requestSignMessage(request.method, request.url, timestamp, nonce, request.body)
  if (!verifySha256WithRsa(message, signature, credentials.merchant_public_key_pem)) {
    throw signError('签名错误 / the signature does not match', {
      detail: { issue: 'sign not match' },
      field: 'signature',
      location: 'authorization',
      sign_information: {
        method: request.method,
        url: request.url,
        sign_message_length: Buffer.byteLength(message),
        truncated_sign_message: message.slice(0, TRUNCATED_MESSAGE_LENGTH),
      },
    })
  }
  await claimNonce(ctx, mchid, nonce)
  return { merchantId: mchid, serialNo: credentials.merchant_serial_no }
}

/** Atomically: the first request with this nonce wins, a replay within the window is refused. */
async function claimNonce(ctx: MerchantApiContext, merchantId: string, nonce: string) {
  const inserted = await ctx.db
    .insertInto('merchant_api_nonces')
    .values({ merchant_id: merchantId, nonce, seen_at: new Date(ctx.clock.nowMs()) })
    .onConflict((conflict) => conflict.columns(['merchant_id', 'nonce']).doNothing())
    .returning('nonce')
    .executeTakeFirst()
  if (inserted === undefined) {
    throw signError('请求重放 / this request was already received', {
      field: 'nonce_str',
      location: 'authorization',
      issue: 'nonce_str was used by an earlier request within the timestamp window',
    })
  }
}

/** Nonces older than twice the skew window can no longer pass the timestamp check. */
export async function pruneNonces(ctx: MerchantApiContext): Promise<number> {
  const result = await ctx.db
    .deleteFrom('merchant_api_nonces')
    .where('seen_at', '<', new Date(ctx.clock.nowMs() - 2 * ctx.rules.clockSkewMs))
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}
