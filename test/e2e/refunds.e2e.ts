/**
 * Refunds in Chromium (issue 11): the customer pays the café's 收款码 (decoded from the console's
 * image) with the payment password; the café refunds part of it from the payment's page in its
 * console; the customer sees the refund on the record's page and in the balance. Then the
 * customer asks for a refund (申请退款) from the record and the café approves it in the console;
 * the customer sees the request approved and the money back.
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
import { decodeQrElement, fundedCustomer, signInContext, signInMerchant } from './support/pay.ts'

const WANG = demoResident('13800000001')
const ICBC_DEBIT = demoCard('6222020000000000018', { state: 'ACTIVE', cardType: 'DEBIT' })
const [CAFE] = DEMO_MERCHANTS
const running = useServerAndBrowser()

async function balanceText(phone: Page): Promise<string> {
  await phone.goto('/')
  await waitForSelector(phone, '[data-testid="balance-amount"][data-state="ready"]')
  return (await phone.getByTestId('balance-amount').first().textContent()) ?? ''
}

/** The customer's record of the payment (账单 → the payment's line). */
async function openPaymentRecord(phone: Page): Promise<void> {
  await phone.goto('/records')
  const payment = phone.locator('[data-testid="record-item"][data-kind="PAYMENT"]').first()
  await payment.waitFor({ timeout: UI_TIMEOUT_MS })
  await payment.locator('a').click()
  await waitForTestId(phone, 'record-actions')
}

describe('refunds: the café refunds part; the customer asks and the café approves', () => {
  let phone: Page
  let cafe: Page

  it('refunds part of a static-QR payment from the console; the customer sees it', async () => {
    const { server, browser } = running()
    if (CAFE === undefined) throw new Error('demo café missing')
    const { token } = await fundedCustomer(
      server.baseUrl,
      WANG.phone,
      ICBC_DEBIT.cardNumber,
      10_000,
    )
    cafe = await openPage(browser, server.baseUrl, DESKTOP)
    await signInMerchant(cafe, CAFE.owner.username, CAFE.owner.password)
    await cafe.getByTestId('merchant-nav-static').click()
    const image = cafe.getByTestId('static-code-image')
    await image.waitFor({ timeout: UI_TIMEOUT_MS })
    const payUrl = await decodeQrElement(image)

    phone = await openPage(browser, server.baseUrl, MOBILE)
    // The QR's URL is the public base URL's (it may name the host otherwise than the test does).
    await signInContext(phone.context(), new URL(payUrl).origin, token)
    await signInContext(phone.context(), server.baseUrl, token)
    expect(await balanceText(phone)).toBe('¥100.00')
    await phone.goto(payUrl)
    await phone.getByTestId('amount-input').fill('30')
    await phone.getByTestId('pay-amount-next').click()
    await waitForTestId(phone, 'money-confirm-amount', '¥30.00')
    await phone.getByTestId('money-pin-pin').fill(DEMO_PAYMENT_PASSWORD)
    await waitForSelector(phone, '[data-testid="pay-result"][data-status="SUCCESS"]')
    expect(await balanceText(phone)).toBe('¥70.00')

    // The café: the payment's page, 发起退款 for ¥12.50 of it.
    await cafe.getByTestId('merchant-nav-payments').click()
    const row = cafe.getByTestId('payment-row').first()
    await row.waitFor({ timeout: UI_TIMEOUT_MS })
    await row.getByTestId('payment-link').click()
    await waitForTestId(cafe, 'payment-refund')
    expect(await cafe.getByTestId('refund-amount').inputValue()).toBe('30.00')
    await cafe.getByTestId('refund-amount').fill('12.5')
    await cafe.getByTestId('refund-reason').fill('少做一杯')
    await saveScreenshot(cafe, 'refunds-01-cafe-refund-form')
    await cafe.getByTestId('refund-submit').click()
    await waitForSelector(cafe, '[data-testid="refund-done"][data-status="SUCCESS"]')
    await waitForTestId(cafe, 'payment-refunded', '12.50')
    await saveScreenshot(cafe, 'refunds-02-cafe-refunded')

    // The customer: the money back, the refund on the payment's record.
    expect(await balanceText(phone)).toBe('¥82.50')
    await openPaymentRecord(phone)
    await waitForSelector(phone, '[data-testid="refund-status"][data-status="SUCCESS"]')
    const progress = (await phone.getByTestId('refund-status').first().textContent()) ?? ''
    expect(progress).toContain('¥12.50')
    expect(progress).not.toContain('¥¥')
    await saveScreenshot(phone, 'refunds-03-customer-record-refunded')
  })

  it('the customer asks for a refund from the record; the café approves it', async () => {
    if (CAFE === undefined) throw new Error('demo café missing')
    await openPaymentRecord(phone)
    await waitForTestId(phone, 'refund-request-form')
    // What is left to refund is offered.
    expect(await phone.getByTestId('refund-request-amount').inputValue()).toBe('17.50')
    await phone.getByTestId('refund-request-amount').fill('5')
    await phone.getByTestId('refund-request-reason').fill('咖啡洒了')
    await saveScreenshot(phone, 'refunds-04-customer-asks')
    await phone.getByTestId('refund-request-submit').click()
    await waitForSelector(phone, '[data-testid="refund-request-status"][data-status="PENDING"]')
    await saveScreenshot(phone, 'refunds-05-customer-request-pending')

    await cafe.goto('/merchant/')
    const request = cafe.locator('[data-testid="merchant-refund-request"][data-status="PENDING"]')
    await request.first().waitFor({ timeout: UI_TIMEOUT_MS })
    expect(await request.first().textContent()).toContain('咖啡洒了')
    await saveScreenshot(cafe, 'refunds-06-cafe-request')
    await request.first().getByTestId('refund-request-approve').click()
    await expect
      .poll(() => cafe.locator('[data-testid="merchant-refund-request"]').count(), {
        timeout: UI_TIMEOUT_MS,
      })
      .toBe(0)
    await waitForSelector(cafe, '[data-testid="merchant-refund-row"][data-status="SUCCESS"]')
    expect(await cafe.getByTestId('merchant-refund-row').count()).toBe(2)
    await saveScreenshot(cafe, 'refunds-07-cafe-approved')

    await openPaymentRecord(phone)
    await waitForSelector(phone, '[data-testid="refund-request-status"][data-status="APPROVED"]')
    await expect
      .poll(() => phone.locator('[data-testid="refund-status"][data-status="SUCCESS"]').count())
      .toBe(2)
    await saveScreenshot(phone, 'refunds-08-customer-request-approved')
    expect(await balanceText(phone)).toBe('¥87.50')
  })
})
