import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { demoResident } from '../../demo/residents.ts'
import {
  expectHttpError,
  saveScreenshot,
  signInAsOperator,
  useServerAndBrowser,
  watchPageErrors,
  withoutExpectedHttpErrors,
} from './support/index.ts'
import { DESKTOP, openPage, UI_TIMEOUT_MS, waitForTestId } from './support/flows.ts'

// Signed up and verified by the dev seed (LQ_DEV=1), so there is someone to find.
const ZHANG_WEI = demoResident('13800000001')
const MASKED_PHONE = '138****0001'

const running = useServerAndBrowser()

async function search(page: Page, query: string): Promise<void> {
  await page.getByTestId('admin-nav-users').click()
  await page.getByTestId('admin-user-search').fill(query)
  await page.getByTestId('admin-user-search-submit').click()
  await page.waitForURL((url) => url.searchParams.get('q') === query, { timeout: UI_TIMEOUT_MS })
}

describe('admin console: user search by role', () => {
  it('shows an admin full phones and status actions, support masked phones and none', async () => {
    const { server, browser } = running()
    const page = await openPage(browser, server.baseUrl, DESKTOP)
    const pageErrors = watchPageErrors(page)
    expectHttpError(page, { method: 'POST', path: '/api/v1/admin/sessions', status: 401 })

    // A wrong password is refused in words, not with a code.
    await page.goto('/admin/users')
    await waitForTestId(page, 'admin-sign-in')
    await waitForTestId(page, 'admin-dev-hint', 'lingqian-support')
    await page.getByTestId('admin-username').fill('admin')
    await page.getByTestId('admin-password').fill('not-the-password')
    await page.getByTestId('admin-sign-in-submit').click()
    await waitForTestId(page, 'form-error', '用户名或密码错误')
    await saveScreenshot(page, 'admin-01-sign-in-refused')

    // Admin: the full number, and freeze / restrict on the user's page.
    await signInAsOperator(page, 'admin', 'lingqian-admin', 'admin')
    await search(page, ZHANG_WEI.phone)
    const row = page.getByTestId('admin-user-row').first()
    await row.waitFor({ timeout: UI_TIMEOUT_MS })
    expect(await row.getByTestId('admin-user-phone').textContent()).toBe(ZHANG_WEI.phone)
    expect(await row.textContent()).toContain(ZHANG_WEI.name)
    await saveScreenshot(page, 'admin-02-search-as-admin')
    await row.getByTestId('admin-user-link').click()
    await waitForTestId(page, 'admin-detail-phone', ZHANG_WEI.phone)
    await waitForTestId(page, 'admin-status-actions')
    await page.getByTestId('admin-status-restricted').click()
    await waitForTestId(page, 'admin-status-reason')
    await saveScreenshot(page, 'admin-03-user-as-admin')

    // Support: the same search shows a masked number and no status actions.
    await page.getByTestId('admin-sign-out').click()
    await waitForTestId(page, 'admin-sign-in')
    await signInAsOperator(page, 'support', 'lingqian-support', 'support')
    await search(page, ZHANG_WEI.phone)
    const maskedRow = page.getByTestId('admin-user-row').first()
    await maskedRow.waitFor({ timeout: UI_TIMEOUT_MS })
    expect(await maskedRow.getByTestId('admin-user-phone').textContent()).toBe(MASKED_PHONE)
    expect(await maskedRow.textContent()).not.toContain(ZHANG_WEI.name)
    await waitForTestId(page, 'admin-masked-note')
    await saveScreenshot(page, 'admin-04-search-as-support')
    await maskedRow.getByTestId('admin-user-link').click()
    await waitForTestId(page, 'admin-detail-phone', MASKED_PHONE)
    await waitForTestId(page, 'admin-status-forbidden', '客服')
    expect(await page.getByTestId('admin-status-actions').count()).toBe(0)
    await saveScreenshot(page, 'admin-05-user-as-support')

    // The console follows the language switch too.
    await page.getByTestId('lang-en').click()
    await waitForTestId(page, 'admin-status-forbidden', 'support role')
    await saveScreenshot(page, 'admin-06-user-as-support-en')

    expect(withoutExpectedHttpErrors(pageErrors())).toEqual([])
    await page.context().close()
  })
})
