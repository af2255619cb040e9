/**
 * Bills through the real SDKs, unmodified, in both platform-key modes: the trade bill and the
 * fund-flow bill of today (the sandbox allows today), downloaded, SHA-1 checked, gunzipped and
 * parsed with wechatpay-axios-plugin's own bill parser; the trade bill's totals equal what the
 * ledger moved that day. wechatpay-node-v3's downloadBill works once the merchant asks for
 * download_urls on the official host (and fails with our host: it signs the absolute URL).
 */
import { createHash } from 'node:crypto'
import { gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MerchantCredentials, PlatformKeyMode } from '../../modules/merchant-api/index.ts'
import { shanghaiDate, shanghaiDayRangeMs } from '../../shared/shanghai-time.ts'
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
import { axiosClient, axiosPlugin, nodeV3Client } from '../../test-support/wechatpay-sdks.ts'
import { billWindow } from './bills.ts'

let app: TestApp
let closeBank: () => Promise<void>
let baseUrl: string
let zhang: Customer
let sequence = 0
const tradeNo = () => `V3B${Date.now()}${++sequence}`

beforeAll(async () => {
  ;({ app, baseUrl, closeBank } = await startV3Server())
  zhang = await openCustomer(app, ZHANG.phone, ZHANG.debit, 100_000)
})

afterAll(async () => {
  await app?.close()
  await closeBank?.()
})

interface Merchant {
  credentials: MerchantCredentials
  privateKeyPem: string
}

async function merchantWithDay(mode: PlatformKeyMode, amounts: number[], refundFen: number) {
  const shop = await openShop(app, `账单小铺${mode}`)
  const credentials = await app.merchantApi.issueCredentials({
    merchantId: shop.merchantId,
    platformKeyMode: mode,
  })
  const merchant = { credentials, privateKeyPem: credentials.merchant_private_key_pem as string }
  const wxpay = axiosClient(baseUrl, credentials, merchant.privateKeyPem)
  const paymentIds: string[] = []
  for (const total of amounts) {
    const outTradeNo = tradeNo()
    const placed = await wxpay.v3.pay.transactions.native.post({
      appid: credentials.appid,
      mchid: credentials.mchid,
      description: '账单, `测试`商品',
      out_trade_no: outTradeNo,
      notify_url: 'https://merchant.example.com/notify',
      amount: { total },
    })
    const token = (placed.data.code_url as string).split('/').at(-1) as string
    const paid = await payOrder(app, zhang, token, { kind: 'balance' }, `bill-${outTradeNo}`)
    expect(paid.statusCode, paid.body).toBe(200)
    paymentIds.push(paid.json().id)
  }
  await app.refunds.refund(
    credentials.mchid,
    {
      outRefundNo: `R${tradeNo()}`,
      payment: { paymentId: paymentIds[0] as string },
      amountFen: refundFen,
    },
    { createdBy: 'system' },
  )
  app.clock.advanceMs(1_000) // today's bill covers up to the moment it is asked for
  return merchant
}

/** What the ledger moved through the merchant's pending account today, by kind. */
async function ledgerDay(merchantId: string) {
  const accounts = await app.merchants.accounts(merchantId)
  const pending = accounts.merchant_pending.id
  const fees = accounts.merchant_fees.id
  const { startMs, endMs } = shanghaiDayRangeMs(shanghaiDate(app.clock.nowMs()))
  const transfers = await app.ledger.listPostedTransfers({
    accountIds: [pending],
    fromMs: startMs,
    toMs: endMs,
  })
  const sums = { settlementFen: 0, refundFen: 0, feeFen: 0 }
  for (const transfer of transfers) {
    for (const leg of transfer.legs) {
      if (transfer.code === 'PAYMENT' && leg.creditAccountId === pending)
        sums.settlementFen += leg.amountFen
      if (leg.debitAccountId === pending && leg.creditAccountId === fees)
        sums.feeFen += leg.amountFen
      if (leg.debitAccountId === fees && leg.creditAccountId === pending)
        sums.feeFen -= leg.amountFen
      if (
        transfer.code === 'REFUND' &&
        leg.debitAccountId === pending &&
        leg.creditAccountId !== fees
      )
        sums.refundFen += leg.amountFen
    }
  }
  return sums
}

const fen = (yuanText: string) => Math.round(Number(yuanText) * 100)
const sha1 = (bytes: Buffer) => createHash('sha1').update(bytes).digest('hex')

