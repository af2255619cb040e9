/**
 * The payment code (付款码) in Chromium: the customer shows the code on the phone, the café's
 * cashier types it in the console with an amount; above 免密 the payment waits (USERPAYING) until
 * the customer confirms on the phone, and the cashier sees it turn 收款成功 live. With 免密 on,
 * a small one goes through at once.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { demoResident } from '../../demo/residents.ts'
import { DEMO_MERCHANTS, DEMO_PAYMENT_PASSWORD } from '../../src/seed/demo.ts'
import { saveScreenshot, useServerAndBrowser } from './support/index.ts'
import {
  demoCard,
  DESKTOP,
  MOBILE,
  openPage,
  UI_TIMEOUT_MS,
  waitForSelector,
  waitForTestId,
} from './support/flows.ts'
import { fundedCustomer, signInContext, signInMerchant } from './support/pay.ts'

const ZHANG_WEI = demoResident('13800000001')
const ICBC_DEBIT = demoCard('6222020000000000018', { state: 'ACTIVE', cardType: 'DEBIT' })
const CAFE = DEMO_MERCHANTS[0]
const running = useServerAndBrowser()

/** The code the phone shows now (a new one after each refresh). */
async function shownCode(phone: Page): Promise<string> {
  await waitForSelector(phone, '[data-testid="paycode-card"][data-state="ready"]')
  const code = await phone.getByTestId('paycode-card').getAttribute('data-code')
  if (code === null || !/^1[0-5]\d{16}$/.test(code)) throw new Error(`no payment code: ${code}`)
  return code
}

async function collect(cashier: Page, amount: string, code: string): Promise<void> {
  await cashier.getByTestId('amount-input').fill(amount)
  await cashier.getByTestId('cashier-code').fill(code.replace(/(\d{4})/g, '$1 '))
  expect(await cashier.getByTestId('cashier-code').inputValue()).toBe(code)
  await cashier.getByTestId('cashier-submit').click()
  await cashier
    .locator('[data-testid="cashier-result"], [data-testid="cashier-error"]')
    .first()
    .waitFor({ timeout: UI_TIMEOUT_MS })
  const refused = cashier.getByTestId('cashier-error')
  if ((await refused.count()) > 0) throw new Error(`refused: ${await refused.textContent()}`)
}

describe('payment code: shown on the phone, collected by the cashier', () => {
  it('waits for the PIN on the phone (USERPAYING), the cashier sees it paid; 免密 turned on', async () => {
    const { server, browser } = running()
    if (CAFE === undefined) throw new Error('demo café missing')
    const { token } = await fundedCustomer(
      server.baseUrl,
      ZHANG_WEI.phone,
      ICBC_DEBIT.cardNumber,
      10_000,
    )
    const phone = await openPage(browser, server.baseUrl, MOBILE)
    await signInContext(phone.context(), server.baseUrl, token)
    await phone.goto('/')
    await phone.getByTestId('feature-qr').click()
    const code = await shownCode(phone)
    const barcode = phone.getByTestId('paycode-barcode')
    await expect
      .poll(() => barcode.evaluate((img) => (img as HTMLImageElement).naturalWidth))
      .toBeGreaterThan(0)
    const digits = phone.getByTestId('paycode-digits')
    expect(await digits.textContent()).not.toContain(code.slice(4, 8))
    await saveScreenshot(phone, 'pay-code-01-code-hidden')
    await digits.click()
    expect((await digits.textContent())?.replace(/\D/g, '')).toBe(code)
    await saveScreenshot(phone, 'pay-code-02-code-shown')

    const cashier = await openPage(browser, server.baseUrl, DESKTOP)
    await signInMerchant(cashier, CAFE.owner.username, CAFE.owner.password)
    await cashier.getByTestId('merchant-nav-cashier').click()
    await collect(cashier, '8.8', code)
    await waitForSelector(cashier, '[data-testid="cashier-result"][data-status="USERPAYING"]')
    await saveScreenshot(cashier, 'pay-code-03-cashier-waiting')

    // The phone asks for the PIN (免密 is off by default), the cashier's screen follows.
    await waitForTestId(phone, 'pending-sheet')
    await waitForTestId(phone, 'money-confirm-amount', '¥8.80')
    await saveScreenshot(phone, 'pay-code-04-pending-sheet')
    await phone.getByTestId('money-pin-pin').fill(DEMO_PAYMENT_PASSWORD)
    await waitForSelector(phone, '[data-testid="pay-result"][data-status="SUCCESS"]')
    await waitForSelector(cashier, '[data-testid="cashier-result"][data-status="SUCCESS"]')
    expect(await cashier.getByTestId('cashier-result-payer').textContent()).toContain('*伟')
    await saveScreenshot(cashier, 'pay-code-05-cashier-paid')

    // 免密支付 on (with the PIN), then a small payment needs nothing on the phone.
    await phone.goto('/pay/settings')
    await phone.getByTestId('passwordless-switch').click()
    await phone.getByTestId('passwordless-save').click()
    await phone.getByTestId('passwordless-pin-pin').fill(DEMO_PAYMENT_PASSWORD)
    await waitForTestId(phone, 'passwordless-saved')
    await saveScreenshot(phone, 'pay-code-06-passwordless-on')
    // A fresh code replaces the used one.
    await phone.goto('/pay')
    expect(await shownCode(phone)).not.toBe(code)
  })
})
