/**
 * JSAPI, App and H5 orders through both real SDKs, unmodified, in both platform-key modes:
 * placed (idempotent; OUT_TRADE_NO_USED for other content, another kind or another openid;
 * ORDER_CLOSED once closed or expired), then opened on our pay page with the invocation the
 * SDK signed (node-v3's own paySign, axios-plugin's Rsa.sign), checked (bad, expired, replayed
 * signatures; another user's openid) and paid through the payments core; query shows the kind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectBooksAgree } from '../../test-support/payments.ts'
import { testDatabaseKind } from '../../test-support/database.ts'
import {
  nodeV3Answer,
  openIdOf,
  prepayCheckout,
  prepayPay,
  settle,
  startV3World,
  v3TradeNo,
  type V3Merchant,
  type V3World,
} from '../../test-support/v3-world.ts'
import { axiosPlugin } from '../../test-support/wechatpay-sdks.ts'

let world: V3World

beforeAll(async () => {
  world = await startV3World()
})

afterAll(async () => {
  await world?.close()
})

const NOTIFY = 'https://merchant.example.com/notify'

function order(merchant: V3Merchant, outTradeNo: string, total: number, extra = {}) {
  return {
    appid: merchant.credentials.appid,
    mchid: merchant.credentials.mchid,
    description: '小程序商品',
    out_trade_no: outTradeNo,
    notify_url: NOTIFY,
    amount: { total, currency: 'CNY' },
    ...extra,
  }
}

/** axios-plugin's documented way to sign a JSAPI invocation (README "APIv3数据签名"). */
function axiosJsapiInvocation(merchant: V3Merchant, prepayId: string, timeStamp?: string) {
  const { Rsa, Formatter } = axiosPlugin
  const appId = merchant.credentials.appid
  const ts = timeStamp ?? `${Formatter.timestamp()}`
  const nonceStr = Formatter.nonce()
  const pkg = `prepay_id=${prepayId}`
  const paySign = Rsa.sign(
    Formatter.joinedByLineFeed(appId, ts, nonceStr, pkg),
    merchant.privateKeyPem,
  )
  return { kind: 'JSAPI', appId, timeStamp: ts, nonceStr, package: pkg, signType: 'RSA', paySign }
}

function query(merchant: V3Merchant, outTradeNo: string) {
  return merchant.axios.v3.pay.transactions.outTradeNo.$out_trade_no$.get({
    params: { mchid: merchant.credentials.mchid },
    out_trade_no: outTradeNo,
  })
}

