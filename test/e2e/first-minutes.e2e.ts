/**
 * The first ten minutes (issue 10), in a phone-sized browser: a newcomer's own name is not on
 * the demo register, so the page says so and offers a demo identity; a weak PIN is refused at
 * its first entry; an amount over a limit is refused before the PIN is asked for; home, help
 * and the limits page.
 */
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demoResident } from '../../demo/residents.ts'
import { makeIdNumber } from '../../src/shared/id-number.ts'
import {
  connectServer,
  expectHttpError,
  launchBrowser,
  saveScreenshot,
  watchPageErrors,
  withoutExpectedHttpErrors,
} from './support/index.ts'
import type { RunningServer } from './support/index.ts'
import {
  apiCall,
  lastSmsId,
  MOBILE,
  openPage,
  readSmsCode,
  signUpByApi,
  waitForTestId,
} from './support/flows.ts'

// Not on the simulated register: a newcomer typing their own (valid) ID number.
const NEWCOMER = {
  phone: '13912340010',
  name: '林晓',
  idNumber: makeIdNumber('110105', '19900101', '987'),
}
const STRONG_PIN = '258036'
// Verified by the dev seed; her BOC debit card is in the bank simulator (demo/cards.ts).
const HUANG_MIN = demoResident('13800000008')
const HUANG_MIN_DEBIT = '6217850000000000013'

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

function running(): { baseUrl: string; browser: Browser } {
  if (server === undefined || browser === undefined) throw new Error('beforeAll did not finish')
  return { baseUrl: server.baseUrl, browser }
}

async function signInWithCookie(page: Page, baseUrl: string, token: string): Promise<void> {
  await page
    .context()
    .addCookies([
      { name: 'lq_session', value: token, url: baseUrl, httpOnly: true, sameSite: 'Strict' },
    ])
}

/** Binds a card through the API, as the card page would (the bank's code from the outbox). */
async function bindByApi(baseUrl: string, token: string, phone: string, cardNumber: string) {
  const before = await lastSmsId(baseUrl, phone)
  const started = await apiCall<{ bindRequestId: string }>(
    baseUrl,
    'POST',
    '/api/v1/me/cards/bind-requests',
    { token, body: { cardNumber, phone } },
  )
  expect(started.status, JSON.stringify(started.body)).toBe(200)
  const smsCode = await readSmsCode(baseUrl, phone, 'bind_card', before)
  const bound = await apiCall(baseUrl, 'POST', '/api/v1/me/cards', {
    token,
    body: { bindRequestId: started.body.bindRequestId, smsCode },
  })
  expect(bound.status, JSON.stringify(bound.body)).toBe(201)
}

