// The merchant side of `npm run bench -- merchant-api`, in a worker thread so its own RSA signing
// does not take the server's thread: `clients` concurrent loops, each signing a v3 request the way
// the SDKs do (WECHATPAY2-SHA256-RSA2048 over method, path, timestamp, nonce and body) and
// verifying the signed answer with the platform key, or in `baseline` mode posting bare JSON.
import { createSign, createVerify, randomBytes } from 'node:crypto'
import { parentPort, workerData } from 'node:worker_threads'

const { mode, baseUrl, merchants, clients, durationMs, prefix } = workerData

function authorization(merchant, method, path, body) {
  const timestamp = String(Math.floor(Date.now() / 1000))
  const nonce = randomBytes(16).toString('hex')
  const signature = createSign('RSA-SHA256')
    .update(`${method}\n${path}\n${timestamp}\n${nonce}\n${body}\n`)
    .sign(merchant.privateKeyPem, 'base64')
  return (
    `WECHATPAY2-SHA256-RSA2048 mchid="${merchant.mchid}",nonce_str="${nonce}",` +
    `signature="${signature}",timestamp="${timestamp}",serial_no="${merchant.serial}"`
  )
}

function verifyAnswer(merchant, headers, text) {
  const message = `${headers.get('wechatpay-timestamp')}\n${headers.get('wechatpay-nonce')}\n${text}\n`
  const pem = merchant.platformKeys[headers.get('wechatpay-serial')]
  if (pem === undefined) throw new Error(`unknown platform key ${headers.get('wechatpay-serial')}`)
  const ok = createVerify('RSA-SHA256')
    .update(message)
    .verify(pem, headers.get('wechatpay-signature'), 'base64')
  if (!ok) throw new Error('the answer signature did not verify')
}

let sequence = 0

async function nativeOrder(merchant) {
  const path = '/v3/pay/transactions/native'
  const body = JSON.stringify({
    appid: merchant.appid,
    mchid: merchant.mchid,
    description: 'bench',
    out_trade_no: `${prefix}${++sequence}`,
    notify_url: 'https://merchant.example.com/notify',
    amount: { total: 100, currency: 'CNY' },
  })
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: {
      authorization: authorization(merchant, 'POST', path, body),
      'content-type': 'application/json',
      accept: 'application/json',
    },
    body,
  })
  const text = await response.text()
  if (response.status !== 200) throw new Error(`native order: ${response.status} ${text}`)
  verifyAnswer(merchant, response.headers, text)
  if (!JSON.parse(text).code_url) throw new Error(`no code_url: ${text}`)
}

async function bareJson() {
  const response = await fetch(`${baseUrl}/json`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ description: 'bench', amount: { total: 100 } }),
  })
  const json = await response.json()
  if (response.status !== 200 || json.ok !== true) throw new Error('baseline failed')
}

const latenciesMs = []
const deadline = performance.now() + durationMs
async function client(index) {
  const merchant = merchants?.[index % Math.max(1, merchants.length)]
  while (performance.now() < deadline) {
    const started = performance.now()
    await (mode === 'baseline' ? bareJson() : nativeOrder(merchant))
    latenciesMs.push(performance.now() - started)
  }
}
const started = performance.now()
try {
  await Promise.all(Array.from({ length: clients }, (_, index) => client(index)))
  parentPort.postMessage({ latenciesMs, elapsedMs: performance.now() - started })
} catch (error) {
  parentPort.postMessage({ error: String(error?.stack ?? error) })
}
