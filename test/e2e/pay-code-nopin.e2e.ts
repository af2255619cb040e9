/**
 * 免密支付 at the till in Chromium (issue 11): the customer turns 免密 on in /pay/settings with
 * a per-payment limit of ¥20; the café's cashier types the customer's payment code with ¥15
 * and it completes without the customer doing anything (the cashier sees 收款成功 at once);
 * with ¥25, above the limit, it waits (USERPAYING) until the customer confirms with the payment
 * password on the phone, and the cashier's screen follows it to 收款成功.
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

const LI_NA = demoResident('13800000002')
const CCB_DEBIT = demoCard('6217000000000000020', { state: 'ACTIVE', cardType: 'DEBIT' })
const CAFE = DEMO_MERCHANTS[0]
const running = useServerAndBrowser()

/** The code the phone shows now, on a fresh 付款码 page. */
async function freshCode(phone: Page): Promise<string> {
  await phone.goto('/pay')
  await waitForSelector(phone, '[data-testid="paycode-card"][data-state="ready"]')
  const code = await phone.getByTestId('paycode-card').getAttribute('data-code')
  if (code === null || !/^1[0-5]\d{16}$/.test(code)) throw new Error(`no payment code: ${code}`)
  return code
}

async function collect(cashier: Page, amount: string, code: string): Promise<void> {
  await cashier.goto('/merchant/cashier')
  await cashier.getByTestId('amount-input').fill(amount)
  await cashier.getByTestId('cashier-code').fill(code)
  await cashier.getByTestId('cashier-submit').click()
  await cashier
    .locator('[data-testid="cashier-result"], [data-testid="cashier-error"]')
    .first()
    .waitFor({ timeout: UI_TIMEOUT_MS })
  const refused = cashier.getByTestId('cashier-error')
  if ((await refused.count()) > 0) throw new Error(`refused: ${await refused.textContent()}`)
}

async function balanceText(phone: Page): Promise<string> {
  await phone.goto('/')
  await waitForSelector(phone, '[data-testid="balance-amount"][data-state="ready"]')
  return (await phone.getByTestId('balance-amount').first().textContent()) ?? ''
}

describe('免密 at the till: under the limit at once, above it with the PIN', () => {
  it('collects ¥15 with no confirmation, and ¥25 only once the customer confirms', async () => {
    const { server, browser } = running()
    if (CAFE === undefined) throw new Error('demo café missing')
    const { token } = await fundedCustomer(
      server.baseUrl,
      LI_NA.phone,
      CCB_DEBIT.cardNumber,
      10_000,
    )
    const phone = await openPage(browser, server.baseUrl, MOBILE)
    await signInContext(phone.context(), server.baseUrl, token)

    // 免密 on, ¥20 a payment, ¥50 a day, confirmed with the payment password.
    await phone.goto('/pay/settings')
    await phone.getByTestId('passwordless-switch').click()
    await phone.getByTestId('passwordless-per-input').fill('20')
    await phone.getByTestId('passwordless-daily-input').fill('50')
    await phone.getByTestId('passwordless-save').click()
    await phone.getByTestId('passwordless-pin-pin').fill(DEMO_PAYMENT_PASSWORD)
    await waitForTestId(phone, 'passwordless-saved')
    await phone.goto('/pay/settings')
    expect(await phone.getByTestId('passwordless-switch').getAttribute('aria-checked')).toBe('true')
    expect(await phone.getByTestId('passwordless-per-input').inputValue()).toMatch(/^20(\.00)?$/)
    await saveScreenshot(phone, 'pay-code-nopin-01-settings')

    const cashier = await openPage(browser, server.baseUrl, DESKTOP)
    await signInMerchant(cashier, CAFE.owner.username, CAFE.owner.password)

    // Under the limit: done at the till, nothing asked on the phone.
    const small = await freshCode(phone)
    await collect(cashier, '15', small)
    await waitForSelector(cashier, '[data-testid="cashier-result"][data-status="SUCCESS"]')
    expect(await cashier.getByTestId('cashier-result-amount').textContent()).toContain('15.00')
    await saveScreenshot(cashier, 'pay-code-nopin-02-cashier-paid-at-once')
    expect(await phone.getByTestId('pending-sheet').count()).toBe(0)
    expect(await balanceText(phone)).toBe('¥85.00')

    // Above it: the payment waits for the customer.
    const large = await freshCode(phone)
    await collect(cashier, '25', large)
    await waitForSelector(cashier, '[data-testid="cashier-result"][data-status="USERPAYING"]')
    await saveScreenshot(cashier, 'pay-code-nopin-03-cashier-waiting')
    await waitForTestId(phone, 'pending-sheet')
    await waitForTestId(phone, 'money-confirm-amount', '¥25.00')
    await saveScreenshot(phone, 'pay-code-nopin-04-phone-confirms')
    await phone.getByTestId('money-pin-pin').fill(DEMO_PAYMENT_PASSWORD)
    await waitForSelector(phone, '[data-testid="pay-result"][data-status="SUCCESS"]')
    await waitForSelector(cashier, '[data-testid="cashier-result"][data-status="SUCCESS"]')
    await saveScreenshot(cashier, 'pay-code-nopin-05-cashier-paid')
    expect(await balanceText(phone)).toBe('¥60.00')
  })
})
