/**
 * The merchant console's money pages in Chromium, as the demo café's owner: 优惠 (create a
 * campaign, see it listed with its budget used, end it), 员工 (add a cashier, who then signs in
 * and sees no 结算), and 结算 (the rule, the CSV export with its BOM, and a day's report).
 * A freshly seeded server has no settled day yet (the café was created today), so the report
 * screenshot renders one day in the contract's shape, answered in the browser.
 */
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import {
  saveScreenshot,
  useServerAndBrowser,
  watchPageErrors,
  withoutExpectedHttpErrors,
} from './support/index.ts'
import {
  DESKTOP,
  openPage,
  UI_TIMEOUT_MS,
  waitForSelector,
  waitForTestId,
} from './support/flows.ts'

const running = useServerAndBrowser()

async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/merchant/')
  await page.getByTestId('merchant-username').fill(username)
  await page.getByTestId('merchant-password').fill(password)
  await page.getByTestId('merchant-sign-in-submit').click()
  await waitForTestId(page, 'merchant-store-name')
}

/** One settled day in the contract's shape: 3 payments, a partial refund, fees → net paid. */
const DAY_REPORT = {
  id: 'settle:1000000001:2026-12-06',
  merchantId: '1000000001',
  day: '2026-12-06',
  payments: 3,
  grossFen: 22_345,
  refundsFen: 4_333,
  feesFen: 114,
  netFen: 17_898,
  carriedInFen: 0,
  discountsRepaidFen: 0,
  refundsDeductedFen: 0,
  payoutFen: 17_898,
  carriedOutFen: 0,
  status: 'PAID',
  payout: {
    bankCode: 'ICBC',
    last4: '0019',
    bankRef: 'C202612070000000123',
    attempts: 1,
    failureCode: null,
    paidAtMs: Date.UTC(2026, 11, 6, 16, 10),
  },
  createdAtMs: Date.UTC(2026, 11, 6, 16, 10),
}

describe('merchant console: 优惠, 员工, 结算', () => {
  it('creates and ends a campaign, adds a cashier, and shows the settlements', async () => {
    const { server, browser } = running()
    const owner = await openPage(browser, server.baseUrl, DESKTOP)
    const ownerErrors = watchPageErrors(owner)
    await signIn(owner, 'cafe-owner', 'lingqian-cafe')

    await owner.getByTestId('merchant-nav-coupons').click()
    await waitForTestId(owner, 'merchant-coupons')
    await owner.getByTestId('coupon-name').fill('满30减5')
    await owner.getByTestId('coupon-threshold').fill('30')
    await owner.getByTestId('coupon-discount').fill('5')
    await owner.getByTestId('coupon-perUser').fill('2')
    await owner.getByTestId('coupon-budget').fill('100')
    await owner.getByTestId('coupon-submit').click()
    await waitForTestId(owner, 'coupon-created')
    const row = owner.locator('[data-testid="coupon-row"][data-status="active"]').first()
    await row.waitFor({ timeout: UI_TIMEOUT_MS })
    expect(await row.getByTestId('coupon-budget').textContent()).toBe('¥0.00 / ¥100.00')
    expect(await row.textContent()).toContain('满 ¥30.00 减 ¥5.00，每人 2 次')
    await saveScreenshot(owner, 'merchant-money-01-coupons')
    await row.getByTestId('coupon-end').click()
    await waitForSelector(owner, '[data-testid="coupon-row"][data-status="ended"]')
    await saveScreenshot(owner, 'merchant-money-02-coupon-ended')

    await owner.getByTestId('merchant-nav-staff').click()
    await waitForTestId(owner, 'merchant-staff-page')
    const username = `cafe-cashier-${Date.now() % 100_000}`
    await owner.getByTestId('cashier-username').fill(username)
    await owner.getByTestId('cashier-name').fill('收银员小王')
    await owner.getByTestId('cashier-password').fill('cashier-password')
    await owner.getByTestId('cashier-submit').click()
    await waitForTestId(owner, 'cashier-added')
    await waitForSelector(owner, `[data-testid="staff-row"][data-username="${username}"]`)
    await saveScreenshot(owner, 'merchant-money-03-staff')

    await owner.getByTestId('merchant-nav-settlements').click()
    await waitForTestId(owner, 'merchant-settlements')
    await waitForTestId(owner, 'settlement-empty')
    const csv = await owner.request.get('/api/v1/merchant/settlements.csv')
    expect(csv.status()).toBe(200)
    expect([...(await csv.body()).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(await csv.text()).toContain('结算日 Day')
    await owner.route('**/api/v1/merchant/settlements', (route) =>
      route.fulfill({ json: { settlements: [DAY_REPORT] } }),
    )
    await owner.reload()
    await waitForSelector(owner, '[data-testid="settlement-row"][data-day="2026-12-06"]')
    await owner.getByTestId('settlement-open').click()
    await waitForTestId(owner, 'settlement-report')
    expect(await owner.getByTestId('settlement-report-net').textContent()).toBe('¥178.98')
    expect(await owner.getByTestId('settlement-report-payout').textContent()).toBe('¥178.98')
    await saveScreenshot(owner, 'merchant-money-04-settlement-report')
    expect(withoutExpectedHttpErrors(ownerErrors())).toEqual([])

    const cashier = await openPage(browser, server.baseUrl, DESKTOP)
    const cashierErrors = watchPageErrors(cashier)
    await signIn(cashier, username, 'cashier-password')
    expect(await cashier.getByTestId('merchant-nav-settlements').count()).toBe(0)
    await cashier.getByTestId('merchant-nav-coupons').click()
    await waitForTestId(cashier, 'merchant-coupons')
    expect(await cashier.getByTestId('coupon-submit').count()).toBe(0)
    await saveScreenshot(cashier, 'merchant-money-05-cashier-coupons')
    expect(withoutExpectedHttpErrors(cashierErrors())).toEqual([])
  })
})
