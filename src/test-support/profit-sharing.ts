/**
 * 分账 in tests: a listening app whose clock starts at real time (the SDKs compare our
 * timestamps with their own), sharer and receiver shops with v3 credentials, customers, and a
 * helper that places a native order with settle_info.profit_sharing through axios-plugin and has
 * a customer pay it through the payments core. Moving to another day moves the test process's
 * Date too (vi.setSystemTime), so the SDKs' signatures stay inside the ±300 s window.
 */
import { expect, vi } from 'vitest'
import { ManualClock } from '../adapters/clock/index.ts'
import type { MerchantCredentials } from '../modules/merchant-api/index.ts'
import { shanghaiDayStartMs } from '../shared/shanghai-time.ts'
import { createTestApp, type TestApp } from './app.ts'
import { startTestBank } from './bank.ts'
import { type Customer, openCustomer, openShop, payOrder, type Shop, ZHANG } from './payments.ts'
import { axiosClient } from './wechatpay-sdks.ts'

export interface SharingWorld {
  app: TestApp
  clock: ManualClock
  baseUrl: string
  zhang: Customer
  li: Customer
  close(): Promise<void>
}

export interface V3Shop extends Shop {
  credentials: MerchantCredentials
  privateKeyPem: string
  legalName: string
}

export async function startSharingWorld(): Promise<SharingWorld> {
  const clock = new ManualClock(Date.now())
  vi.useFakeTimers({ toFake: ['Date'], now: clock.nowMs() })
  const bank = await startTestBank({ clock: () => clock.nowMs() })
  const app = await createTestApp({ bankUrl: bank.url, clock })
  const baseUrl = (await app.server.listen({ host: '127.0.0.1', port: 0 })).replace(
    'localhost',
    '127.0.0.1',
  )
  const zhang = await openCustomer(app, ZHANG.phone, ZHANG.debit, 100_000)
  const li = await openCustomer(app, '13800000002', '6217000000000000020', 10_000)
  return {
    app,
    clock,
    baseUrl,
    zhang,
    li,
    async close() {
      vi.useRealTimers()
      await app.close()
      await bank.close()
    },
  }
}

export async function openV3Shop(
  world: SharingWorld,
  storeName: string,
  platformKeyMode: 'pubkey' | 'cert' = 'pubkey',
): Promise<V3Shop> {
  const shop = await openShop(world.app, storeName)
  const credentials = await world.app.merchantApi.issueCredentials({
    merchantId: shop.merchantId,
    platformKeyMode,
  })
  return {
    ...shop,
    credentials,
    privateKeyPem: credentials.merchant_private_key_pem as string,
    legalName: `${storeName}有限公司`,
  }
}

/** 00:30 the next Shanghai day, for the app and the SDKs alike. */
export function nextDay(world: SharingWorld): void {
  const target = shanghaiDayStartMs(world.clock.nowMs()) + 24 * 3600_000 + 30 * 60_000
  world.clock.setMs(target)
  vi.setSystemTime(target)
}

let sequence = 0
export const outNo = (prefix: string) => `${prefix}${Date.now()}${++sequence}`

/** A native order placed with the SDK (sharing or not) and paid; its transaction_id. */
export async function paidOrder(
  world: SharingWorld,
  shop: V3Shop,
  payer: Customer,
  totalFen: number,
  profitSharing: boolean,
): Promise<{ transactionId: string; outTradeNo: string }> {
  const wxpay = axiosClient(world.baseUrl, shop.credentials, shop.privateKeyPem)
  const outTradeNo = outNo('PS')
  const placed = await wxpay.v3.pay.transactions.native.post({
    appid: shop.credentials.appid,
    mchid: shop.credentials.mchid,
    description: '分账测试商品',
    out_trade_no: outTradeNo,
    notify_url: 'https://merchant.example.com/notify',
    amount: { total: totalFen },
    ...(profitSharing ? { settle_info: { profit_sharing: true } } : {}),
  })
  const token = String(placed.data.code_url).split('/').at(-1) as string
  const paid = await payOrder(world.app, payer, token, { kind: 'balance' }, `ps-${outTradeNo}`)
  expect(paid.statusCode, paid.body).toBe(200)
  return { transactionId: paid.json().id as string, outTradeNo }
}

/** The payment's net: what the merchant keeps after the fee (what is frozen for sharing). */
export async function netFen(app: TestApp, merchantId: string, transactionId: string) {
  const payment = await app.payments.getMerchantPayment(merchantId, transactionId)
  return payment.amountFen - payment.feeFen
}

/** A merchant's account balance by purpose (pending, settled, sharing frozen). */
export async function merchantBalanceFen(app: TestApp, merchantId: string, purpose: string) {
  const account = await app.ledger.findAccount({
    ownerKind: 'merchant',
    ownerId: merchantId,
    purpose,
    currency: 'CNY',
  })
  return account === undefined ? 0 : (await app.ledger.getBalance(account.id)).postedFen
}

/** What a failed axios-plugin call answered. */
export function failure(error: { response?: { status: number; data: unknown } }) {
  if (error.response === undefined) throw error
  return error.response
}
