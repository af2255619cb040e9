/**
 * Signing what we send a merchant (reference §3): every response — 2xx, 204 with an empty body,
 * and errors — and every notification, over the exact bytes sent, with the platform key the
 * request chose (Wechatpay-Serial) or the merchant's default.
 */
import type { MerchantApiContext } from './context.ts'
import { platformSigner } from './platform-keys.ts'
import { newNonce, responseSignMessage, signSha256WithRsa } from './signatures.ts'

export interface SignatureHeaders {
  'Wechatpay-Timestamp': string
  'Wechatpay-Nonce': string
  'Wechatpay-Serial': string
  'Wechatpay-Signature': string
  'Wechatpay-Signature-Type': 'WECHATPAY2-SHA256-RSA2048'
}

export async function signForMerchant(
  ctx: MerchantApiContext,
  merchantId: string,
  requestedKeyId: string | undefined,
  body: string,
  options: { forceBadSignature?: 'garbled' | 'probe' } = {},
): Promise<SignatureHeaders | undefined> {
  const signer = await platformSigner(ctx, merchantId, requestedKeyId)
  if (signer === undefined) return undefined
  const timestamp = String(Math.floor(ctx.clock.nowMs() / 1000))
  const nonce = newNonce()
  let signature = signSha256WithRsa(
    responseSignMessage(timestamp, nonce, body),
    signer.privateKeyPem,
  )
  // Sandbox only: deliberately wrong signatures so merchants can test their verification.
  if (options.forceBadSignature === 'probe') signature = `WECHATPAY/SIGNTEST/${signature}`
  if (options.forceBadSignature === 'garbled') signature = signature.split('').reverse().join('')
  return {
    'Wechatpay-Timestamp': timestamp,
    'Wechatpay-Nonce': nonce,
    'Wechatpay-Serial': signer.id,
    'Wechatpay-Signature': signature,
    'Wechatpay-Signature-Type': 'WECHATPAY2-SHA256-RSA2048',
  }
}
