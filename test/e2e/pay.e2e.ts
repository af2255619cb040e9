/**
 * Paying a shop in Chromium (issue 11): the customer reads the café's 收款码 off the merchant
 * console (the test decodes the QR image the page shows) and pays it with the payment password;
 * an order QR from the shop is paid and the console sees it live; a customer with no money and
 * no card is sent to sign in and back, then offered 去充值 for exactly what is missing.
 */
import { describe, expect, it } from 'vitest'
import { demoResident } from '../../demo/residents.ts'
import { DEMO_MERCHANTS, DEMO_PAYMENT_PASSWORD } from '../../src/seed/demo.ts'
import { expectHttpError, saveScreenshot, useServerAndBrowser } from './support/index.ts'
import {
  demoCard,
  DESKTOP,
  lastSmsId,
  MOBILE,
  openPage,
  readSmsCode,
  UI_TIMEOUT_MS,
  waitForSelector,
  waitForTestId,
} from './support/flows.ts'
import { decodeQrElement, fundedCustomer, signInContext, signInMerchant } from './support/pay.ts'

const ZHANG_WEI = demoResident('13800000001')
const LI_NA = demoResident('13800000002')
const ICBC_DEBIT = demoCard('6222020000000000018', { state: 'ACTIVE', cardType: 'DEBIT' })
const [CAFE, SHOP] = DEMO_MERCHANTS
const running = useServerAndBrowser()

async function textOf(page: import('playwright-core').Page, testId: string): Promise<string> {
  return (await page.getByTestId(testId).first().textContent()) ?? ''
}

