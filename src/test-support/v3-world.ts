/**
 * One running server for the v3 conformance tests: a merchant in each platform-key mode
 * (public key and certificate), both real SDKs for each, and wallet customers. The clock
 * starts at real time (the SDKs compare our timestamps with theirs) and tests move it by less
 * than the 300 s the SDKs allow.
 */
import { expect } from 'vitest'
import { ManualClock } from '../adapters/clock/index.ts'
import type { MerchantCredentials, PlatformKeyMode } from '../modules/merchant-api/index.ts'
import { createTestApp, type TestApp } from './app.ts'
import { startTestBank } from './bank.ts'
import { type Customer, call, openCustomer, openShop, PIN, ZHANG } from './payments.ts'
import { axiosClient, nodeV3Client } from './wechatpay-sdks.ts'

// biome-ignore lint: the SDKs ship no (or partial) types; tests use them as plain JS.
type Loose = any

export interface V3Merchant {
  mode: PlatformKeyMode
  credentials: MerchantCredentials
  privateKeyPem: string
  /** wechatpay-axios-plugin: verifies every 2xx answer's signature itself. */
  axios: Loose
  /** wechatpay-node-v3 through its createHttp seam; `WxPay` for its static certificates. */
  nodeV3: Loose
}

export interface V3World {
  app: TestApp
  baseUrl: string
  merchants: V3Merchant[]
  zhang: Customer
  li: Customer
  close(): Promise<void>
}

async function openV3Merchant(
  app: TestApp,
  baseUrl: string,
  mode: PlatformKeyMode,
): Promise<V3Merchant> {
  const shop = await openShop(app, mode === 'cert' ? '证书小铺' : '公钥小铺')
  const credentials = await app.merchantApi.issueCredentials({
    merchantId: shop.merchantId,
    platformKeyMode: mode,
  })
  expect(credentials.platform_key_mode).toBe(mode)
  const privateKeyPem = credentials.merchant_private_key_pem as string
  const { pay, WxPay } = nodeV3Client(baseUrl, credentials, privateKeyPem)
  // node-v3 has no public-key mode: its documented work-around seeds the static key map.
  for (const key of credentials.platform_keys) WxPay.certificates[key.id] = key.pem
  return {
    mode,
    credentials,
    privateKeyPem,
    axios: axiosClient(baseUrl, credentials, privateKeyPem),
    nodeV3: pay,
  }
}

/**
 * A listening test server beside its bank simulator, for the SDKs to call over HTTP. The clock
 * starts at real time: the SDKs compare our timestamps with their own clock.
 */
export async function startV3Server(): Promise<{
  app: TestApp
  baseUrl: string
  closeBank: () => Promise<void>
}> {
  const clock = new ManualClock(Date.now())
  const bank = await startTestBank({ clock: () => clock.nowMs() })
  const app = await createTestApp({ bankUrl: bank.url, clock })
  const listening = await app.server.listen({ host: '127.0.0.1', port: 0 })
  return {
    app,
    baseUrl: listening.replace('localhost', '127.0.0.1'),
    closeBank: () => bank.close(),
  }
}

export async function startV3World(): Promise<V3World> {
  const { app, baseUrl, closeBank } = await startV3Server()
  const merchants = [
    await openV3Merchant(app, baseUrl, 'pubkey'),
    await openV3Merchant(app, baseUrl, 'cert'),
  ]
  const zhang = await openCustomer(app, ZHANG.phone, ZHANG.debit, 200_000)
  const li = await openCustomer(app, '13800000002', '6217000000000000020', 50_000)
  return {
    app,
    baseUrl,
    merchants,
    zhang,
    li,
    async close() {
      await app.close()
      await closeBank()
    },
  }
}

let sequence = 0
export const v3TradeNo = (prefix = 'V3') => `${prefix}${Date.now()}${++sequence}`

/** The rejection of an axios-plugin call as `{status, data}` (or the answer if it resolved). */
export function settle(promise: Promise<Loose>): Promise<{ status: number; data: Loose }> {
  return promise.then(
    (response) => ({ status: response.status, data: response.data }),
    (error: Loose) => {
      if (error.response === undefined) throw error
      return { status: error.response.status, data: error.response.data }
    },
  )
}

/** A node-v3 answer as `{status, data}`: its transport resolves errors with the raw text. */
export function nodeV3Answer(result: Loose): { status: number; data: Loose } {
  return { status: result.status, data: result.data ?? JSON.parse(result.error ?? 'null') }
}

/** The customer's openid for the merchant's app, as our wallet tells them. */
export async function openIdOf(world: V3World, customer: Customer, appId: string) {
  const answer = await call(world.app, 'GET', `/api/v1/pay/openid?appid=${appId}`, customer.auth)
  expect(answer.statusCode, answer.body).toBe(200)
  return answer.json().openid as string
}

export function prepayCheckout(world: V3World, customer: Customer, invocation: unknown) {
  return call(world.app, 'POST', '/api/v1/pay/prepay/checkout', customer.auth, { invocation })
}

let keySequence = 0
export function prepayPay(world: V3World, customer: Customer, invocation: unknown, key?: string) {
  return call(world.app, 'POST', '/api/v1/pay/prepay/payments', customer.auth, {
    invocation,
    idempotencyKey: key ?? `v3-prepay-${++keySequence}`,
    payMethod: { kind: 'balance' },
    method: PIN,
  })
}