describe.each(['pubkey', 'cert'])(
  `v3 JSAPI/App/H5 orders on ${testDatabaseKind()}, %s mode`,
  (mode) => {
    const m = () => world.merchants.find((merchant) => merchant.mode === mode) as V3Merchant

    it('JSAPI (node-v3): its paySign opens our pay page for that openid only; paid once', async () => {
      const merchant = m()
      const openid = await openIdOf(world, world.zhang, merchant.credentials.appid)
      expect(openid).toMatch(/^o[\w-]{27}$/)
      expect(await openIdOf(world, world.li, merchant.credentials.appid)).not.toBe(openid)
      const outTradeNo = v3TradeNo('JS')
      const body = {
        description: '小程序商品',
        out_trade_no: outTradeNo,
        notify_url: NOTIFY,
        amount: { total: 1_800 },
        payer: { openid },
      }
      const placed = await merchant.nodeV3.transactions_jsapi(body)
      expect(placed.status, JSON.stringify(placed)).toBe(200)
      const params = placed.data
      expect(params).toMatchObject({ appId: merchant.credentials.appid, signType: 'RSA' })
      expect(params.package).toMatch(/^prepay_id=wx\d{14}[0-9a-f]{20}$/)
      const again = await merchant.nodeV3.transactions_jsapi(body)
      expect(again.data.package).toBe(params.package)
      const otherPayer = await merchant.nodeV3.transactions_jsapi({
        ...body,
        payer: { openid: 'o_other' },
      })
      expect(nodeV3Answer(otherPayer)).toMatchObject({
        status: 403,
        data: { code: 'OUT_TRADE_NO_USED' },
      })
      const invocation = { kind: 'JSAPI', ...params }
      const foreign = await prepayCheckout(world, world.li, invocation)
      expect(foreign.statusCode).toBe(403)
      expect(foreign.json()).toMatchObject({ code: 'OPENID_MISMATCH' })
      const tampered = await prepayCheckout(world, world.zhang, {
        ...invocation,
        timeStamp: `${Number(params.timeStamp) + 1}`,
      })
      expect(tampered.statusCode).toBe(400)
      expect(tampered.json()).toMatchObject({
        code: 'PAY_SIGN_INVALID',
        details: { reason: expect.stringContaining('signature') },
      })
      const checkout = await prepayCheckout(world, world.zhang, invocation)
      expect(checkout.statusCode, checkout.body).toBe(200)
      expect(checkout.json()).toMatchObject({
        channel: 'ORDER',
        order: { outTradeNo, amountFen: 1_800 },
      })
      const paid = await prepayPay(world, world.zhang, invocation, `js-${outTradeNo}`)
      expect(paid.statusCode, paid.body).toBe(200)
      expect(paid.json()).toMatchObject({ status: 'SUCCESS', amountFen: 1_800 })
      const retried = await prepayPay(world, world.zhang, invocation, `js-${outTradeNo}`)
      expect(retried.json()).toMatchObject({ id: paid.json().id, status: 'SUCCESS' })
      const replayed = await prepayCheckout(world, world.zhang, invocation)
      expect(replayed.statusCode).toBe(409)
      expect(replayed.json()).toMatchObject({ code: 'PAY_SIGN_REPLAYED' })
      // To another user it is still not theirs (not a replay of theirs).
      const foreignLater = await prepayCheckout(world, world.li, invocation)
      expect(foreignLater.json()).toMatchObject({ code: 'OPENID_MISMATCH' })
      const queried = await query(merchant, outTradeNo)
      expect(queried.data).toMatchObject({
        trade_state: 'SUCCESS',
        trade_type: 'JSAPI',
        transaction_id: paid.json().id,
        payer: { openid },
        amount: { total: 1_800, payer_total: 1_800 },
      })
    })

    it('JSAPI (axios-plugin): openid required, kinds not mixed, expired and re-used nonces refused', async () => {
      const merchant = m()
      const openid = await openIdOf(world, world.zhang, merchant.credentials.appid)
      const jsapi = merchant.axios.v3.pay.transactions.jsapi
      const missing = await settle(jsapi.post(order(merchant, v3TradeNo('JS'), 500)))
      expect(missing).toMatchObject({
        status: 400,
        data: { code: 'PARAM_ERROR', detail: { field: 'payer.openid' } },
      })
      const nativeNo = v3TradeNo('NA')
      await merchant.axios.v3.pay.transactions.native.post(order(merchant, nativeNo, 500))
      const mixed = await settle(jsapi.post(order(merchant, nativeNo, 500, { payer: { openid } })))
      expect(mixed).toMatchObject({ status: 403, data: { code: 'OUT_TRADE_NO_USED' } })
      const outTradeNo = v3TradeNo('JS')
      const placed = await jsapi.post(order(merchant, outTradeNo, 500, { payer: { openid } }))
      expect(placed.status).toBe(200)
      const prepayId: string = placed.data.prepay_id
      expect(prepayId).toMatch(/^wx\d{14}[0-9a-f]{20}$/)
      const stale = axiosJsapiInvocation(
        merchant,
        prepayId,
        `${Math.floor(Date.now() / 1000) - 3 * 3600}`,
      )
      const expired = await prepayCheckout(world, world.zhang, stale)
      expect(expired.statusCode).toBe(410)
      expect(expired.json()).toMatchObject({ code: 'PAY_SIGN_EXPIRED' })
      const fresh = axiosJsapiInvocation(merchant, prepayId)
      expect((await prepayCheckout(world, world.zhang, fresh)).statusCode).toBe(200)
      const { Rsa, Formatter } = axiosPlugin
      const later = `${Number(fresh.timeStamp) + 5}`
      const resigned = {
        ...fresh,
        timeStamp: later,
        paySign: Rsa.sign(
          Formatter.joinedByLineFeed(fresh.appId, later, fresh.nonceStr, fresh.package),
          merchant.privateKeyPem,
        ),
      }
      const reused = await prepayCheckout(world, world.zhang, resigned)
      expect(reused.statusCode).toBe(409)
      expect(reused.json()).toMatchObject({ code: 'PAY_SIGN_REPLAYED' })
      const paid = await prepayPay(world, world.zhang, fresh)
      expect(paid.json()).toMatchObject({ status: 'SUCCESS' })
    })

    it('App (node-v3 transactions_app sign; axios-plugin): paid on our page; not as JSAPI', async () => {
      const merchant = m()
      const outTradeNo = v3TradeNo('AP')
      const placed = await merchant.nodeV3.transactions_app({
        description: 'App 商品',
        out_trade_no: outTradeNo,
        notify_url: NOTIFY,
        amount: { total: 2_100 },
      })
      expect(placed.status, JSON.stringify(placed)).toBe(200)
      const params = placed.data
      expect(params).toMatchObject({
        appid: merchant.credentials.appid,
        partnerid: merchant.credentials.mchid,
        package: 'Sign=WXPay',
      })
      const viaAxios = await merchant.axios.v3.pay.transactions.app.post(
        order(merchant, outTradeNo, 2_100, { description: 'App 商品' }),
      )
      expect(viaAxios.data.prepay_id).toBe(params.prepayid)
      const asJsapi = axiosJsapiInvocation(merchant, params.prepayid)
      const wrongKind = await prepayCheckout(world, world.li, asJsapi)
      expect(wrongKind.json()).toMatchObject({ code: 'PAY_SIGN_INVALID' })
      const invocation = { kind: 'APP', ...params }
      const checkout = await prepayCheckout(world, world.li, invocation)
      expect(checkout.statusCode, checkout.body).toBe(200)
      const paid = await prepayPay(world, world.li, invocation)
      expect(paid.json()).toMatchObject({ status: 'SUCCESS', amountFen: 2_100 })
      const queried = nodeV3Answer(await merchant.nodeV3.query({ out_trade_no: outTradeNo }))
      expect(queried.data).toMatchObject({ trade_state: 'SUCCESS', trade_type: 'APP' })
    })

    it('H5 (both SDKs): h5_url opens our pay page; scene_info required; wrong package refused', async () => {
      const merchant = m()
      const sceneInfo = {
        payer_client_ip: '203.0.113.9',
        h5_info: { type: 'Wap', app_name: '小铺' },
      }
      const outTradeNo = v3TradeNo('H5')
      const h5 = merchant.axios.v3.pay.transactions.h5
      const noScene = await settle(h5.post(order(merchant, v3TradeNo('H5'), 900)))
      expect(noScene).toMatchObject({ status: 400, data: { code: 'PARAM_ERROR' } })
      const placed = await h5.post(order(merchant, outTradeNo, 900, { scene_info: sceneInfo }))
      const h5Url = new URL(placed.data.h5_url)
      expect(h5Url.pathname).toBe('/pay/h5')
      const again = await merchant.nodeV3.transactions_h5({
        description: '小程序商品',
        out_trade_no: outTradeNo,
        notify_url: NOTIFY,
        amount: { total: 900, currency: 'CNY' },
        scene_info: sceneInfo,
      })
      expect(again.status, JSON.stringify(again)).toBe(200)
      expect(again.data.h5_url).toBe(placed.data.h5_url)
      const otherScene = await settle(
        h5.post(
          order(merchant, outTradeNo, 900, {
            scene_info: { ...sceneInfo, h5_info: { type: 'iOS' } },
          }),
        ),
      )
      expect(otherScene).toMatchObject({ status: 403, data: { code: 'OUT_TRADE_NO_USED' } })
      const invocation = {
        kind: 'H5',
        prepay_id: h5Url.searchParams.get('prepay_id'),
        package: h5Url.searchParams.get('package'),
      }
      const guessed = await prepayCheckout(world, world.li, {
        ...invocation,
        package: 'AAAAAAAAAAAAAAAA',
      })
      expect(guessed.json()).toMatchObject({ code: 'PAY_SIGN_INVALID' })
      const paid = await prepayPay(world, world.li, invocation)
      expect(paid.json()).toMatchObject({ status: 'SUCCESS', amountFen: 900 })
      expect((await query(merchant, outTradeNo)).data).toMatchObject({
        trade_state: 'SUCCESS',
        trade_type: 'MWEB',
      })
    })
  },
)

