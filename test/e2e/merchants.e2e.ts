/**
 * Merchants end to end in Chromium: an admin onboards a shop in the admin console, reads the
 * owner's one-time sign-in, and the owner signs in to /merchant/ and sees the shop's profile
 * (card masked); after the admin suspends the shop, its console says so.
 */
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  connectServer,
  launchBrowser,
  saveScreenshot,
  watchPageErrors,
  withoutExpectedHttpErrors,
} from './support/index.ts'
import type { RunningServer } from './support/index.ts'
import {
  DESKTOP,
  openPage,
  UI_TIMEOUT_MS,
  waitForSelector,
  waitForTestId,
} from './support/flows.ts'

// An ICBC debit number (demo/cards.ts): Luhn-valid with a supported BIN.
const SETTLEMENT_CARD = '6222020000000000018'

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

describe('merchants: onboarded in the admin console, signed in to the merchant console', () => {
  it('admin creates a merchant; its owner signs in to /merchant/ and sees the profile', async () => {
    if (server === undefined || browser === undefined) throw new Error('beforeAll did not finish')
    const admin = await openPage(browser, server.baseUrl, DESKTOP)
    const adminErrors = watchPageErrors(admin)
    await admin.goto('/admin/')
    await admin.getByTestId('admin-username').fill('admin')
    await admin.getByTestId('admin-password').fill('lingqian-admin')
    await admin.getByTestId('admin-sign-in-submit').click()
    await waitForSelector(admin, '[data-testid="admin-operator"][data-role="admin"]')
    await admin.getByTestId('admin-nav-merchants').click()
    await waitForTestId(admin, 'admin-merchants-page')
    // The demo seed's café and shop are listed.
    await waitForTestId(admin, 'admin-merchants', '零钱咖啡')

    await admin.getByTestId('admin-merchant-legal-name').fill('北京浏览器测试有限公司')
    await admin.getByTestId('admin-merchant-store-name').fill('浏览器小馆')
    await admin.getByTestId('admin-merchant-category').selectOption('5812')
    await admin.getByTestId('admin-merchant-card').fill(SETTLEMENT_CARD)
    await admin.getByTestId('admin-merchant-create-submit').click()
    await waitForTestId(admin, 'admin-merchant-created')
    const username = (await admin.getByTestId('admin-merchant-owner-username').textContent()) ?? ''
    const password = (await admin.getByTestId('admin-merchant-owner-password').textContent()) ?? ''
    expect(username).toMatch(/^[1-9]\d{9}\.owner$/)
    expect(password).toHaveLength(16)
    const merchantId = username.split('.')[0] ?? ''
    const row = admin.locator(
      `[data-testid="admin-merchant-row"][data-merchant-id="${merchantId}"]`,
    )
    await row.waitFor({ timeout: UI_TIMEOUT_MS })
    expect(await row.textContent()).toContain('**** 0018')
    expect(await row.textContent()).not.toContain(SETTLEMENT_CARD)
    await saveScreenshot(admin, 'merchants-01-admin-created')

    const shop = await openPage(browser, server.baseUrl, DESKTOP)
    const shopErrors = watchPageErrors(shop)
    await shop.goto('/merchant/')
    await shop.getByTestId('merchant-username').fill(username)
    await shop.getByTestId('merchant-password').fill(password)
    await shop.getByTestId('merchant-sign-in-submit').click()
    await waitForTestId(shop, 'merchant-store-name', '浏览器小馆')
    expect(await shop.getByTestId('merchant-id-value').textContent()).toBe(merchantId)
    expect(await shop.getByTestId('merchant-card-value').textContent()).toBe(
      '中国工商银行 **** 0018',
    )
    expect(await shop.getByTestId('merchant-fee-value').textContent()).toBe('0.60%')
    await saveScreenshot(shop, 'merchants-02-merchant-home')

    admin.once('dialog', (dialog) => void dialog.accept('浏览器测试：暂停'))
    await row.getByTestId('admin-merchant-suspend').click()
    await waitForSelector(
      admin,
      `[data-merchant-id="${merchantId}"] [data-testid="admin-merchant-status"][data-status="suspended"]`,
    )
    await shop.reload()
    await waitForTestId(shop, 'merchant-suspended')
    await saveScreenshot(shop, 'merchants-03-merchant-suspended')

    // Signed out, the consoles ask who is signed in and get 401: expected, not an error.
    expect(withoutExpectedHttpErrors(adminErrors())).toEqual([])
    expect(withoutExpectedHttpErrors(shopErrors())).toEqual([])
  })
})
