// WeChat Pay v3 against the Lingqian sandbox with wechatpay-axios-plugin, unmodified: only the
// base URL and the keys differ from production code. Credentials come from
// `lingqian merchant credentials <mchid> --json > credentials.json` (the first call is the only
// one that prints merchant_private_key_pem: keep that file).
//   LQ_BASE_URL=http://127.0.0.1:3000 LQ_CREDENTIALS=credentials.json node demo/v3-examples/axios-plugin.mjs
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import { Formatter, Wechatpay } from 'wechatpay-axios-plugin'

const baseUrl = process.env.LQ_BASE_URL ?? 'http://127.0.0.1:3000'
const credentials = JSON.parse(
  readFileSync(process.env.LQ_CREDENTIALS ?? 'credentials.json', 'utf8'),
)
const { mchid, appid } = credentials

// 1. The client: every answer's signature is checked against the platform keys we trust.
const wxpay = new Wechatpay({
  baseURL: `${baseUrl}/`,
  mchid,
  serial: credentials.merchant_serial_no,
  privateKey: credentials.merchant_private_key_pem,
  certs: Object.fromEntries(credentials.platform_keys.map((key) => [key.id, key.pem])),
})

// 2. Place a native order: code_url opens the wallet's pay page for it.
const out_trade_no = `AXIOS${Date.now()}`
const placed = await wxpay.v3.pay.transactions.native.post({
  appid,
  mchid,
  description: '沙箱测试商品',
  out_trade_no,
  notify_url: 'http://127.0.0.1:8080/wechatpay/notify',
  amount: { total: 1, currency: 'CNY' },
})
console.log('code_url', placed.data.code_url)

// 3. The sandbox pays it (a sandbox payer through the real payment core).
const paid = await wxpay.sandbox.v1.orders.$out_trade_no$.pay.post(
  { mchid, outcome: 'SUCCESS' },
  { out_trade_no },
)
console.log('sandbox', paid.data.sandbox)

// 4. Query it.
const order = await wxpay.v3.pay.transactions.outTradeNo.$out_trade_no$.get({
  params: { mchid },
  out_trade_no,
})
console.log('trade_state', order.data.trade_state, order.data.transaction_id)

// 5. Today's trade bill (the sandbox has today's; WeChat has yesterday's from 10:00), gzipped.
const billDate = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
const bill = await wxpay.v3.bill.tradebill.get({
  params: { bill_date: billDate, tar_type: 'GZIP' },
})
const download = await wxpay.v3.billdownload.file.get({
  params: Object.fromEntries(new URL(bill.data.download_url).searchParams),
  responseType: 'arraybuffer',
})
const file = gunzipSync(Buffer.from(download.data))
const sha1 = createHash('sha1').update(file).digest('hex')
if (sha1 !== bill.data.hash_value) throw new Error('the bill does not match its SHA-1')
const { rows, summary } = Formatter.castCsvBill(file)
console.log('bill', rows.length, 'rows; summary', summary)

console.log(
  JSON.stringify({
    out_trade_no,
    trade_state: order.data.trade_state,
    bill_rows: rows.length,
    bill_has_order: rows.some((row) => row['商户订单号'] === out_trade_no),
    summary,
  }),
)