describe(`v3 prepay orders closing and expiring on ${testDatabaseKind()}`, () => {
  it('a closed order answers ORDER_CLOSED to a re-submit; time_expire closes it on time', async () => {
    for (const merchant of world.merchants) {
      const outTradeNo = v3TradeNo('CL')
      const app = merchant.axios.v3.pay.transactions.app
      await app.post(order(merchant, outTradeNo, 300))
      expect((await merchant.nodeV3.close(outTradeNo)).status).toBe(204)
      const resubmit = await settle(app.post(order(merchant, outTradeNo, 300)))
      expect(resubmit).toMatchObject({ status: 400, data: { code: 'ORDER_CLOSED' } })
    }
    const merchant = world.merchants[0] as V3Merchant
    const openid = await openIdOf(world, world.zhang, merchant.credentials.appid)
    const outTradeNo = v3TradeNo('EX')
    // Sooner than a minute is clamped to a minute, as WeChat does.
    const timeExpire = new Date(world.app.clock.nowMs() + 20_000)
      .toISOString()
      .replace('Z', '+00:00')
    const body = order(merchant, outTradeNo, 400, { payer: { openid }, time_expire: timeExpire })
    const placed = await merchant.axios.v3.pay.transactions.jsapi.post(body)
    const invocation = axiosJsapiInvocation(merchant, placed.data.prepay_id)
    world.app.clock.advanceMs(30_000)
    expect((await prepayCheckout(world, world.zhang, invocation)).statusCode).toBe(200)
    world.app.clock.advanceMs(35_000)
    const late = await prepayCheckout(world, world.zhang, invocation)
    expect(late.json()).toMatchObject({ code: 'ORDER_EXPIRED' })
    expect((await query(merchant, outTradeNo)).data).toMatchObject({ trade_state: 'CLOSED' })
    const resubmit = await settle(merchant.axios.v3.pay.transactions.jsapi.post(body))
    expect(resubmit).toMatchObject({ status: 400, data: { code: 'ORDER_CLOSED' } })
    await expectBooksAgree(world.app)
  })
})