describe('wallet: the first ten minutes', () => {
  it('offers a demo identity when the own name is not on the register; refuses a weak PIN at once', async () => {
    const { baseUrl, browser: chromium } = running()
    const { token } = await signUpByApi(baseUrl, NEWCOMER.phone)
    const page = await openPage(chromium, baseUrl, MOBILE)
    const pageErrors = watchPageErrors(page)
    // Refused on purpose below: the own name off the register, the weak PIN, the wrong old PIN.
    for (const path of ['real-name', 'payment-password/strength', 'payment-password/verify']) {
      expectHttpError(page, { method: 'POST', path: `/api/v1/me/${path}`, status: 400 })
    }
    await signInWithCookie(page, baseUrl, token)

    // Home: no developer panels; help is one tap away.
    await page.goto('/')
    await waitForTestId(page, 'kyc-cta')
    expect(await page.getByTestId('status-card').count()).toBe(0)
    await waitForTestId(page, 'home-help', '帮助与客服')
    await page.getByTestId('kyc-cta-action').click()

    // Own name and a valid ID number: not on the demo register, and the page says why.
    await waitForTestId(page, 'real-name-demo', '只有模拟居民')
    await page.getByTestId('real-name-name').fill(NEWCOMER.name)
    await page.getByTestId('real-name-id').fill(NEWCOMER.idNumber)
    await page.getByTestId('real-name-submit').click()
    await waitForTestId(page, 'form-error', '未查询到该身份证号')
    expect(await page.getByTestId('form-error').getAttribute('data-code')).toBe(
      'ID_NUMBER_NOT_FOUND',
    )
    await saveScreenshot(page, 'first-01-real-name-not-on-register')

    // 使用演示身份: a free simulated resident, filled in; it verifies.
    await page.getByTestId('real-name-demo-use').click()
    const idInput = page.getByTestId('real-name-id')
    await expect.poll(() => idInput.inputValue()).not.toBe(NEWCOMER.idNumber)
    const demoName = await page.getByTestId('real-name-name').inputValue()
    expect(demoName).not.toBe(NEWCOMER.name)
    await saveScreenshot(page, 'first-02-demo-identity-filled')
    await page.getByTestId('real-name-submit').click()
    await waitForTestId(page, 'real-name-done', 'Ⅰ类账户')

    // The demo identity's own card at the simulated bank: bound next, class I → II.
    await waitForTestId(page, 'real-name-demo-card', '储蓄卡')
    await saveScreenshot(page, 'first-03-verified-demo-card')
    await page.getByTestId('real-name-demo-bind').click()
    const reservedPhone = await page.getByTestId('card-phone').inputValue()
    expect(reservedPhone).not.toBe(NEWCOMER.phone)
    const beforeBind = await lastSmsId(baseUrl, reservedPhone)
    await page.getByTestId('card-bind-submit').click()
    const bindCode = await readSmsCode(baseUrl, reservedPhone, 'bind_card', beforeBind)
    await page.getByTestId('card-sms-code').fill(bindCode)
    await page.getByTestId('card-confirm-submit').click()
    await waitForTestId(page, 'card-bound')

    // 123456 is refused as soon as it is typed once; no second entry is asked for.
    await page.goto('/payment-password')
    await waitForTestId(page, 'pin-set')
    await page.getByTestId('pin-new').fill('123456')
    await waitForTestId(page, 'pin-error', '不能是连续的数字')
    expect(await page.getByTestId('pin-error').getAttribute('data-code')).toBe(
      'PAYMENT_PASSWORD_WEAK',
    )
    expect(await page.getByTestId('pin-flow').getAttribute('data-step')).toBe('new')
    expect(await page.getByTestId('pin-confirm').count()).toBe(0)
    await saveScreenshot(page, 'first-03-weak-pin-first-entry')
    await page.getByTestId('pin-new').fill(STRONG_PIN)
    await page.getByTestId('pin-confirm').fill(STRONG_PIN)
    await waitForTestId(page, 'pin-done', '支付密码已设置')

    // 修改: a wrong current PIN is told at once, before any new one is typed.
    await page.goto('/payment-password')
    await waitForTestId(page, 'pin-change')
    await page.getByTestId('pin-old').fill('147036')
    await waitForTestId(page, 'pin-error', '支付密码错误')
    expect(await page.getByTestId('pin-error').getAttribute('data-code')).toBe('PIN_WRONG')
    expect(await page.getByTestId('pin-flow').getAttribute('data-step')).toBe('old')
    await saveScreenshot(page, 'first-04-wrong-old-pin-first-entry')

    // Home greets with the masked name; the limits page explains the class.
    await page.goto('/')
    await waitForTestId(page, 'home-user', `${demoName.slice(0, 1)}*`)
    expect(await page.getByTestId('home-user').textContent()).not.toContain(demoName)
    await saveScreenshot(page, 'first-05-home-masked-name')
    await page.getByTestId('home-limits').click()
    await waitForTestId(page, 'limits-class', 'Ⅱ类账户')
    expect(await page.getByTestId('limits-class-2').getAttribute('aria-current')).toBe('true')
    await waitForTestId(page, 'limits-used', '还可用 ¥100,000.00')
    await waitForTestId(page, 'limits-usage', '今年已用 ¥0.00')
    await saveScreenshot(page, 'first-05-limits-page')

    // 帮助与客服: each answer links to the page that fixes it.
    await page.goto('/help')
    await waitForTestId(page, 'help-binding', '银行卡绑定失败')
    await page.getByTestId('help-limits-link').click()
    await waitForTestId(page, 'limits-page')
    await page.goto('/help')
    await saveScreenshot(page, 'first-06-help')
    // Both languages are complete.
    await page.getByTestId('lang-en').click()
    await waitForTestId(page, 'help-binding', 'Binding a card failed')
    await page.goto('/limits')
    await waitForTestId(page, 'limits-class', 'Class II account')
    await saveScreenshot(page, 'first-06-limits-en')

    expect(withoutExpectedHttpErrors(pageErrors())).toEqual([])
    await page.context().close()
  })

  it('refuses a too-large amount on the amount page, before any PIN', async () => {
    const { baseUrl, browser: chromium } = running()
    const { token } = await signUpByApi(baseUrl, HUANG_MIN.phone)
    await bindByApi(baseUrl, token, HUANG_MIN.phone, HUANG_MIN_DEBIT)
    const page = await openPage(chromium, baseUrl, MOBILE)
    const pageErrors = watchPageErrors(page)
    await signInWithCookie(page, baseUrl, token)

    await page.goto('/balance/top-up')
    await waitForTestId(page, 'amount-limit-hint', '单笔最多 ¥50,000.00')
    await page.getByTestId('amount-input').fill('99999999999')
    await waitForTestId(page, 'amount-limit-error', '单笔最多 ¥50,000.00')
    expect(await page.getByTestId('money-next').isDisabled()).toBe(true)
    await page.getByTestId('amount-input').press('Enter')
    expect(await page.getByTestId('money-confirm').count()).toBe(0)
    await saveScreenshot(page, 'first-07-top-up-too-large')

    // Within the limit the PIN is asked for as before.
    await page.getByTestId('amount-input').fill('100')
    expect(await page.getByTestId('amount-limit-error').count()).toBe(0)
    await page.getByTestId('money-next').click()
    await waitForTestId(page, 'money-confirm-amount', '¥100.00')

    // Withdrawal over the balance: no fee is mentioned.
    await page.goto('/balance/withdraw')
    await page.getByTestId('amount-input').fill('60000')
    await waitForTestId(page, 'amount-limit-error', '单笔最多 ¥50,000.00')
    await page.getByTestId('amount-input').fill('10')
    await waitForTestId(page, 'withdraw-over-balance', '提现金额超出可用余额 ¥0.00')
    expect(await page.getByTestId('withdraw-over-balance').textContent()).not.toContain('服务费')
    // Only the over-balance message: no fees of a withdrawal that cannot happen.
    expect(await page.getByTestId('quote-fee').count()).toBe(0)
    expect(await page.getByTestId('quote-free-uses').count()).toBe(0)
    await saveScreenshot(page, 'first-08-withdraw-over-balance')

    expect(withoutExpectedHttpErrors(pageErrors())).toEqual([])
    await page.context().close()
  })
})
