/**
 * Native orders through the real SDKs, unmodified: placed (idempotent with the same content,
 * OUT_TRADE_NO_USED with other content, notify_url refused when internal), paid by a wallet
 * user through the payments core, queried by out_trade_no and by transaction_id, and closed
 * (204, signed). axios-plugin verifies every answer's signature itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MerchantCredentials } from '../../modules/merchant-api/index.ts'
import type { TestApp } from '../../test-support/app.ts'
import { startV3Server } from '../../test-support/v3-world.ts'
import { testDatabaseKind } from '../../test-support/database.ts'
import {
  type Customer,
  expectBooksAgree,
  openCustomer,
  openShop,
  payOrder,
  ZHANG,
} from '../../test-support/payments.ts'
import { axiosClient, nodeV3Client } from '../../test-support/wechatpay-sdks.ts'

let app: TestApp
let closeBank: () => Promise<void>
let baseUrl: string
let credentials: MerchantCredentials
let privateKeyPem: string
let zhang: Customer
let sequence = 0
const tradeNo = () => `V3T${Date.now()}${++sequence}`

beforeAll(async () => {
  ;({ app, baseUrl, closeBank } = await startV3Server())
  const shop = await openShop(app, '接口小铺')
  credentials = await app.merchantApi.issueCredentials({ merchantId: shop.merchantId })
  privateKeyPem = credentials.merchant_private_key_pem as string
  zhang = await openCustomer(app, ZHANG.phone, ZHANG.debit, 50_000)
})

afterAll(async () => {
  await app?.close()
  await closeBank?.()
})

function nativeOrder(outTradeNo: string, total = 1_200, extra: Record<string, unknown> = {}) {
  return {
    appid: credentials.appid,
    mchid: credentials.mchid,
    description: '接口测试商品',
    out_trade_no: outTradeNo,
    notify_url: 'https://merchant.example.com/notify',
    amount: { total, currency: 'CNY' },
    ...extra,
  }
}

describe(`v3 native orders on ${testDatabaseKind()}`, () => {
  it('places, pays, queries both ways and refuses to close a paid order (axios-plugin)', async () => {
    const wxpay = axiosClient(baseUrl, credentials, privateKeyPem)
    const outTradeNo = tradeNo()
    const placed = await wxpay.v3.pay.transactions.native.post(nativeOrder(outTradeNo))
    expect(placed.status).toBe(200)
    const codeUrl: string = placed.data.code_url
    expect(codeUrl).toMatch(/\/pay\/o\/[\w-]+$/)
    const again = await wxpay.v3.pay.transactions.native.post(nativeOrder(outTradeNo))
    expect(again.data.code_url).toBe(codeUrl)
    const unpaid = await wxpay.v3.pay.transactions.outTradeNo.$out_trade_no$.get({
      params: { mchid: credentials.mchid },
      out_trade_no: outTradeNo,
    })
    expect(unpaid.data).toMatchObject({ trade_state: 'NOTPAY', amount: { total: 1_200 } })
    const token = codeUrl.split('/').at(-1) as string
    const paid = await payOrder(app, zhang, token, { kind: 'balance' }, `v3-${outTradeNo}`)
    expect(paid.statusCode, paid.body).toBe(200)
    const byNo = await wxpay.v3.pay.transactions.outTradeNo.$out_trade_no$.get({
      params: { mchid: credentials.mchid },
      out_trade_no: outTradeNo,
    })
    expect(byNo.data).toMatchObject({
      appid: credentials.appid,
      mchid: credentials.mchid,
      out_trade_no: outTradeNo,
      transaction_id: paid.json().id,
      trade_type: 'NATIVE',
      trade_state: 'SUCCESS',
      bank_type: 'OTHERS',
      success_time: expect.stringMatching(/\+08:00$/),
      payer: { openid: expect.stringMatching(/^o[\w-]{27}$/) },
      amount: { total: 1_200, payer_total: 1_200, currency: 'CNY' },
    })
    const byId = await wxpay.v3.pay.transactions.id.$transaction_id$.get({
      params: { mchid: credentials.mchid },
      transaction_id: paid.json().id,
    })
    expect(byId.data).toEqual(byNo.data)
    const close = await wxpay.v3.pay.transactions.outTradeNo.$out_trade_no$.close
      .post({ mchid: credentials.mchid }, { out_trade_no: outTradeNo })
      .catch((error: { response: { status: number; data: unknown } }) => error.response)
    expect(close.status).toBe(400)
    expect(close.data).toMatchObject({ code: 'ORDERPAID' })
    await expectBooksAgree(app)
  })

  it('refuses the same out_trade_no with other content, an internal notify_url and a foreign mchid', async () => {
    const wxpay = axiosClient(baseUrl, credentials, privateKeyPem)
    const outTradeNo = tradeNo()
    await wxpay.v3.pay.transactions.native.post(nativeOrder(outTradeNo))
    const refuse = (body: unknown) =>
      wxpay.v3.pay.transactions.native
        .post(body)
        .catch((error: { response: { status: number; data: unknown } }) => error.response)
    const used = await refuse(nativeOrder(outTradeNo, 1_300))
    expect(used.status).toBe(403)
    expect(used.data).toMatchObject({ code: 'OUT_TRADE_NO_USED' })
    for (const url of [
      'http://merchant.example.com/n',
      'https://10.0.0.7/n',
      'https://169.254.169.254/x',
    ]) {
      const internal = await refuse(nativeOrder(tradeNo(), 100, { notify_url: url }))
      expect(internal.status, url).toBe(400)
      expect(internal.data).toMatchObject({ code: 'PARAM_ERROR', detail: { field: 'notify_url' } })
    }
    const foreign = await refuse({ ...nativeOrder(tradeNo()), mchid: '1999999999' })
    expect(foreign.status).toBe(400)
    const badAppId = await refuse({ ...nativeOrder(tradeNo()), appid: 'wx0000000000000000' })
    expect(badAppId.data).toMatchObject({ code: 'APPID_MCHID_NOT_MATCH' })
    const missing = await refuse({ ...nativeOrder(tradeNo()), amount: { total: 0 } })
    expect(missing.data).toMatchObject({ code: 'PARAM_ERROR' })
  })

  it('places, queries and closes an order with wechatpay-node-v3 through its createHttp seam', async () => {
    const { pay } = nodeV3Client(baseUrl, credentials, privateKeyPem)
    const outTradeNo = tradeNo()
    const placed = await pay.transactions_native({
      description: '接口测试商品',
      out_trade_no: outTradeNo,
      notify_url: 'https://merchant.example.com/notify',
      amount: { total: 800 },
    })
    expect(placed.status, JSON.stringify(placed)).toBe(200)
    expect(placed.data.code_url).toMatch(/\/pay\/o\//)
    const queried = await pay.query({ out_trade_no: outTradeNo })
    expect(queried.data).toMatchObject({ trade_state: 'NOTPAY' })
    const closed = await pay.close(outTradeNo)
    expect(closed.status).toBe(204)
    const after = await pay.query({ out_trade_no: outTradeNo })
    expect(after.data).toMatchObject({ trade_state: 'CLOSED' })
    const missing = await pay.query({ out_trade_no: 'NO_SUCH_ORDER_1' })
    expect(missing.status).toBe(404)
    expect(JSON.parse(missing.error)).toMatchObject({ code: 'ORDER_NOT_EXIST' })
  })
})
