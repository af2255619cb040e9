/**
 * A v3 merchant for tests: a shop with API credentials in either platform-key mode, orders
 * placed through the real axios-plugin SDK and paid by a wallet customer, and notifications
 * checked the way merchants check them — with each SDK's own helpers (wechatpay-axios-plugin's
 * Rsa.verify + Aes.AesGcm.decrypt, which checks the GCM tag; wechatpay-node-v3's verifySign +
 * decipher_gcm, which fetches /v3/certificates itself in certificate mode).
 */
import { expect } from 'vitest'
import type { MerchantCredentials, PlatformKeyMode } from '../modules/merchant-api/index.ts'
import type { TestApp } from './app.ts'
import type { ReceivedNotification } from './notify-receiver.ts'
import { type Customer, openShop, payOrder, type Shop } from './payments.ts'
import { axiosClient, axiosPlugin, nodeV3Client } from './wechatpay-sdks.ts'

export interface V3Shop {
  shop: Shop
  credentials: MerchantCredentials
  privateKeyPem: string
  // biome-ignore lint: the SDK ships no types.
  wxpay: any
  // biome-ignore lint: the SDK ships no types.
  nodeV3: { pay: any; WxPay: any }
}

export async function openV3Shop(
  app: TestApp,
  baseUrl: string,
  mode: PlatformKeyMode,
  name = '通知小铺',
): Promise<V3Shop> {
  const shop = await openShop(app, name)
  const credentials = await app.merchantApi.issueCredentials({
    merchantId: shop.merchantId,
    platformKeyMode: mode,
  })
  const privateKeyPem = credentials.merchant_private_key_pem as string
  return {
    shop,
    credentials,
    privateKeyPem,
    wxpay: axiosClient(baseUrl, credentials, privateKeyPem),
    nodeV3: nodeV3Client(baseUrl, credentials, privateKeyPem),
  }
}

let sequence = 0
export const v3TradeNo = () => `NT${Date.now()}${++sequence}`

export interface PlacedOrder {
  outTradeNo: string
  token: string
}

/** Places a native order through axios-plugin (signed with real time: before the Clock moves). */
export async function placeOrder(
  v3: V3Shop,
  notifyUrl: string,
  totalFen = 1_000,
): Promise<PlacedOrder> {
  const outTradeNo = v3TradeNo()
  const placed = await v3.wxpay.v3.pay.transactions.native.post({
    appid: v3.credentials.appid,
    mchid: v3.credentials.mchid,
    description: '通知测试商品',
    out_trade_no: outTradeNo,
    notify_url: notifyUrl,
    amount: { total: totalFen, currency: 'CNY' },
  })
  return { outTradeNo, token: String(placed.data.code_url).split('/').at(-1) as string }
}

/** `customer` pays the order from the balance through the payments core. */
export async function payPlaced(
  app: TestApp,
  customer: Customer,
  order: PlacedOrder,
): Promise<{ outTradeNo: string; paymentId: string }> {
  const paid = await payOrder(
    app,
    customer,
    order.token,
    { kind: 'balance' },
    `v3n-${order.outTradeNo}`,
  )
  expect(paid.statusCode, paid.body).toBe(200)
  return { outTradeNo: order.outTradeNo, paymentId: paid.json().id }
}

/** Both at once (while the Clock is still near real time). */
export async function placeAndPay(
  app: TestApp,
  v3: V3Shop,
  customer: Customer,
  notifyUrl: string,
  totalFen = 1_000,
) {
  return payPlaced(app, customer, await placeOrder(v3, notifyUrl, totalFen))
}

export interface OpenedNotification {
  event: Record<string, unknown>
  resource: Record<string, unknown>
}

/** Verifies and decrypts `received` with both SDKs' helpers; they must agree. */
export async function openWithBothSdks(
  v3: V3Shop,
  received: ReceivedNotification,
): Promise<OpenedNotification> {
  const { Rsa, Formatter, Aes } = axiosPlugin
  const headers = received.headers
  const serial = headers['wechatpay-serial'] as string
  const platformPem = v3.credentials.platform_keys.find((key) => key.id === serial)?.pem
  expect(platformPem, `a platform key ${serial}`).toBeDefined()
  const message = Formatter.joinedByLineFeed(
    headers['wechatpay-timestamp'],
    headers['wechatpay-nonce'],
    received.body,
  )
  expect(Rsa.verify(message, headers['wechatpay-signature'], platformPem)).toBe(true)
  const event = JSON.parse(received.body) as Record<string, unknown>
  const resource = event.resource as Record<string, string>
  expect(resource.associated_data).not.toBe('')
  expect(resource.original_type).not.toBe('')
  const key = v3.credentials.apiv3_key
  const plain = Aes.AesGcm.decrypt(
    resource.ciphertext,
    key,
    resource.nonce,
    resource.associated_data,
  )
  const { pay, WxPay } = v3.nodeV3
  // Public-key mode: node-v3 cannot fetch a public key, so it is seeded (reference §4.2);
  // certificate mode: verifySign fetches /v3/certificates through the SDK's own transport.
  if (serial.startsWith('PUB_KEY_ID_')) WxPay.certificates[serial] = platformPem
  const verified = await pay.verifySign({
    timestamp: headers['wechatpay-timestamp'],
    nonce: headers['wechatpay-nonce'],
    body: received.body,
    serial,
    signature: headers['wechatpay-signature'],
  })
  expect(verified).toBe(true)
  const deciphered = pay.decipher_gcm(
    resource.ciphertext,
    resource.associated_data,
    resource.nonce,
    key,
  )
  const parsed = JSON.parse(plain) as Record<string, unknown>
  expect(deciphered).toEqual(parsed)
  return { event, resource: parsed }
}
