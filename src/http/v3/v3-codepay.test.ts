/**
 * 付款码 over v3 (codepay + reverse) with both real SDKs in both platform-key modes: under the
 * customer's 免密 limit it completes at once; over it the answer is 202 USERPAYING (query says
 * USERPAYING) until the customer confirms on the phone; reverse cancels an unpaid one and
 * refunds a paid one (query then REVOKED). node-v3 wraps no codepay method: it is driven
 * through its own request signing and transport, exactly as its wrapped methods do.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDatabaseKind } from '../../test-support/database.ts'
import { call, type Customer, expectBooksAgree, PIN } from '../../test-support/payments.ts'
import {
  nodeV3Answer,
  openIdOf,
  settle,
  startV3World,
  v3TradeNo,
  type V3Merchant,
  type V3World,
} from '../../test-support/v3-world.ts'

let world: V3World

beforeAll(async () => {
  world = await startV3World()
  const settings = await call(world.app, 'PUT', '/api/v1/pay/settings', world.zhang.auth, {
    passwordless: { enabled: true, perPaymentFen: 50_000, dailyFen: 100_000 },
    paymentPassword: PIN.password,
  })
  expect(settings.statusCode, settings.body).toBe(200)
})

afterAll(async () => {
  await world?.close()
})

async function paymentCode(customer: Customer): Promise<string> {
  const issued = await call(world.app, 'POST', '/api/v1/pay/payment-codes', customer.auth)
  expect(issued.statusCode, issued.body).toBe(200)
  return issued.json().code
}

function codepayBody(merchant: V3Merchant, outTradeNo: string, authCode: string, total: number) {
  return {
    appid: merchant.credentials.appid,
    mchid: merchant.credentials.mchid,
    description: '收银台',
    out_trade_no: outTradeNo,
    payer: { auth_code: authCode },
    amount: { total, currency: 'CNY' },
    scene_info: { device_id: 'POS-1', store_info: { id: '0001' } },
  }
}

const OFFICIAL = 'https://api.mch.weixin.qq.com'

/** node-v3's own signing and transport for a path it does not wrap (as its methods do). */
async function nodeV3Post(merchant: V3Merchant, path: string, body: Record<string, unknown>) {
  const pay = merchant.nodeV3
  const url = `${OFFICIAL}${path}`
  const authorization = pay.buildAuthorization('POST', url, body)
  const headers = pay.getHeaders(authorization, { 'Content-Type': 'application/json' })
  return nodeV3Answer(await pay.httpService.post(url, body, headers))
}

function axiosCodepay(merchant: V3Merchant, body: unknown) {
  return settle(merchant.axios.v3.pay.transactions.codepay.post(body))
}

function axiosReverse(merchant: V3Merchant, outTradeNo: string) {
  const { appid, mchid } = merchant.credentials
  return settle(
    merchant.axios.v3.pay.transactions.outTradeNo.$out_trade_no$.reverse.post(
      { appid, mchid },
      { out_trade_no: outTradeNo },
    ),
  )
}

async function queryState(merchant: V3Merchant, outTradeNo: string) {
  return nodeV3Answer(await merchant.nodeV3.query({ out_trade_no: outTradeNo })).data
}

