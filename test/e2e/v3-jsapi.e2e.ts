/**
 * A merchant's H5 page with its unchanged WeChat code, in Chromium (issue 13): the page loads
 * our /pay/jsbridge.js and calls `WeixinJSBridge.invoke('getBrandWCPayRequest', params, cb)`
 * with the params wechatpay-node-v3 signed for a JSAPI order; our pay page opens, verifies the
 * paySign, the customer pays with the payment password, and the merchant's callback hears
 * `get_brand_wcpay_request:ok`. Another customer opening the same invocation is told it is not
 * their order.
 */
import { spawn } from 'node:child_process'
import { createServer, type Server } from 'node:http'
import { afterAll, describe, expect, it } from 'vitest'
import { DEMO_PAYMENT_PASSWORD } from '../../src/seed/demo.ts'
import { axiosClient, nodeV3Client } from '../../src/test-support/wechatpay-sdks.ts'
import type { MerchantCredentials } from '../../src/modules/merchant-api/index.ts'
import { expectHttpError, saveScreenshot, useServerAndBrowser } from './support/index.ts'
import {
  apiCall,
  demoCard,
  MOBILE,
  openPage,
  waitForSelector,
  waitForTestId,
} from './support/flows.ts'
import { CLI_PATH, REPO_ROOT } from './support/paths.ts'
import { fundedCustomer, signInContext } from './support/pay.ts'

const running = useServerAndBrowser()
const ICBC_DEBIT = demoCard('6222020000000000018', { state: 'ACTIVE', cardType: 'DEBIT' })
let merchantSite: Server | undefined

afterAll(async () => {
  await new Promise((resolve) => (merchantSite ? merchantSite.close(resolve) : resolve(undefined)))
})

/** `lingqian …` beside the running server (same data dir): its stdout as JSON. */
function lingqianJson(dataDir: string, ...args: string[]): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_PATH, ...args, '--json'], {
      cwd: REPO_ROOT,
      env: { ...process.env, LQ_DATA_DIR: dataDir, LQ_DEV: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('close', (code) =>
      code === 0
        ? resolve(JSON.parse(stdout))
        : reject(new Error(`lingqian ${args.join(' ')}: ${code} ${stderr}`)),
    )
  })
}

/** The merchant's own H5 page: WeChat's JSAPI call, unchanged, with our bridge loaded. */
function merchantPage(lingqianUrl: string, params: unknown): string {
  return `<!doctype html><meta charset="utf-8"><title>商户页面</title>
<script src="${lingqianUrl}/pay/jsbridge.js"></script>
<button id="pay">立即支付</button><p id="result"></p>
<script>
  document.getElementById('pay').addEventListener('click', function () {
    WeixinJSBridge.invoke('getBrandWCPayRequest', ${JSON.stringify(params)}, function (res) {
      document.getElementById('result').textContent = res.err_msg;
    });
  });
</script>`
}

async function serveMerchantPage(html: string): Promise<string> {
  merchantSite = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    response.end(html)
  })
  await new Promise<void>((resolve) => merchantSite?.listen(0, '127.0.0.1', resolve))
  const address = merchantSite.address()
  if (address === null || typeof address === 'string') throw new Error('merchant site address')
  return `http://127.0.0.1:${address.port}/shop`
}

describe('JSAPI from a merchant H5 page through WeixinJSBridge', () => {
  it('pays the order the page invoked; the callback hears ok; another customer is refused', async () => {
    const { server, browser } = running()
    // The CLI runs beside the server: its data dir (LQ_E2E_DATA_DIR with LQ_E2E_BASE_URL).
    const dataDir = server.dataDir ?? process.env.LQ_E2E_DATA_DIR
    if (dataDir === undefined) throw new Error('LQ_E2E_BASE_URL needs LQ_E2E_DATA_DIR here')
    const created = await lingqianJson(
      dataDir,
      'merchant',
      'create',
      '--name',
      'H5 小铺',
      '--key',
      `e2e-jsapi-${Date.now()}`,
    )
    const mchid = (created.merchant as { id: string }).id
    const credentials = (await lingqianJson(
      dataDir,
      'merchant',
      'credentials',
      mchid,
    )) as unknown as MerchantCredentials
    const privateKeyPem = credentials.merchant_private_key_pem as string
    const zhang = await fundedCustomer(server.baseUrl, '13800000001', ICBC_DEBIT.cardNumber, 10_000)
    const openid = await apiCall<{ openid: string }>(
      server.baseUrl,
      'GET',
      `/api/v1/pay/openid?appid=${credentials.appid}`,
      { token: zhang.token },
    )
    expect(openid.status).toBe(200)

    const { pay } = nodeV3Client(server.baseUrl, credentials, privateKeyPem)
    const outTradeNo = `E2EJS${Date.now()}`
    const placed = await pay.transactions_jsapi({
      description: '公众号商品 大杯',
      out_trade_no: outTradeNo,
      notify_url: 'https://merchant.example.com/notify',
      amount: { total: 2_350 },
      payer: { openid: openid.body.openid },
    })
    expect(placed.status, JSON.stringify(placed)).toBe(200)
    const shopUrl = await serveMerchantPage(merchantPage(server.baseUrl, placed.data))

    const phone = await openPage(browser, server.baseUrl, MOBILE)
    await signInContext(phone.context(), server.baseUrl, zhang.token)
    await phone.goto(shopUrl)
    const [popup] = await Promise.all([phone.context().waitForEvent('page'), phone.click('#pay')])
    await waitForTestId(popup, 'money-confirm-amount', '¥23.50')
    await waitForTestId(popup, 'pay-description', '公众号商品 大杯')
    await saveScreenshot(popup, 'v3-jsapi-01-confirm')
    await popup.getByTestId('money-pin-pin').fill(DEMO_PAYMENT_PASSWORD)
    await waitForSelector(phone, '#result:text("get_brand_wcpay_request:ok")')
    await saveScreenshot(phone, 'v3-jsapi-02-merchant-ok')

    const wxpay = axiosClient(server.baseUrl, credentials, privateKeyPem)
    const queried = await wxpay.v3.pay.transactions.outTradeNo.$out_trade_no$.get({
      params: { mchid },
      out_trade_no: outTradeNo,
    })
    expect(queried.data).toMatchObject({
      trade_state: 'SUCCESS',
      trade_type: 'JSAPI',
      payer: { openid: openid.body.openid },
    })

    // Li opens the same invocation (a shared link): not her order.
    const li = await fundedCustomer(server.baseUrl, '13800000002', '6217000000000000020', 100)
    const other = await openPage(browser, server.baseUrl, MOBILE)
    expectHttpError(other, { status: 403, path: '/api/v1/pay/prepay/checkout' })
    await signInContext(other.context(), server.baseUrl, li.token)
    const query = new URLSearchParams(placed.data as Record<string, string>)
    await other.goto(`${server.baseUrl}/pay/jsapi?${query}`)
    await waitForTestId(other, 'prepay-refused')
    expect(await other.getByTestId('prepay-refused').textContent()).toContain(
      '下单的微信零钱用户本人',
    )
    await saveScreenshot(other, 'v3-jsapi-03-not-yours')
  }, 240_000)
})
