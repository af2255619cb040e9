// WeChat Pay v3 against the Lingqian sandbox with wechatpay-node-v3, unmodified. Its URLs are
// hard-coded to https://api.mch.weixin.qq.com, so it talks to us through its one seam,
// createHttp: a transport that rewrites that origin to ours. Its downloadBill signs a download
// correctly only on the official host, so ask for bill download_urls there first:
//   lingqian merchant credentials <mchid> --bill-download-host official --json
//   LQ_BASE_URL=http://127.0.0.1:3000 LQ_CREDENTIALS=credentials.json node demo/v3-examples/node-v3.mjs
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const WxPay = require('wechatpay-node-v3')
const { PayRequest } = require('wechatpay-node-v3/dist/lib/pay-request.js')

const baseUrl = process.env.LQ_BASE_URL ?? 'http://127.0.0.1:3000'
const credentials = JSON.parse(
  readFileSync(process.env.LQ_CREDENTIALS ?? 'credentials.json', 'utf8'),
)
const OFFICIAL = 'https://api.mch.weixin.qq.com'

// 1. The client, with a transport that sends the official URLs to our server.
const rewrite = (url) => (url.startsWith(OFFICIAL) ? baseUrl + url.slice(OFFICIAL.length) : url)
class ToLingqian extends PayRequest {
  post(url, params, headers) {
    return super.post(rewrite(url), params, headers)
  }
  get(url, headers) {
    return super.get(rewrite(url), headers)
  }
}
const transport = new ToLingqian()
const pay = new WxPay({
  appid: credentials.appid,
  mchid: credentials.mchid,
  publicKey: Buffer.from(credentials.merchant_certificate_pem),
  privateKey: Buffer.from(credentials.merchant_private_key_pem),
  key: credentials.apiv3_key,
})
pay.createHttp(transport)
// node-v3 never checks answers itself; verifySign() on notifications looks keys up here.
for (const key of credentials.platform_keys) WxPay.certificates[key.id] = key.pem

// 2. Place a native order.
const out_trade_no = `NODEV3${Date.now()}`
const placed = await pay.transactions_native({
  description: '沙箱测试商品',
  out_trade_no,
  notify_url: 'http://127.0.0.1:8080/wechatpay/notify',
  amount: { total: 1 },
})
if (placed.status !== 200) throw new Error(`place order: ${placed.status} ${placed.error}`)
console.log('code_url', placed.data.code_url)

// 3. The sandbox pays it: node-v3 has no method for it, so sign the call the way it signs its own.
const payUrl = `${OFFICIAL}/sandbox/v1/orders/${out_trade_no}/pay`
const body = { mchid: credentials.mchid, outcome: 'SUCCESS' }
const authorization = pay.buildAuthorization('POST', payUrl, body)
const paid = await transport.post(
  payUrl,
  body,
  pay.getHeaders(authorization, { 'Content-Type': 'application/json' }),
)
console.log('sandbox', paid.status, paid.data?.sandbox)

// 4. Query it.
const order = await pay.query({ out_trade_no })
console.log('trade_state', order.data.trade_state, order.data.transaction_id)

// 5. Today's trade bill and its download (the file itself, SHA-1 checked).
const billDate = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
const bill = await pay.tradebill({ bill_date: billDate, bill_type: 'ALL' })
if (bill.status !== 200) throw new Error(`trade bill: ${bill.status} ${bill.error}`)
if (!bill.data.download_url.startsWith(OFFICIAL)) {
  throw new Error('ask for download_urls on the official host: --bill-download-host official')
}
const file = await pay.downloadBill(bill.data.download_url)
const bytes = Buffer.from(file.data, 'utf8')
const sha1 = createHash('sha1').update(bytes).digest('hex')
if (sha1 !== bill.data.hash_value) throw new Error('the bill does not match its SHA-1')
const lines = bytes
  .toString('utf8')
  .replace(/^\uFEFF/, '')
  .split('\r\n')
console.log('bill', lines.length - 4, 'rows')

console.log(
  JSON.stringify({
    out_trade_no,
    trade_state: order.data.trade_state,
    bill_rows: lines.length - 4,
    bill_has_order: lines.some((line) => line.includes(`\`${out_trade_no},`)),
  }),
)