describe.each(['pubkey', 'cert'])(`v3 codepay on ${testDatabaseKind()}, %s mode`, (mode) => {
  const m = () => world.merchants.find((merchant) => merchant.mode === mode) as V3Merchant

  it('免密 (axios-plugin): completes at once, replays the same answer, reverse refunds it', async () => {
    const merchant = m()
    const outTradeNo = v3TradeNo('CP')
    const body = codepayBody(merchant, outTradeNo, await paymentCode(world.zhang), 800)
    const paid = await axiosCodepay(merchant, body)
    expect(paid.status, JSON.stringify(paid.data)).toBe(200)
    expect(paid.data).toMatchObject({
      appid: merchant.credentials.appid,
      mchid: merchant.credentials.mchid,
      out_trade_no: outTradeNo,
      trade_type: 'MICROPAY',
      trade_state: 'SUCCESS',
      transaction_id: expect.stringMatching(/^4200\d{24}$/),
      payer: { openid: await openIdOf(world, world.zhang, merchant.credentials.appid) },
      amount: { total: 800, payer_total: 800, currency: 'CNY' },
    })
    const again = await axiosCodepay(merchant, body)
    expect(again.data.transaction_id).toBe(paid.data.transaction_id)
    const other = await axiosCodepay(merchant, { ...body, amount: { total: 900 } })
    expect(other).toMatchObject({ status: 403, data: { code: 'OUT_TRADE_NO_USED' } })
    const closing = nodeV3Answer(await merchant.nodeV3.close(outTradeNo))
    expect(closing).toMatchObject({ status: 403, data: { code: 'TRADE_ERROR' } })
    const reversed = await axiosReverse(merchant, outTradeNo)
    expect(reversed).toEqual({
      status: 200,
      data: {
        appid: merchant.credentials.appid,
        mchid: merchant.credentials.mchid,
        out_trade_no: outTradeNo,
      },
    })
    expect(await queryState(merchant, outTradeNo)).toMatchObject({ trade_state: 'REVOKED' })
    const payment = await world.app.payments.getMerchantPayment(
      merchant.credentials.mchid,
      paid.data.transaction_id,
    )
    expect(payment).toMatchObject({ refundStatus: 'FULL', refundedFen: 800 })
    expect((await axiosReverse(merchant, outTradeNo)).status).toBe(200)
    expect(
      await world.app.payments.getMerchantPayment(merchant.credentials.mchid, payment.id),
    ).toMatchObject({ refundedFen: 800 })
  })

  it('over the limit (node-v3): 202 USERPAYING until the customer confirms on the phone', async () => {
    const merchant = m()
    const outTradeNo = v3TradeNo('UP')
    const body = codepayBody(merchant, outTradeNo, await paymentCode(world.zhang), 60_000)
    const waiting = await nodeV3Post(merchant, '/v3/pay/transactions/codepay', body)
    expect(waiting).toMatchObject({ status: 202, data: { code: 'USERPAYING' } })
    expect(await queryState(merchant, outTradeNo)).toMatchObject({
      trade_state: 'USERPAYING',
      amount: { total: 60_000 },
    })
    const pending = await call(world.app, 'GET', '/api/v1/pay/pending', world.zhang.auth)
    const paymentId = pending
      .json()
      .payments.find((p: { outTradeNo: string }) => p.outTradeNo === outTradeNo)?.id
    expect(paymentId).toMatch(/^4200/)
    const confirmed = await call(
      world.app,
      'POST',
      `/api/v1/pay/pending/${paymentId}/confirm`,
      world.zhang.auth,
      {
        payMethod: { kind: 'balance' },
        method: PIN,
      },
    )
    expect(confirmed.json()).toMatchObject({ status: 'SUCCESS' })
    expect(await queryState(merchant, outTradeNo)).toMatchObject({
      trade_state: 'SUCCESS',
      trade_type: 'MICROPAY',
      transaction_id: paymentId,
    })
    const replay = await nodeV3Post(merchant, '/v3/pay/transactions/codepay', body)
    expect(replay).toMatchObject({
      status: 200,
      data: { trade_state: 'SUCCESS', transaction_id: paymentId },
    })
  })

  it('reverse (node-v3) cancels one still USERPAYING: the customer can no longer confirm it', async () => {
    const merchant = m()
    const outTradeNo = v3TradeNo('RV')
    const body = codepayBody(merchant, outTradeNo, await paymentCode(world.li), 1_000)
    expect((await axiosCodepay(merchant, body)).data).toMatchObject({ code: 'USERPAYING' })
    const { appid, mchid } = merchant.credentials
    const path = `/v3/pay/transactions/out-trade-no/${outTradeNo}/reverse`
    const reversed = await nodeV3Post(merchant, path, { appid, mchid })
    expect(reversed).toMatchObject({ status: 200, data: { out_trade_no: outTradeNo } })
    expect(await queryState(merchant, outTradeNo)).toMatchObject({ trade_state: 'REVOKED' })
    const pending = await call(world.app, 'GET', '/api/v1/pay/pending', world.li.auth)
    expect(pending.json().payments.map((p: { outTradeNo: string }) => p.outTradeNo)).not.toContain(
      outTradeNo,
    )
  })

  it('refuses bad codes, a foreign appid, missing scene_info; reverse of a native or unknown order', async () => {
    const merchant = m()
    const invalid = await axiosCodepay(
      merchant,
      codepayBody(merchant, v3TradeNo('BD'), '134567890123456789', 100),
    )
    expect(invalid).toMatchObject({
      status: 400,
      data: { code: 'AUTH_CODE_INVALID', detail: { field: 'payer.auth_code' } },
    })
    const code = await paymentCode(world.zhang)
    await axiosCodepay(merchant, codepayBody(merchant, v3TradeNo('OK'), code, 100))
    const used = await axiosCodepay(merchant, codepayBody(merchant, v3TradeNo('US'), code, 100))
    expect(used).toMatchObject({
      status: 400,
      data: { code: 'AUTH_CODE_INVALID', detail: { lingqian_code: 'PAYMENT_CODE_USED' } },
    })
    const foreign = await axiosCodepay(merchant, {
      ...codepayBody(merchant, v3TradeNo('FA'), code, 100),
      appid: 'wx0000000000000000',
    })
    expect(foreign).toMatchObject({ status: 400, data: { code: 'APPID_MCHID_NOT_MATCH' } })
    const { scene_info: _, ...noScene } = codepayBody(merchant, v3TradeNo('NS'), code, 100)
    expect(await axiosCodepay(merchant, noScene)).toMatchObject({
      status: 400,
      data: { code: 'PARAM_ERROR' },
    })
    const nativeNo = v3TradeNo('NA')
    await merchant.axios.v3.pay.transactions.native.post({
      appid: merchant.credentials.appid,
      mchid: merchant.credentials.mchid,
      description: '扫码',
      out_trade_no: nativeNo,
      notify_url: 'https://merchant.example.com/notify',
      amount: { total: 100 },
    })
    expect(await axiosReverse(merchant, nativeNo)).toMatchObject({
      status: 403,
      data: { code: 'TRADE_ERROR' },
    })
    expect(await axiosReverse(merchant, 'NO_SUCH_ORDER')).toMatchObject({
      status: 404,
      data: { code: 'ORDER_NOT_EXIST' },
    })
    await expectBooksAgree(world.app)
  })
})
