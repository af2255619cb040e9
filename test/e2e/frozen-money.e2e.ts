/**
 * A frozen account can move no money: 充值 and 提现 show the frozen banner with its appeal link
 * at once, instead of a form that asks for the amount and the PIN only to be refused.
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
import { MOBILE, openPage, signUpByApi, waitForTestId } from './support/flows.ts'

// Frozen by the dev seed (README: 王芳).
const WANG_FANG_PHONE = '13800000003'

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

describe('wallet: money pages of a frozen account', () => {
  it('top-up and withdrawal show the frozen banner, not the form', async () => {
    if (server === undefined || browser === undefined) throw new Error('beforeAll did not finish')
    const baseUrl = server.baseUrl
    const { token } = await signUpByApi(baseUrl, WANG_FANG_PHONE)
    const page = await openPage(browser, baseUrl, MOBILE)
    const pageErrors = watchPageErrors(page)
    await page
      .context()
      .addCookies([
        { name: 'lq_session', value: token, url: baseUrl, httpOnly: true, sameSite: 'Strict' },
      ])
    for (const path of ['/balance/top-up', '/balance/withdraw']) {
      await page.goto(path)
      await waitForTestId(page, 'status-banner')
      expect(await page.getByTestId('status-banner').getAttribute('data-status')).toBe('frozen')
      await waitForTestId(page, 'banner-appeal')
      expect(await page.getByTestId('amount-input').count(), path).toBe(0)
    }
    await saveScreenshot(page, 'frozen-money-01-withdraw')
    await page.getByTestId('banner-appeal').click()
    await page.waitForURL('**/appeal')
    expect(withoutExpectedHttpErrors(pageErrors())).toEqual([])
  })
})
