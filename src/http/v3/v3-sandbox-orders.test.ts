/**
 * The sandbox's order controls through wechatpay-axios-plugin, unmodified (it verifies every
 * answer's signature): a sandbox payer pays a native order through the payment core; NOT_ENOUGH
 * is the core's own refusal for the unfunded payer; BANK_LIMIT_EXCEEDED leaves the order NOTPAY;
 * a named user pays with their own money; a codepay order waits USERPAYING until confirmed;
 * unsigned calls are refused and without LQ_SANDBOX the routes do not exist.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MerchantCredentials } from '../../modules/merchant-api/index.ts'
import { createTestApp, type TestApp } from '../../test-support/app.ts'
import { startV3Server } from '../../test-support/v3-world.ts'
import { testDatabaseKind } from '../../test-support/database.ts'
import { expectBooksAgree, openShop } from '../../test-support/payments.ts'
import { axiosClient } from '../../test-support/wechatpay-sdks.ts'
import { SANDBOX_PAYER_PHONES, SANDBOX_PAYMENT_PASSWORD } from './sandbox-payers.ts'

let app: TestApp
let closeBank: () => Promise<void>
let baseUrl: string
let credentials: MerchantCredentials
// biome-ignore lint: the SDK is plain JS
let wxpay: any
let sequence = 0
const tradeNo = () => `V3S${Date.now()}${++sequence}`

beforeAll(async () => {
  ;({ app, baseUrl, closeBank } = await startV3Server())
  const shop = await openShop(app, '沙箱小铺')
  credentials = await app.merchantApi.issueCredentials({ merchantId: shop.merchantId })
  wxpay = axiosClient(baseUrl, credentials, credentials.merchant_private_key_pem as string)
})

afterAll(async () => {
  await app?.close()
  await closeBank?.()
})

async function nativeOrder(total: number) {
  const outTradeNo = tradeNo()
  await wxpay.v3.pay.transactions.native.post({
    appid: credentials.appid,
    mchid: credentials.mchid,
    description: '沙箱商品',
    out_trade_no: outTradeNo,
    notify_url: 'http://127.0.0.1:9/notify',
    amount: { total },
  })
  return outTradeNo
}

const sandboxPay = (outTradeNo: string, body: Record<string, unknown> = {}) =>
  wxpay.sandbox.v1.orders.$out_trade_no$.pay
    .post({ mchid: credentials.mchid, ...body }, { out_trade_no: outTradeNo })
    .catch((error: { response?: { status: number; data: unknown } }) => {
      if (error.response === undefined) throw error
      return error.response
    })

const query = async (outTradeNo: string) =>
  (
    await wxpay.v3.pay.transactions.outTradeNo.$out_trade_no$.get({
      params: { mchid: credentials.mchid },
      out_trade_no: outTradeNo,
    })
  ).data

describe(`sandbox orders on ${testDatabaseKind()}`, () => {
  it('pays through the core, fails as asked, and answers a paid order again the same', async () => {
    const outTradeNo = await nativeOrder(2_345)
    const broke = await sandboxPay(outTradeNo, { outcome: 'NOT_ENOUGH' })
    expect(broke.status).toBe(200)
    expect(broke.data).toMatchObject({
      trade_state: 'NOTPAY',
      sandbox: { outcome: 'NOT_ENOUGH', result: 'FAILED', code: 'NOT_ENOUGH' },
    })
    const limited = await sandboxPay(outTradeNo, { outcome: 'BANK_LIMIT_EXCEEDED' })
    expect(limited.data).toMatchObject({ trade_state: 'NOTPAY', sandbox: { result: 'FAILED' } })
    const waiting = await sandboxPay(outTradeNo, { outcome: 'USERPAYING' })
    expect(waiting.status).toBe(400)
    expect(waiting.data).toMatchObject({ code: 'INVALID_REQUEST', detail: { field: 'outcome' } })
    const paid = await sandboxPay(outTradeNo)
    expect(paid.data).toMatchObject({
      trade_state: 'SUCCESS',
      amount: { total: 2_345, payer_total: 2_345 },
      sandbox: { outcome: 'SUCCESS', result: 'PAID' },
    })
    expect(await query(outTradeNo)).toMatchObject({
      trade_state: 'SUCCESS',
      transaction_id: paid.data.transaction_id,
    })
    const again = await sandboxPay(outTradeNo)
    expect(again.data.transaction_id).toBe(paid.data.transaction_id)
    await expectBooksAgree(app)
  })

  it('has a named user pay with their own money, and refuses an unknown one', async () => {
    const user = await app.identity.ensureUser('13800000002')
    await app.security.verifyRealName({
      userId: user.id,
      realName: '李娜',
      idNumber: '310104199207180227',
    })
    await app.security.setPaymentPassword({ userId: user.id, password: SANDBOX_PAYMENT_PASSWORD })
    const outTradeNo = await nativeOrder(500)
    const named = await sandboxPay(outTradeNo, { payer: '13800000002' })
    // 李娜 has no balance: the core refuses her, where the sandbox payer would have paid.
    expect(named.data).toMatchObject({ trade_state: 'NOTPAY', sandbox: { code: 'NOT_ENOUGH' } })
    const unknown = await sandboxPay(outTradeNo, { payer: '13912345678' })
    expect(unknown.status).toBe(400)
    expect(unknown.data).toMatchObject({ code: 'PARAM_ERROR', detail: { field: 'payer' } })
    const missing = await sandboxPay('NO_SUCH_ORDER_9')
    expect(missing.data).toMatchObject({ code: 'ORDER_NOT_EXIST' })
  })

  it('leaves a codepay order USERPAYING until the sandbox confirms it', async () => {
    await sandboxPay(await nativeOrder(100)) // makes the sandbox payer
    const payer = await app.identity.findUserByPhone(SANDBOX_PAYER_PHONES.funded)
    const code = await app.payments.issuePaymentCode(payer?.id as string)
    const outTradeNo = tradeNo()
    const collected = await app.payments.collectByCode(credentials.mchid, {
      outTradeNo,
      authCode: code.code,
      amountFen: 88_800,
      description: '付款码商品',
    })
    expect(collected.payment.status).toBe('USERPAYING')
    const waiting = await sandboxPay(outTradeNo, { outcome: 'USERPAYING' })
    expect(waiting.data).toMatchObject({
      trade_state: 'USERPAYING',
      sandbox: { result: 'USERPAYING' },
    })
    const confirmed = await wxpay.sandbox.v1.orders.$out_trade_no$.confirm.post(
      { mchid: credentials.mchid },
      { out_trade_no: outTradeNo },
    )
    expect(confirmed.data).toMatchObject({ trade_state: 'SUCCESS', sandbox: { result: 'PAID' } })
    expect(await query(outTradeNo)).toMatchObject({ trade_state: 'SUCCESS' })
    await expectBooksAgree(app)
  })

  it('refuses unsigned calls; without LQ_SANDBOX the routes are not there', async () => {
    const unsigned = await app.server.inject({
      method: 'POST',
      url: '/sandbox/v1/orders/ABCDEF1/pay',
      payload: { mchid: credentials.mchid },
    })
    expect(unsigned.statusCode).toBe(401)
    expect(unsigned.json()).toMatchObject({ code: 'SIGN_ERROR' })
    const production = await createTestApp({ sandbox: false })
    try {
      const absent = await production.server.inject({
        method: 'POST',
        url: '/sandbox/v1/orders/ABCDEF1/pay',
        payload: { mchid: credentials.mchid },
      })
      expect(absent.statusCode).toBe(404)
    } finally {
      await production.close()
    }
  })
})
