/**
 * Codes and passkeys in a phone-sized Chromium: a code burned by five wrong tries is replaced
 * at once; the card-binding code step resumes within the resend wait; a top-up and a withdrawal
 * confirmed with 指纹/面容 (CDP virtual authenticator on localhost) and the fallback to the PIN;
 * on 127.0.0.1 the security page says why passkeys cannot work and that the localhost one is not
 * usable there.
 */
import type { Browser, CDPSession, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demoResident } from '../../demo/residents.ts'
import { DEMO_PAYMENT_PASSWORD } from '../../src/seed/demo.ts'
import {
  connectServer,
  expectHttpError,
  launchBrowser,
  saveScreenshot,
  takePageProblems,
} from './support/index.ts'
import type { RunningServer } from './support/index.ts'
import {
  lastSmsId,
  MOBILE,
  readSmsCode,
  UI_TIMEOUT_MS,
  waitForSelector,
  waitForTestId,
} from './support/flows.ts'

// Verified with payment password 147258 by the dev seed; the bank simulator holds his cards.
const ZHANG_WEI = demoResident('13800000001')
const ICBC_DEBIT = '6222020000000000018'
const WRONG_TRIES_MAX = 5

let server: RunningServer | undefined
let browser: Browser | undefined

beforeAll(async () => {
  server = await connectServer()
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

function running(): { server: RunningServer; browser: Browser } {
  if (server === undefined || browser === undefined) throw new Error('beforeAll did not finish')
  return { server, browser }
}

/** A phone-sized page on `host` (localhost for passkeys: WebAuthn needs a host name). */
async function phonePage(host: 'localhost' | '127.0.0.1'): Promise<Page> {
  const { server, browser } = running()
  const baseURL = server.baseUrl.replace('127.0.0.1', host)
  const context = await browser.newContext({ ...MOBILE, baseURL })
  return context.newPage()
}

/** 登录 on the sign-in page with the code from the dev outbox. */
async function signIn(page: Page, phone: string, name: string): Promise<void> {
  const { baseUrl } = running().server
  await page.goto('/sign-in')
  await page.getByTestId('sign-in-phone').fill(phone)
  const before = await lastSmsId(baseUrl, phone)
  await page.getByTestId('sign-in-send-code').click()
  await page.getByTestId('sign-in-code').fill(await readSmsCode(baseUrl, phone, 'sign_in', before))
  await page.getByTestId('sign-in-submit').click()
  await waitForTestId(page, 'home-user', name)
}

async function addVirtualAuthenticator(page: Page): Promise<{ cdp: CDPSession; id: string }> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('WebAuthn.enable', { enableUI: false })
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  })
  return { cdp, id: authenticatorId }
}

describe('SMS codes', () => {
  it('replaces a code burned by five wrong tries at once; the field takes only 6 digits', async () => {
    const page = await phonePage('127.0.0.1')
    expectHttpError(page, { method: 'POST', path: '/api/v1/sessions', status: 400 })
    const { baseUrl } = running().server
    const phone = '13700009001'
    await page.goto('/sign-in')
    await page.getByTestId('sign-in-phone').fill(phone)
    const before = await lastSmsId(baseUrl, phone)
    await page.getByTestId('sign-in-send-code').click()
    const code = await readSmsCode(baseUrl, phone, 'sign_in', before)
    await waitForSelector(page, '[data-testid="sign-in-send-code"]:disabled')

    const codeInput = page.getByTestId('sign-in-code')
    await codeInput.fill('验证码 12a34 5678')
    expect(await codeInput.inputValue()).toBe('123456')
    await codeInput.fill('12345')
    expect(await page.getByTestId('sign-in-submit').isDisabled()).toBe(true)

    const wrong = code === '000000' ? '111111' : '000000'
    for (let attempt = 1; attempt <= WRONG_TRIES_MAX; attempt++) {
      await codeInput.fill(wrong)
      await page.getByTestId('sign-in-submit').click()
      const left = WRONG_TRIES_MAX - attempt
      const detail = left === 0 ? '此验证码已作废' : `还可以再试 ${left} 次`
      await waitForTestId(page, 'form-error-detail', detail)
    }
    // Burned: 重新获取 works at once instead of counting down the rest of the minute.
    const resend = page.getByTestId('sign-in-send-code')
    await waitForSelector(page, '[data-testid="sign-in-send-code"][data-seconds-left="0"]:enabled')
    expect(await resend.textContent()).toBe('重新获取')
    await saveScreenshot(page, 'codes-01-burned-code-resend')
    const afterBurn = await lastSmsId(baseUrl, phone)
    await resend.click()
    const fresh = await readSmsCode(baseUrl, phone, 'sign_in', afterBurn)
    await codeInput.fill(fresh)
    await page.getByTestId('sign-in-submit').click()
    await waitForTestId(page, 'home-user')
    await page.context().close()
  })
})

