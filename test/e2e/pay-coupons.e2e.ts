/**
 * Coupons (优惠) in Chromium: the shop's owner starts 满30减5 in the console; a customer pays the
 * shop's 收款码 ¥40 and the confirm page shows "优惠 −¥5.00 (满30减5)" with ¥35.00 to pay; the
 * result page shows the discount and what was paid; the console's coupon page counts it.
 */
import { describe, expect, it } from 'vitest'
import { demoResident } from '../../demo/residents.ts'
import { DEMO_MERCHANTS, DEMO_PAYMENT_PASSWORD } from '../../src/seed/demo.ts'
import { saveScreenshot, useServerAndBrowser } from './support/index.ts'
import {
  DESKTOP,
  MOBILE,
  openPage,
  UI_TIMEOUT_MS,
  waitForSelector,
  waitForTestId,
} from './support/flows.ts'
import { fundedCustomer, signInContext, signInMerchant } from './support/pay.ts'

const LI_NA = demoResident('13800000002')
const LI_NA_DEBIT = '6217000000000000020'
const SHOP = DEMO_MERCHANTS[1]
const running = useServerAndBrowser()

async function textOf(page: import('playwright-core').Page, testId: string): Promise<string> {
  return (await page.getByTestId(testId).first().textContent()) ?? ''
}

describe('paying with a coupon', () => {
  it('shows the discount on the confirm and result pages, and the console counts it', async () => {
    const { server, browser } = running()
    if (SHOP === undefined) throw new Error('demo shop missing')
    const shop = await openPage(browser, server.baseUrl, DESKTOP)
    await signInMerchant(shop, SHOP.owner.username, SHOP.owner.password)
    await shop.getByTestId('merchant-nav-coupons').click()
    await waitForTestId(shop, 'merchant-coupons')
    await shop.getByTestId('coupon-name').fill('满30减5')
    await shop.getByTestId('coupon-threshold').fill('30')
    await shop.getByTestId('coupon-discount').fill('5')
    await shop.getByTestId('coupon-perUser').fill('2')
    await shop.getByTestId('coupon-budget').fill('100')
    await shop.getByTestId('coupon-submit').click()
    await waitForTestId(shop, 'coupon-created')
    await shop.getByTestId('merchant-nav-static').click()
    await waitForTestId(shop, 'static-code-card')
    const payUrl = await textOf(shop, 'static-code-url')
    expect(payUrl).toMatch(/\/pay\/m\/[A-Za-z0-9_-]{8,64}$/)

    const customer = await fundedCustomer(server.baseUrl, LI_NA.phone, LI_NA_DEBIT, 10_000)
    const phone = await openPage(browser, server.baseUrl, MOBILE)
    await signInContext(phone.context(), new URL(payUrl).origin, customer.token)
    await phone.goto(payUrl)
    await phone.getByTestId('amount-input').fill('40')
    await phone.getByTestId('pay-amount-next').click()
    await waitForTestId(phone, 'pay-coupon', '优惠 −¥5.00 (满30减5)')
    await waitForTestId(phone, 'money-confirm-amount', '¥35.00')
    expect(await textOf(phone, 'pay-coupon-payable')).toContain('¥40.00')
    await saveScreenshot(phone, 'pay-coupons-01-confirm')
    await phone.getByTestId('money-pin-pin').fill(DEMO_PAYMENT_PASSWORD)
    await waitForSelector(phone, '[data-testid="pay-result"][data-status="SUCCESS"]')
    expect(await textOf(phone, 'pay-result-amount')).toBe('¥35.00')
    expect(await textOf(phone, 'pay-result-original')).toBe('¥40.00')
    expect(await textOf(phone, 'pay-result-coupon')).toBe('−¥5.00 (满30减5)')
    await saveScreenshot(phone, 'pay-coupons-02-result')

    await shop.getByTestId('merchant-nav-coupons').click()
    const row = shop.locator('[data-testid="coupon-row"][data-status="active"]').first()
    await row.waitFor({ timeout: UI_TIMEOUT_MS })
    expect(await row.getByTestId('coupon-budget').textContent()).toBe('¥5.00 / ¥100.00')
    expect(await row.getByTestId('coupon-remaining').textContent()).toBe('¥95.00')
    expect(await row.getByTestId('coupon-redemptions').textContent()).toBe('1')
    await saveScreenshot(shop, 'pay-coupons-03-console')
  })
})