describe(`v3 bills on ${testDatabaseKind()}`, () => {
  for (const mode of ['pubkey', 'cert'] as const) {
    it(`downloads today's trade bill with both SDKs; totals equal the ledger (${mode})`, async () => {
      const { credentials, privateKeyPem } = await merchantWithDay(mode, [1_200, 3_456, 99], 500)
      const wxpay = axiosClient(baseUrl, credentials, privateKeyPem)
      const billDate = shanghaiDate(app.clock.nowMs())
      const asked = await wxpay.v3.bill.tradebill.get({
        params: { bill_date: billDate, bill_type: 'ALL', tar_type: 'GZIP' },
      })
      expect(asked.data).toMatchObject({
        hash_type: 'SHA1',
        hash_value: expect.stringMatching(/^[0-9a-f]{40}$/),
      })
      const url = new URL(asked.data.download_url)
      // Our public URL (LQ_PUBLIC_URL); the SDK is pointed at our base URL and given the path.
      expect(url.pathname).toBe('/v3/billdownload/file')
      const download = await wxpay.v3.billdownload.file.get({
        params: Object.fromEntries(url.searchParams),
        responseType: 'arraybuffer',
      })
      expect(download.headers['content-type']).toBe('application/x-gzip')
      const file = gunzipSync(Buffer.from(download.data))
      expect(sha1(file)).toBe(asked.data.hash_value)
      expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
      expect(file.toString('utf8').endsWith('\r\n')).toBe(true)
      const { rows, summary } = axiosPlugin.Formatter.castCsvBill(file)
      expect(rows).toHaveLength(4)
      expect(rows.filter((row: Record<string, string>) => row.交易状态 === 'REFUND')).toHaveLength(
        1,
      )
      expect(rows[0]).toMatchObject({
        商户号: credentials.mchid,
        公众账号ID: credentials.appid,
        货币种类: 'CNY',
      })
      expect(rows[0].商品名称).toBe("账单, '测试'商品")
      const ledger = await ledgerDay(credentials.mchid)
      expect(ledger.settlementFen).toBe(1_200 + 3_456 + 99)
      expect(fen(summary.应结订单总金额)).toBe(ledger.settlementFen)
      expect(fen(summary.退款总金额)).toBe(ledger.refundFen)
      expect(Math.round(Number(summary.手续费总金额) * 100)).toBe(ledger.feeFen)
      expect(summary.总交易单数).toBe('4')

      // node-v3 signs downloadBill's absolute URL unless it is on the official host.
      const { pay } = nodeV3Client(baseUrl, credentials, privateKeyPem)
      const ours = await pay.tradebill({ bill_date: billDate, bill_type: 'ALL' })
      expect(ours.status, JSON.stringify(ours)).toBe(200)
      // As if our public URL were this test server's: node-v3 signs the absolute URL → 401.
      const oursUrl = new URL(ours.data.download_url)
      const refused = await pay.downloadBill(`${baseUrl}${oursUrl.pathname}${oursUrl.search}`)
      expect(refused.status).toBe(401)
      await app.merchantApi.setBillDownloadHost(credentials.mchid, 'official')
      const official = await pay.tradebill({ bill_date: billDate, bill_type: 'ALL' })
      expect(official.data.download_url).toMatch(
        /^https:\/\/api\.mch\.weixin\.qq\.com\/v3\/billdownload\/file\?token=/,
      )
      const plain = await pay.downloadBill(official.data.download_url)
      expect(plain.status).toBe(200)
      const plainBytes = Buffer.from(plain.data as string, 'utf8')
      expect(sha1(plainBytes)).toBe(official.data.hash_value)
      expect(official.data.hash_value).toBe(asked.data.hash_value)
      expect(axiosPlugin.Formatter.castCsvBill(plainBytes).summary).toEqual(summary)
      const gz = await pay.tradebill({
        bill_date: billDate,
        bill_type: 'SUCCESS',
        tar_type: 'GZIP',
      })
      const gzFile = await pay.downloadBill(gz.data.download_url)
      const successBill = gunzipSync(gzFile.data as Buffer)
      expect(sha1(successBill)).toBe(gz.data.hash_value)
      expect(axiosPlugin.Formatter.castCsvBill(successBill).rows).toHaveLength(3)
      await expectBooksAgree(app)
    })
  }

  it('gives the fund-flow bill of the basic account, balance after each movement', async () => {
    const { credentials, privateKeyPem } = await merchantWithDay('pubkey', [2_000], 300)
    const wxpay = axiosClient(baseUrl, credentials, privateKeyPem)
    const asked = await wxpay.v3.bill.fundflowbill.get({
      params: { bill_date: shanghaiDate(app.clock.nowMs()), account_type: 'BASIC' },
    })
    const url = new URL(asked.data.download_url)
    const download = await wxpay.v3.billdownload.file.get({
      params: Object.fromEntries(url.searchParams),
      responseType: 'arraybuffer',
    })
    const file = Buffer.from(download.data)
    expect(sha1(file)).toBe(asked.data.hash_value)
    const { rows, summary } = axiosPlugin.Formatter.castCsvBill(file)
    const balance = await app.ledger.getBalance(
      (await app.merchants.accounts(credentials.mchid)).merchant_pending.id,
    )
    expect(fen(rows.at(-1)['账户结余（元）'])).toBe(balance.postedFen)
    expect(fen(summary.收入金额) - fen(summary.支出金额)).toBe(balance.postedFen)
    expect(Number(summary.资金流水总笔数)).toBe(rows.length)
  })

  it('answers WeChat’s errors: no record, a future day, a bad date, an expired or foreign token', async () => {
    const { credentials, privateKeyPem } = await merchantWithDay('pubkey', [100], 1)
    const wxpay = axiosClient(baseUrl, credentials, privateKeyPem)
    const fail = (params: Record<string, string>, path = wxpay.v3.bill.tradebill) =>
      path
        .get({ params })
        .catch((error: { response: { status: number; data: unknown } }) => error.response)
    const yesterday = shanghaiDate(app.clock.nowMs() - 24 * 3600_000)
    expect((await fail({ bill_date: yesterday })).data).toMatchObject({
      code: 'NO_STATEMENT_EXIST',
    })
    const tomorrow = shanghaiDate(app.clock.nowMs() + 24 * 3600_000)
    const future = await fail({ bill_date: tomorrow })
    expect(future.status).toBe(400)
    expect(future.data).toMatchObject({ code: 'INVALID_REQUEST' })
    expect((await fail({ bill_date: '2026-02-30' })).data).toMatchObject({ code: 'PARAM_ERROR' })
    expect((await fail({ bill_date: '20261207' })).data).toMatchObject({ code: 'PARAM_ERROR' })
    const asked = await wxpay.v3.bill.tradebill.get({
      params: { bill_date: shanghaiDate(app.clock.nowMs()) },
    })
    const token = new URL(asked.data.download_url).searchParams.get('token') as string
    const other = await merchantWithDay('pubkey', [100], 1)
    const stranger = axiosClient(baseUrl, other.credentials, other.privateKeyPem)
    const foreign = await stranger.v3.billdownload.file
      .get({ params: { token } })
      .catch((error: { response: { status: number; data: unknown } }) => error.response)
    expect(foreign.status).toBe(400)
    expect(foreign.data).toMatchObject({ code: 'INVALID_REQUEST', detail: { field: 'token' } })
    app.clock.advanceMs(31_000)
    const expired = await wxpay.v3.billdownload.file
      .get({ params: { token } })
      .catch((error: { response: { status: number; data: unknown } }) => error.response)
    expect(expired.data).toMatchObject({
      code: 'INVALID_REQUEST',
      detail: { issue: 'TOKEN_EXPIRED' },
    })
  })

  it('keeps today’s bill for the sandbox: production answers STATEMENT_CREATING until the day ends', () => {
    const nowMs = Date.parse('2026-12-07T10:00:00+08:00')
    expect(billWindow('2026-12-06', nowMs, false)).toEqual(
      shanghaiDayRangeMs('2026-12-06') && {
        fromMs: Date.parse('2026-12-06T00:00:00+08:00'),
        toMs: Date.parse('2026-12-07T00:00:00+08:00'),
      },
    )
    expect(() => billWindow('2026-12-07', nowMs, false)).toThrow(/账单生成中/)
    expect(billWindow('2026-12-07', nowMs, true).toMs).toBe(nowMs + 1)
    expect(() => billWindow('2026-12-08', nowMs, true)).toThrow(/晚于今天/)
    expect(() => billWindow('2026-08-01', nowMs, true)).toThrow(/三个月/)
  })
})
