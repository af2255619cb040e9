/**
 * The admin console's 任务 / Jobs page on a desktop-sized Chromium: the server's recurring jobs
 * listed in words with their next run in Shanghai time, the counts, the status filter, the
 * overview's failed-jobs tile opening it filtered to failed; risk reads it, support has no link.
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
import { DESKTOP, openPage, UI_TIMEOUT_MS, waitForTestId } from './support/flows.ts'

// The recurring jobs the app registers (src/shared/job-kinds.ts) and their Chinese names.
const RECURRING_ZH: Record<string, string> = {
  'ledger.expire-pending': '撤销超时的待处理交易',
  'wallet.resolve-bank': '确认银行处理结果',
  'jobs.prune-done': '清理已完成的任务',
  'limits.prune-idle': '清理闲置的频率限制记录',
  'payments.resolve': '确认银行卡支付结果，关闭超时未确认的支付',
  'settlement.run': '商户 T+1 结算',
  'settlement.resolve-payouts': '确认结算打款结果',
  'refunds.resolve': '重试未完成的退款',
  'refunds.escalate-requests': '超时未处理的退款申请转平台',
  'transfers.resolve': '完成处理中断的转账',
  'redpackets.recover': '红包补记与退款巡检',
  'notifications.deliver': '投递商户支付通知',
  'notifications.watch-refunds': '退款结果通知巡检',
}
const DOTTED_CODE = /\b[a-z]+\.[a-z-]+\b/
// 2026/12/04 19:50:03: the zh format of formatShanghaiDateTime.
const SHANGHAI_TIME = /^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}$/

const running = useServerAndBrowser()

async function listedKinds(page: Page): Promise<string[]> {
  const rows = page.getByTestId('admin-job-row')
  const kinds: string[] = []
  for (let index = 0; index < (await rows.count()); index += 1) {
    kinds.push((await rows.nth(index).getAttribute('data-kind')) ?? '')
  }
  return kinds.sort()
}

describe('admin console: jobs', () => {
  it('lists the recurring jobs in words, filters by status, and is reached from the overview', async () => {
    const { server, browser } = running()
    const page = await openPage(browser, server.baseUrl, DESKTOP)
    const pageErrors = watchPageErrors(page)
    await page.goto('/admin/')
    await waitForTestId(page, 'admin-sign-in')
    await signInAsOperator(page, 'admin', 'lingqian-admin', 'admin')

    // The overview's failed-jobs tile opens the page filtered to failed: none on a new server.
    await waitForTestId(page, 'admin-overview-jobs-value', '0')
    await page.getByTestId('admin-overview-jobs-open').click()
    await page.waitForURL((url) => url.pathname === '/admin/jobs', { timeout: UI_TIMEOUT_MS })
    expect(new URL(page.url()).searchParams.get('status')).toBe('failed')
    await waitForTestId(page, 'admin-jobs-empty', '没有任务')
    expect(await page.getByTestId('admin-jobs-tab-failed').getAttribute('aria-current')).toBe(
      'page',
    )
    expect(await page.getByTestId('admin-jobs-count-failed-value').textContent()).toBe('0')

    // Not done: the recurring jobs, by their Chinese names, next run in Shanghai time.
    await page.getByTestId('admin-jobs-tab-open').click()
    await waitForTestId(page, 'admin-jobs')
    expect(await listedKinds(page)).toEqual(Object.keys(RECURRING_ZH).sort())
    const table = (await page.getByTestId('admin-jobs').textContent()) ?? ''
    for (const name of Object.values(RECURRING_ZH)) expect(table).toContain(name)
    expect(table).toContain('周期任务')
    expect(table).not.toMatch(DOTTED_CODE)
    const nextRuns = await page.getByTestId('admin-job-next-run').allTextContents()
    for (const text of nextRuns) expect(text).toMatch(SHANGHAI_TIME)
    expect(await page.getByTestId('admin-job-retry').count()).toBe(0)
    const pending = Number(await page.getByTestId('admin-jobs-count-pending-value').textContent())
    const runningCount = Number(
      await page.getByTestId('admin-jobs-count-running-value').textContent(),
    )
    expect(pending + runningCount).toBe(Object.keys(RECURRING_ZH).length)
    await saveScreenshot(page, 'admin-jobs-01-recurring')

    await page.getByTestId('lang-en').click()
    await waitForTestId(page, 'admin-jobs', 'Void expired pending transfers')
    expect(await page.getByTestId('admin-jobs').textContent()).toContain('Recurring')
    await saveScreenshot(page, 'admin-jobs-02-recurring-en')
    await page.getByTestId('lang-zh').click()

    // Risk reads the page too; support has no link to it.
    await page.getByTestId('admin-sign-out').click()
    await waitForTestId(page, 'admin-sign-in')
    await signInAsOperator(page, 'risk', 'lingqian-risk', 'risk')
    await page.getByTestId('admin-nav-jobs').click()
    await waitForTestId(page, 'admin-jobs')
    expect(await listedKinds(page)).toEqual(Object.keys(RECURRING_ZH).sort())
    await page.getByTestId('admin-sign-out').click()
    await waitForTestId(page, 'admin-sign-in')
    await signInAsOperator(page, 'support', 'lingqian-support', 'support')
    await waitForTestId(page, 'admin-overview-tiles')
    expect(await page.getByTestId('admin-overview-jobs-open').count()).toBe(0)
    expect(await page.getByTestId('admin-nav-jobs').count()).toBe(0)

    expect(withoutExpectedHttpErrors(pageErrors())).toEqual([])
    await page.context().close()
  })
})
