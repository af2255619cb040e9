/**
 * The admin console's overview (its landing page) and the audit log with filters, as admin and
 * as support, on a desktop-sized Chromium: every code on screen is in words, operators by name.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import {
  saveScreenshot,
  signInAsOperator,
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

// Signed up, verified and given a payment password by the dev seed (LQ_DEV=1).
const ZHANG_WEI_PHONE = '13800000001'
// Dotted codes and snake_case words: what the console must never print raw.
const RAW_CODE = /\b[a-z]+(?:_[a-z]+)*\.[a-z]+(?:_[a-z]+)*\b|\b(?:self_freeze|op_[a-z0-9]+)\b/

const running = useServerAndBrowser()

async function auditText(page: Page): Promise<string> {
  return (await page.getByTestId('admin-audit-log').textContent()) ?? ''
}

async function rowActions(page: Page): Promise<string[]> {
  const rows = page.getByTestId('admin-audit-row')
  const count = await rows.count()
  const actions: string[] = []
  for (let index = 0; index < count; index += 1) {
    actions.push((await rows.nth(index).getAttribute('data-action')) ?? '')
  }
  return actions
}

describe('admin console: overview and audit log', () => {
  it('lands on the overview with the counts that need attention', async () => {
    const { server, browser } = running()
    const page = await openPage(browser, server.baseUrl, DESKTOP)
    const pageErrors = watchPageErrors(page)
    await page.goto('/admin/')
    await waitForTestId(page, 'admin-sign-in')
    await signInAsOperator(page, 'admin', 'lingqian-admin', 'admin')

    await waitForTestId(page, 'admin-overview-tiles')
    expect(await page.getByTestId('admin-nav-overview').getAttribute('aria-current')).toBe('page')
    await waitForTestId(page, 'admin-overview-appeals-value')
    expect(await page.getByTestId('admin-overview-appeals-value').textContent()).toMatch(/^\d+$/)
    await waitForTestId(page, 'admin-overview-ledger-value', '账本平衡')
    await waitForTestId(page, 'admin-overview-reconciliation')
    // The job runner is wired in: a failed-jobs count, opening the jobs page filtered to failed.
    await waitForTestId(page, 'admin-overview-jobs-value', '0')
    expect(await page.getByTestId('admin-overview-jobs-open').getAttribute('href')).toBe(
      '/admin/jobs?status=failed',
    )
    await saveScreenshot(page, 'admin-console-01-overview')

    await page.getByTestId('admin-overview-appeals-open').click()
    await waitForTestId(page, 'admin-appeals-page')
    await page.getByTestId('admin-nav-overview').click()
    await waitForTestId(page, 'admin-overview-tiles')

    await page.getByTestId('lang-en').click()
    await waitForTestId(page, 'admin-overview-ledger-value', 'Books balance')
    await saveScreenshot(page, 'admin-console-02-overview-en')
    expect(withoutExpectedHttpErrors(pageErrors())).toEqual([])
    await page.context().close()
  })

  it('filters the whole log by user, action and dates, in words; support reads one user', async () => {
    const { server, browser } = running()
    const page = await openPage(browser, server.baseUrl, DESKTOP)
    const pageErrors = watchPageErrors(page)
    await page.goto('/admin/audit')
    await waitForTestId(page, 'admin-sign-in')
    await signInAsOperator(page, 'admin', 'lingqian-admin', 'admin')

    // The whole log: operators by name, actions and details in Chinese, no raw codes.
    await waitForSelector(page, '[data-testid="admin-audit-row"][data-action="operator.signed_in"]')
    const whole = await auditText(page)
    expect(whole).toContain('管理员 Admin')
    expect(whole).toContain('运营人员登录')
    expect(whole).not.toMatch(RAW_CODE)
    await saveScreenshot(page, 'admin-console-03-audit-log')

    // One user's real-name verification, by phone and action.
    await page.getByTestId('admin-audit-filter-user').fill(ZHANG_WEI_PHONE)
    await page.getByTestId('admin-audit-filter-action').selectOption('kyc.verified')
    await page.getByTestId('admin-audit-apply').click()
    await page.waitForURL((url) => url.searchParams.get('action') === 'kyc.verified', {
      timeout: UI_TIMEOUT_MS,
    })
    await waitForSelector(page, '[data-testid="admin-audit-row"][data-action="kyc.verified"]')
    expect(new Set(await rowActions(page))).toEqual(new Set(['kyc.verified']))
    const kyc = await auditText(page)
    expect(kyc).toContain('实名认证通过')
    expect(kyc).toContain('账户等级')
    expect(kyc).toContain('Ⅰ类账户')
    expect(kyc).toContain('用户本人')
    await saveScreenshot(page, 'admin-console-04-audit-filtered')

    // Dates: a range that ends before it starts is refused in words; a past range finds nothing.
    await page.getByTestId('admin-audit-filter-from').fill('2020-02-01')
    await page.getByTestId('admin-audit-filter-to').fill('2020-01-01')
    await page.getByTestId('admin-audit-apply').click()
    await waitForTestId(page, 'form-error', '结束日期不能早于开始日期')
    await page.getByTestId('admin-audit-filter-from').fill('2020-01-01')
    await page.getByTestId('admin-audit-apply').click()
    await waitForTestId(page, 'admin-audit-empty')
    await page.getByTestId('admin-audit-reset').click()
    await waitForSelector(page, '[data-testid="admin-audit-row"][data-action="operator.signed_in"]')

    await page.getByTestId('lang-en').click()
    await waitForTestId(page, 'admin-audit-action', 'Operator signed in')
    expect(await auditText(page)).not.toMatch(RAW_CODE)
    await saveScreenshot(page, 'admin-console-05-audit-log-en')
    await page.getByTestId('lang-zh').click()

    // Support: asked for a user first; then that user's trail, masked elsewhere as before.
    await page.getByTestId('admin-sign-out').click()
    await waitForTestId(page, 'admin-sign-in')
    await signInAsOperator(page, 'support', 'lingqian-support', 'support')
    await page.getByTestId('admin-nav-audit').click()
    await waitForTestId(page, 'admin-audit-support-hint', '客服')
    expect(await page.getByTestId('admin-audit-row').count()).toBe(0)
    await page.getByTestId('admin-audit-filter-user').fill(ZHANG_WEI_PHONE)
    await page.getByTestId('admin-audit-apply').click()
    await waitForSelector(page, '[data-testid="admin-audit-row"][data-action="kyc.verified"]')
    expect(await rowActions(page)).not.toContain('operator.signed_in')
    expect(await auditText(page)).not.toMatch(RAW_CODE)
    await saveScreenshot(page, 'admin-console-06-audit-as-support')

    expect(withoutExpectedHttpErrors(pageErrors())).toEqual([])
    await page.context().close()
  })

  it("shows a user's money and the reconciliation rows with totals", async () => {
    const { server, browser } = running()
    const page = await openPage(browser, server.baseUrl, DESKTOP)
    const pageErrors = watchPageErrors(page)
    await page.goto(`/admin/users?q=${ZHANG_WEI_PHONE}`)
    await waitForTestId(page, 'admin-sign-in')
    await signInAsOperator(page, 'risk', 'lingqian-risk', 'risk')
    const row = page.getByTestId('admin-user-row').first()
    await row.waitFor({ timeout: UI_TIMEOUT_MS })
    await row.getByTestId('admin-user-link').click()
    await waitForTestId(page, 'admin-user-money')
    await waitForSelector(page, '[data-testid="admin-money-balance"][data-fen]')
    expect(await page.getByTestId('admin-money-balance').textContent()).toMatch(/^¥[\d,]+\.\d{2}$/)
    // The user's own trail names the user, never an id, and says what changed in words.
    await waitForSelector(page, '[data-testid="admin-audit-row"][data-action="kyc.verified"]')
    expect(await page.getByTestId('admin-audit').textContent()).not.toMatch(RAW_CODE)
    await saveScreenshot(page, 'admin-console-07-user-money')
    await page.getByTestId('admin-user-audit-all').click()
    await waitForSelector(page, '[data-testid="admin-audit-row"][data-action="kyc.verified"]')
    expect(await page.getByTestId('admin-audit-filter-user').inputValue()).toMatch(/^u_/)

    await page.getByTestId('admin-nav-reconciliation').click()
    await waitForTestId(page, 'admin-reconciliation-page')
    await waitForTestId(page, 'recon-totals')
    expect(await page.getByTestId('recon-wallet-total').textContent()).toMatch(/^¥[\d,]+\.\d{2}$/)
    await saveScreenshot(page, 'admin-console-08-reconciliation')
    expect(withoutExpectedHttpErrors(pageErrors())).toEqual([])
    await page.context().close()
  })
})