describe('passkeys in the wallet', () => {
  it('confirms a top-up and a withdrawal with 指纹/面容, then falls back to the PIN', async () => {
    const page = await phonePage('localhost')
    const { cdp, id } = await addVirtualAuthenticator(page)
    const { baseUrl } = running().server
    await signIn(page, ZHANG_WEI.phone, ZHANG_WEI.name)

    // A card to top up from; leaving the code step and coming back resumes the same request.
    await page.goto('/cards/add')
    await page.getByTestId('card-number').fill(ICBC_DEBIT)
    const before = await lastSmsId(baseUrl, ZHANG_WEI.phone)
    await page.getByTestId('card-bind-submit').click()
    await waitForTestId(page, 'card-sms-sent', '验证码已发送至')
    const bindCode = await readSmsCode(baseUrl, ZHANG_WEI.phone, 'bind_card', before)
    await page.getByTestId('card-other').click()
    await page.getByTestId('card-number').fill(ICBC_DEBIT)
    await page.getByTestId('card-bind-submit').click()
    await waitForTestId(page, 'card-sms-sent', '验证码刚才已发送至')
    await page.getByTestId('card-sms-code').fill(bindCode)
    await page.getByTestId('card-confirm-submit').click()
    await waitForTestId(page, 'card-bound', '0018')

    // 指纹/面容支付 on: the payment password unlocks the enrolment.
    await page.goto('/security')
    await page.getByTestId('passkey-add').click()
    await page.getByTestId('passkey-prompt-pin').fill(DEMO_PAYMENT_PASSWORD)
    await waitForTestId(page, 'passkey-added')
    expect(
      (await cdp.send('WebAuthn.getCredentials', { authenticatorId: id })).credentials,
    ).toEqual([expect.objectContaining({ rpId: 'localhost' })])

    // 充值 ¥88.00: the authenticator is asked first, no PIN needed.
    await page.goto('/balance/top-up')
    await page.getByTestId('amount-input').fill('88')
    await page.getByTestId('money-next').click()
    await waitForSelector(page, '[data-testid="money-result"][data-status="SUCCEEDED"]')
    expect(await page.getByTestId('money-result-amount').first().textContent()).toBe('¥88.00')
    await saveScreenshot(page, 'passkeys-01-top-up-by-passkey')
    const used = await cdp.send('WebAuthn.getCredentials', { authenticatorId: id })
    expect(used.credentials[0]?.signCount).toBeGreaterThan(0)

    // 提现 ¥10.00 the same way.
    await page.goto('/balance/withdraw')
    await page.getByTestId('amount-input').fill('10')
    await waitForSelector(page, '[data-testid="withdraw-quote"][data-state="ready"]')
    await page.getByTestId('money-next').click()
    await waitForSelector(page, '[data-testid="money-result"][data-status="SUCCEEDED"]')
    expect(await page.getByTestId('money-result-title').first().textContent()).toBe('提现成功')
    await saveScreenshot(page, 'passkeys-01b-withdraw-by-passkey')
    const again = await cdp.send('WebAuthn.getCredentials', { authenticatorId: id })
    expect(again.credentials[0]?.signCount).toBeGreaterThan(used.credentials[0]?.signCount ?? 0)

    // The finger is not recognised: the PIN boxes take over, saying why.
    await cdp.send('WebAuthn.setUserVerified', { authenticatorId: id, isUserVerified: false })
    await page.goto('/balance/top-up')
    await page.getByTestId('amount-input').fill('12')
    await page.getByTestId('money-next').click()
    await waitForTestId(page, 'money-passkey-error', '指纹/面容验证未通过')
    await saveScreenshot(page, 'passkeys-02-fallback-to-pin')
    await page.getByTestId('money-pin-pin').fill(DEMO_PAYMENT_PASSWORD)
    await waitForSelector(page, '[data-testid="money-result"][data-status="SUCCEEDED"]')
    expect(await page.getByTestId('money-result-amount').first().textContent()).toBe('¥12.00')

    // With 付款短信验证 on, the passkey is asked again with the SMS code (a challenge is single use).
    await cdp.send('WebAuthn.setUserVerified', { authenticatorId: id, isUserVerified: true })
    const switched = await page.evaluate(async (paymentPassword) => {
      const body = JSON.stringify({ enabled: true, paymentPassword })
      const headers = { 'content-type': 'application/json' }
      return (await fetch('/api/v1/me/second-factor', { method: 'PUT', headers, body })).status
    }, DEMO_PAYMENT_PASSWORD)
    expect(switched).toBe(200)
    expectHttpError(page, { method: 'POST', path: '/api/v1/me/top-ups', status: 403 })
    const beforeSms = await lastSmsId(baseUrl, ZHANG_WEI.phone)
    await page.goto('/balance/top-up')
    await page.getByTestId('amount-input').fill('5')
    await page.getByTestId('money-next').click()
    await waitForTestId(page, 'money-sms-sent')
    const smsCode = await readSmsCode(baseUrl, ZHANG_WEI.phone, 'payment', beforeSms)
    const signCount = (await cdp.send('WebAuthn.getCredentials', { authenticatorId: id }))
      .credentials[0]?.signCount
    await page.getByTestId('money-sms-code').fill(smsCode)
    await page.getByTestId('money-sms-submit').click()
    await waitForSelector(page, '[data-testid="money-result"][data-status="SUCCEEDED"]')
    expect(await page.getByTestId('money-result-amount').first().textContent()).toBe('¥5.00')
    const signedAgain = await cdp.send('WebAuthn.getCredentials', { authenticatorId: id })
    expect(signedAgain.credentials[0]?.signCount).toBeGreaterThan(signCount ?? 0)
    const cookies = await page.context().cookies()
    await page.context().close()

    // On 127.0.0.1 passkeys cannot work: the page says why, links to localhost, and lists the
    // localhost passkey as not usable here. No top-up there asks for 指纹/面容. (The same
    // session, carried over: a new sign-in code would have to wait out the resend minute.)
    const byIp = await phonePage('127.0.0.1')
    await byIp
      .context()
      .addCookies(cookies.map(({ name, value }) => ({ name, value, url: baseUrl })))
    await byIp.goto('/security')
    await waitForTestId(byIp, 'passkeys-need-host-name', '浏览器不允许在 IP 地址上使用')
    const link = byIp.getByTestId('passkeys-localhost-link')
    expect(await link.getAttribute('href')).toBe(
      `${baseUrl.replace('127.0.0.1', 'localhost')}/security`,
    )
    await waitForTestId(byIp, 'passkey-other-host', '在 localhost 上开启，此处不可用')
    expect(await byIp.getByTestId('passkey-add').isDisabled()).toBe(true)
    await saveScreenshot(byIp, 'passkeys-03-ip-address')
    await byIp.goto('/balance/top-up')
    await byIp.getByTestId('amount-input').fill('1')
    await byIp.getByTestId('money-next').click()
    await byIp.getByTestId('money-pin-pin').waitFor({ timeout: UI_TIMEOUT_MS })
    expect(await byIp.getByTestId('money-passkey').count()).toBe(0)
    await byIp.context().close()
  })
})

