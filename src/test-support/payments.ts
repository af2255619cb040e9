/**
 * Paying merchants in tests: an app with the bank simulator, a merchant with a signed-in
 * cashier, customers with a bound card and a topped-up balance, and short HTTP helpers.
 */
import { expect } from 'vitest'
import { ManualClock } from '../adapters/clock/index.ts'
import type { PaymentRules } from '../modules/payments/index.ts'
import { reconcileDay } from '../modules/reconciliation/index.ts'
import { shanghaiDate } from '../shared/shanghai-time.ts'
import { createTestApp, type TestApp } from './app.ts'
import { startTestBank, type TestBank } from './bank.ts'
import {
  bindCard,
  moneyRequest,
  openWalletUser,
  TEST_PAYMENT_PASSWORD,
  type WalletUser,
} from './wallet-user.ts'

export const PIN = { kind: 'password', password: TEST_PAYMENT_PASSWORD } as const
export const ZHANG = { phone: '13800000001', debit: '6222020000000000018' }

export interface PayWorld {
  app: TestApp
  bank: TestBank
  close(): Promise<void>
}

export async function startPayWorld(paymentRules?: Partial<PaymentRules>): Promise<PayWorld> {
  const clock = new ManualClock()
  const bank = await startTestBank({ clock: () => clock.nowMs(), hangMs: 1_500 })
  const app = await createTestApp({
    bankUrl: bank.url,
    clock,
    bankTimeoutMs: 500,
    ...(paymentRules ? { paymentRules } : {}),
  })
  return {
    app,
    bank,
    async close() {
      await app.close()
      await bank.close()
    },
  }
}

export interface Shop {
  merchantId: string
  auth: { authorization: string }
}

let shopSequence = 0

export async function openShop(app: TestApp, storeName = '零钱咖啡'): Promise<Shop> {
  const onboarded = await app.merchants.onboard(
    { kind: 'system' },
    {
      creationKey: `test-shop-${++shopSequence}`,
      legalName: `${storeName}有限公司`,
      storeName,
      category: '5814',
      settlementCardNumber: '6212260000000000018',
    },
  )
  const signedIn = await app.server.inject({
    method: 'POST',
    url: '/api/v1/merchant/sessions',
    payload: { username: onboarded.owner.username, password: onboarded.owner.password },
  })
  expect(signedIn.statusCode, signedIn.body).toBe(200)
  return {
    merchantId: onboarded.merchant.id,
    auth: { authorization: `Bearer ${signedIn.json().token}` },
  }
}

export interface Customer extends WalletUser {
  cardId: string
}

/** A verified customer with `cardNumber` bound and `balanceFen` topped up from it. */
export async function openCustomer(
  app: TestApp,
  phone: string,
  cardNumber: string,
  balanceFen: number,
): Promise<Customer> {
  const user = await openWalletUser(app, phone)
  const cardId = await bindCard(app, user, { cardNumber })
  if (balanceFen > 0) {
    const topUp = await moneyRequest(app, user, 'top-ups', cardId, balanceFen)
    expect(topUp.json().status, topUp.body).toBe('SUCCEEDED')
  }
  return { ...user, cardId }
}

export function call(
  app: TestApp,
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  auth: { authorization: string },
  payload?: unknown,
) {
  return app.server.inject({
    method,
    url,
    headers: auth,
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  })
}

let keySequence = 0
export const nextKey = () => `pay-key-${++keySequence}`
let tradeSequence = 0
export const nextTradeNo = () => `T${Date.now()}${++tradeSequence}`

export async function createOrder(app: TestApp, shop: Shop, amountFen: number, extra = {}) {
  const response = await call(app, 'POST', '/api/v1/merchant/orders', shop.auth, {
    outTradeNo: nextTradeNo(),
    amountFen,
    description: '拿铁咖啡',
    ...extra,
  })
  expect(response.statusCode, response.body).toBe(201)
  const order = response.json()
  return { ...order, token: String(order.payUrl).split('/pay/o/')[1] as string }
}

export function payOrder(
  app: TestApp,
  user: { auth: { authorization: string } },
  token: string,
  payMethod: unknown = { kind: 'balance' },
  idempotencyKey = nextKey(),
  method: unknown = PIN,
) {
  return call(app, 'POST', `/api/v1/pay/orders/${token}/payments`, user.auth, {
    idempotencyKey,
    payMethod,
    method,
  })
}

/** The books agree: ledger check clean, reconciliation with the bank 0 mismatches. */
export async function expectBooksAgree(app: TestApp): Promise<void> {
  const report = await app.ledger.check()
  expect(report.problems).toEqual([])
  const reconciliation = await reconcileDay(
    { ledger: app.ledger, bank: app.bank },
    shanghaiDate(app.clock.nowMs()),
  )
  expect(reconciliation.mismatches).toEqual([])
}
