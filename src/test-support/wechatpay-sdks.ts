/**
 * The two real WeChat Pay SDKs from npm, unmodified, pointed at a running Lingqian server:
 * `wechatpay-axios-plugin` through its `baseURL` option, `wechatpay-node-v3` through its only
 * seam, `createHttp` (a transport that rewrites the hard-coded official origin to ours).
 */
import { createRequire } from 'node:module'
import type { MerchantCredentials } from '../modules/merchant-api/index.ts'

const require = createRequire(import.meta.url)
const OFFICIAL_ORIGIN = 'https://api.mch.weixin.qq.com'

// biome-ignore lint: the SDKs ship no (or partial) types; tests use them as plain JS.
type Loose = any

export const axiosPlugin: Loose = require('wechatpay-axios-plugin')

/** axios-plugin verifies every 2xx answer against `certs` (the platform keys we trust). */
export function axiosClient(
  baseUrl: string,
  credentials: MerchantCredentials,
  privateKeyPem: string,
) {
  const { Wechatpay } = axiosPlugin
  const certs: Record<string, string> = {}
  for (const key of credentials.platform_keys) certs[key.id] = key.pem
  return new Wechatpay({
    baseURL: `${baseUrl}/`,
    mchid: credentials.mchid,
    serial: credentials.merchant_serial_no,
    privateKey: privateKeyPem,
    certs,
  }) as Loose
}

/** node-v3 never verifies answers itself; it reads its serial (lower-case) from the cert. */
export function nodeV3Client(
  baseUrl: string,
  credentials: MerchantCredentials,
  privateKeyPem: string,
) {
  const WxPay: Loose = require('wechatpay-node-v3')
  const { PayRequest }: Loose = require('wechatpay-node-v3/dist/lib/pay-request.js')
  const rewrite = (url: string) =>
    url.startsWith(OFFICIAL_ORIGIN) ? baseUrl + url.slice(OFFICIAL_ORIGIN.length) : url
  class RewritingTransport extends PayRequest {
    post(url: string, params: unknown, headers: unknown) {
      return super.post(rewrite(url), params, headers)
    }
    get(url: string, headers: unknown) {
      return super.get(rewrite(url), headers)
    }
  }
  const pay = new WxPay({
    appid: credentials.appid,
    mchid: credentials.mchid,
    publicKey: Buffer.from(credentials.merchant_certificate_pem),
    privateKey: Buffer.from(privateKeyPem),
    key: credentials.apiv3_key,
  })
  pay.createHttp(new RewritingTransport())
  return { pay, WxPay }
}