describe('the page guard every spec runs under', () => {
  it('reports a console error, an unexpected 4xx and a page exception; not an expected one', async () => {
    const page = await phonePage('127.0.0.1')
    await page.goto('/')
    await page.evaluate(async () => {
      console.error('deliberate console error')
      await fetch('/api/v1/no-such-route')
      await fetch('/api/v1/me')
      setTimeout(() => {
        throw new Error('deliberate exception')
      })
    })
    const seen: string[] = []
    /** Takes the guard's problems into `seen` until `done` holds (events arrive a bit later). */
    const collect = (done: () => boolean) =>
      expect
        .poll(
          () => {
            seen.push(...takePageProblems())
            return done()
          },
          { timeout: UI_TIMEOUT_MS },
        )
        .toBe(true)
    await collect(() => seen.some((problem) => problem.startsWith('pageerror')))
    expect(seen).toEqual(
      expect.arrayContaining([
        expect.stringContaining('console.error: deliberate console error'),
        'unexpected HTTP 404: GET /api/v1/no-such-route',
        'unexpected HTTP 401: GET /api/v1/me',
        'pageerror: deliberate exception',
      ]),
    )
    // Declared: the same 401 passes; the 404 after it (to know the 401 was seen) does not.
    seen.length = 0
    expectHttpError(page, { method: 'GET', path: '/api/v1/me', status: 401 })
    await page.evaluate(async () => {
      await fetch('/api/v1/me')
      await fetch('/api/v1/no-such-route-either')
    })
    await collect(() => seen.length > 0)
    expect(seen).toEqual(['unexpected HTTP 404: GET /api/v1/no-such-route-either'])
    await page.context().close()
  })
})