describe('paying a shop: static QR, order QR, not enough money', () => {
  let customerToken = ''

  it("pays the café's static QR, decoded from the console's image, with the PIN", async () => {
    const { server, browser } = running()
    if (CAFE === undefined) throw new Error('demo café missing')
    customerToken = (
      await fundedCustomer(server.baseUrl, ZHANG_WEI.phone, ICBC_DEBIT.cardNumber, 10_000)
    ).token

    const cafe = await openPage(browser, server.baseUrl, DESKTOP)
    await signInMerchant(cafe, CAFE.owner.username, CAFE.owner.password)
    await cafe.getByTestId('merchant-nav-static').click()
    await waitForTestId(cafe, 'static-code-card')
    const image = cafe.getByTestId('static-code-image')
    await expect
      .poll(() => image.evaluate((img) => (img as HTMLImageElement).naturalWidth))
      .toBeGreaterThan(0)
    await saveScreenshot(cafe, 'pay-01-cafe-static-qr')
    const payUrl = await decodeQrElement(image)
    expect(payUrl).toBe(await textOf(cafe, 'static-code-url'))
    expect(payUrl).toMatch(/\/pay\/m\/[A-Za-z0-9_-]{8,64}$/)

    const phone = await openPage(browser, server.baseUrl, MOBILE)
    await signInContext(phone.context(), new URL(payUrl).origin, customerToken)
    await phone.goto(payUrl)
    await waitForTestId(phone, 'pay-merchant-name', '零钱咖啡')
    await phone.getByTestId('amount-input').fill('1234.5')
    await waitForTestId(phone, 'pay-amount-echo', '¥1,234.50')
    await phone.getByTestId('amount-input').fill('12.34')
    await phone.getByTestId('pay-note-input').fill('少冰')
    await saveScreenshot(phone, 'pay-02-static-amount')
    await phone.getByTestId('pay-amount-next').click()
    await waitForTestId(phone, 'money-confirm-amount', '¥12.34')
    await waitForSelector(phone, '[data-testid="pay-method"][data-method="balance"] input:checked')
    await waitForTestId(phone, 'pay-method-default')
    await saveScreenshot(phone, 'pay-03-static-confirm')
    await phone.getByTestId('money-pin-pin').fill(DEMO_PAYMENT_PASSWORD)
    await waitForSelector(phone, '[data-testid="pay-result"][data-status="SUCCESS"]')
    expect(await textOf(phone, 'pay-result-title')).toBe('支付成功')
    expect(await textOf(phone, 'pay-result-amount')).toBe('¥12.34')
    expect(await textOf(phone, 'pay-result-merchant')).toContain('零钱咖啡')
    expect(await textOf(phone, 'pay-result-note')).toBe('少冰')
    expect(await phone.getByTestId('pay-result-record').getAttribute('href')).toBe('/records')
    await saveScreenshot(phone, 'pay-04-static-paid')

    // The café sees it: today's takings and the payment with the customer's note.
    await cafe.getByTestId('merchant-nav-payments').click()
    await waitForTestId(cafe, 'takings-gross', '¥12.34')
    const row = cafe.getByTestId('payment-row').first()
    await row.waitFor({ timeout: UI_TIMEOUT_MS })
    expect(await row.getByTestId('payment-amount').textContent()).toBe('¥12.34')
    await row.getByTestId('payment-link').click()
    await waitForTestId(cafe, 'payment-note', '少冰')
    await saveScreenshot(cafe, 'pay-05-cafe-payment')
  })

  it('pays an order QR the shop made; the console follows it to 已支付 live', async () => {
    const { server, browser } = running()
    if (SHOP === undefined) throw new Error('demo shop missing')
    const shop = await openPage(browser, server.baseUrl, DESKTOP)
    await signInMerchant(shop, SHOP.owner.username, SHOP.owner.password)
    await shop.getByTestId('merchant-nav-orders').click()
    await shop.getByTestId('amount-input').fill('23.5')
    await shop.getByTestId('order-description').fill('拿铁 大杯')
    await shop.getByTestId('order-create-submit').click()
    await waitForSelector(shop, '[data-testid="order-qr-card"][data-status="NOTPAY"]')
    const qr = shop.getByTestId('order-qr')
    await expect
      .poll(() => qr.evaluate((img) => (img as HTMLImageElement).naturalWidth))
      .toBeGreaterThan(0)
    await saveScreenshot(shop, 'pay-06-order-qr')
    const payUrl = await decodeQrElement(qr)
    expect(payUrl).toMatch(/\/pay\/o\/[A-Za-z0-9_-]{16,64}$/)

    const phone = await openPage(browser, server.baseUrl, MOBILE)
    await signInContext(phone.context(), new URL(payUrl).origin, customerToken)
    await phone.goto(payUrl)
    await waitForTestId(phone, 'money-confirm-amount', '¥23.50')
    await waitForTestId(phone, 'pay-description', '拿铁 大杯')
    await saveScreenshot(phone, 'pay-07-order-confirm')
    await phone.getByTestId('money-pin-pin').fill(DEMO_PAYMENT_PASSWORD)
    await waitForSelector(phone, '[data-testid="pay-result"][data-status="SUCCESS"]')

    await waitForSelector(shop, '[data-testid="order-qr-card"][data-status="PAID"]')
    await waitForSelector(shop, '[data-testid="order-status"][data-status="PAID"]')
    await saveScreenshot(shop, 'pay-08-order-paid')

    // The same QR again: already paid (409), and the page says so instead of asking for the PIN.
    expectHttpError(phone, {
      method: 'GET',
      path: /^\/api\/v1\/pay\/checkout\/orders\//,
      status: 409,
    })
    await phone.goto(payUrl)
    await waitForSelector(phone, '[data-testid="pay-failure"][data-code="ORDER_PAID"]')
    await saveScreenshot(phone, 'pay-09-order-already-paid')
  })

  it('sends a signed-out customer to sign in and back; no money and no card: 去充值', async () => {
    const { server, browser } = running()
    if (SHOP === undefined) throw new Error('demo shop missing')
    const shop = await openPage(browser, server.baseUrl, DESKTOP)
    await signInMerchant(shop, SHOP.owner.username, SHOP.owner.password)
    await shop.getByTestId('merchant-nav-orders').click()
    await shop.getByTestId('amount-input').fill('8')
    await shop.getByTestId('order-description').fill('矿泉水')
    await shop.getByTestId('order-create-submit').click()
    const payUrl = await decodeQrElement(shop.getByTestId('order-qr'))
    const path = new URL(payUrl).pathname

    const phone = await openPage(browser, server.baseUrl, MOBILE)
    await phone.goto(path)
    await waitForTestId(phone, 'sign-in-phone')
    expect(new URL(phone.url()).searchParams.get('next')).toBe(path)
    await phone.getByTestId('sign-in-phone').fill(LI_NA.phone)
    const before = await lastSmsId(server.baseUrl, LI_NA.phone)
    await phone.getByTestId('sign-in-send-code').click()
    const code = await readSmsCode(server.baseUrl, LI_NA.phone, 'sign_in', before)
    await phone.getByTestId('sign-in-code').fill(code)
    await phone.getByTestId('sign-in-submit').click()
    await waitForTestId(phone, 'pay-no-method')
    expect(new URL(phone.url()).pathname).toBe(path)
    const balance = phone.locator('[data-testid="pay-method"][data-method="balance"]')
    expect(await balance.getAttribute('data-available')).toBe('false')
    expect(await balance.getByTestId('pay-method-reason').getAttribute('data-code')).toBe(
      'NOT_ENOUGH',
    )
    await saveScreenshot(phone, 'pay-10-not-enough')
    // 去充值 for exactly what is missing (no card yet: the top-up page asks for one first).
    await phone.getByTestId('pay-fail-action').click()
    await expect.poll(() => new URL(phone.url()).pathname).toBe('/balance/top-up')
    expect(new URL(phone.url()).searchParams.get('amount')).toBe('8.00')
  })
})
