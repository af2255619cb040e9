import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RESIDENTS } from '../../demo/residents.ts'
import {
  connectServer,
  expectHttpError,
  launchBrowser,
  saveScreenshot,
  watchPageErrors,
  withoutExpectedHttpErrors,
} from './support/index.ts'
import type { RunningServer } from './support/index.ts'
import {
  apiCall,
  DESKTOP,
  lastSmsId,
  MOBILE,
  openPage,
  readSmsCode,
  SMS_RESEND_WAIT_MS,
  signUpByApi,
  UI_TIMEOUT_MS,
  waitForSelector,
  waitForTestId,
} from './support/flows.ts'

const RESIDENT = RESIDENTS[41]
const STATEMENT = '手机丢失后已补办 SIM 卡并找回手机，申请解冻。'
const DECISION_REASON = '已核实本人身份，准予解冻'
// Signing up, freezing and a second sign-in need two sign-in codes a minute apart.
const FLOW_TIMEOUT_MS = 240_000

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

/** Signs in on the wallet's sign-in page, waiting out the one-code-a-minute limit if it hits. */
async function signInThroughPage(page: Page, baseUrl: string, phone: string): Promise<void> {
  // The code may come too soon after the last one: the page shows the wait (handled below).
  expectHttpError(page, { method: 'POST', path: '/api/v1/sms-codes', status: 429 })
  await page.getByTestId('sign-in-phone').fill(phone)
  const before = await lastSmsId(baseUrl, phone)
  await page.getByTestId('sign-in-send-code').click()
  const sent = page.getByTestId('sms-sent')
  const limited = page.locator('[data-testid="form-error"][data-code="FREQUENCY_LIMITED"]')
  await sent.or(limited).first().waitFor({ timeout: UI_TIMEOUT_MS })
  if (await limited.isVisible()) {
    // The page says how long to wait and counts down on the button; wait for it like a person.
    await waitForTestId(page, 'form-error', '秒后重试')
    await waitForTestId(page, 'sign-in-send-code', '秒后重发')
    await saveScreenshot(page, 'appeal-04-sign-in-rate-limited')
    await page
      .locator('[data-testid="sign-in-send-code"]:not([disabled])')
      .waitFor({ timeout: SMS_RESEND_WAIT_MS })
    await page.getByTestId('sign-in-send-code').click()
    await sent.waitFor({ timeout: UI_TIMEOUT_MS })
  }
  const code = await readSmsCode(baseUrl, phone, 'sign_in', before)
  await page.getByTestId('sign-in-code').fill(code)
  await page.getByTestId('sign-in-submit').click()
}

describe('freeze and appeal', () => {
  it(
    'freezes by SMS while signed out, appeals, and an operator approves it',
    async () => {
      if (server === undefined || browser === undefined) throw new Error('beforeAll did not finish')
      if (RESIDENT === undefined) throw new Error('demo population is shorter than expected')
      const baseUrl = server.baseUrl

      // An existing, verified account (set up through the API as its phone app would).
      const { token, userId } = await signUpByApi(baseUrl, RESIDENT.phone)
      const verified = await apiCall(baseUrl, 'POST', '/api/v1/me/real-name', {
        token,
        body: { realName: RESIDENT.name, idNumber: RESIDENT.idNumber },
      })
      expect(verified.status).toBe(200)

      // Lost phone: from the sign-in page, freeze without signing in.
      const wallet = await openPage(browser, baseUrl, MOBILE)
      const walletErrors = watchPageErrors(wallet)
      await wallet.goto('/sign-in')
      await wallet.getByTestId('link-freeze').click()
      await waitForTestId(wallet, 'freeze-warning', '所有设备立即退出登录')
      await wallet.getByTestId('freeze-phone').fill(RESIDENT.phone)
      const beforeFreeze = await lastSmsId(baseUrl, RESIDENT.phone)
      await wallet.getByTestId('freeze-send-code').click()
      await waitForTestId(wallet, 'sms-sent')
      const freezeCode = await readSmsCode(baseUrl, RESIDENT.phone, 'freeze', beforeFreeze)
      await wallet.getByTestId('freeze-code').fill(freezeCode)
      await saveScreenshot(wallet, 'appeal-01-freeze-form')
      await wallet.getByTestId('freeze-next').click()
      await waitForTestId(wallet, 'freeze-confirm-panel', RESIDENT.phone.slice(-4))
      await saveScreenshot(wallet, 'appeal-02-freeze-confirm')
      await wallet.getByTestId('freeze-confirm').click()
      await waitForTestId(wallet, 'freeze-done', '账户已冻结')
      await saveScreenshot(wallet, 'appeal-03-frozen')
      // Freezing signed out every device, the setup session included.
      expect((await apiCall(baseUrl, 'GET', '/api/v1/me', { token })).status).toBe(401)

      // Signed in again: the home page says the account is frozen and links to the appeal.
      await wallet.getByTestId('freeze-sign-in').click()
      await waitForTestId(wallet, 'sign-in-page')
      await signInThroughPage(wallet, baseUrl, RESIDENT.phone)
      await waitForSelector(wallet, '[data-testid="status-banner"][data-status="frozen"]')
      await waitForTestId(wallet, 'status-banner', '账户已冻结')
      await saveScreenshot(wallet, 'appeal-05-home-frozen')

      await wallet.getByTestId('banner-appeal').click()
      await waitForTestId(wallet, 'appeal-form')
      await wallet.getByTestId('appeal-statement').fill(STATEMENT)
      await wallet.getByTestId('appeal-name').fill(RESIDENT.name)
      await wallet.getByTestId('appeal-id').fill(RESIDENT.idNumber)
      await saveScreenshot(wallet, 'appeal-06-appeal-form')
      await wallet.getByTestId('appeal-submit').click()
      await waitForTestId(wallet, 'appeal-submitted')
      await waitForSelector(wallet, '[data-testid="appeal-status"][data-status="pending"]')
      await waitForTestId(wallet, 'appeal-pending')
      await saveScreenshot(wallet, 'appeal-07-appeal-pending')

      // The operator: sign in to the admin console, open the queue, approve with a reason.
      const admin = await openPage(browser, baseUrl, DESKTOP)
      const adminErrors = watchPageErrors(admin)
      await admin.goto('/admin/')
      await admin.getByTestId('admin-username').fill('admin')
      await admin.getByTestId('admin-password').fill('lingqian-admin')
      await admin.getByTestId('admin-sign-in-submit').click()
      await waitForSelector(admin, '[data-testid="admin-operator"][data-role="admin"]')
      await admin.getByTestId('admin-nav-appeals').click()
      const queued = admin.locator(`[data-testid="admin-appeal"][data-user-id="${userId}"]`)
      await queued.waitFor({ timeout: UI_TIMEOUT_MS })
      expect(await queued.getByTestId('admin-appeal-statement').textContent()).toBe(STATEMENT)
      await queued.getByTestId('admin-appeal-reason').fill(DECISION_REASON)
      await saveScreenshot(admin, 'appeal-08-admin-queue')
      await queued.getByTestId('admin-appeal-approve').click()
      // Approving unfreezes at once, so the console asks first, with the note prefilled.
      const confirm = queued.getByTestId('admin-appeal-confirm')
      await confirm.waitFor({ timeout: UI_TIMEOUT_MS })
      expect(await confirm.getByTestId('admin-appeal-confirm-note').inputValue()).toBe(
        DECISION_REASON,
      )
      await saveScreenshot(admin, 'appeal-08b-admin-confirm-approve')
      // The note is required: an empty one is refused in words before anything is sent.
      await confirm.getByTestId('admin-appeal-confirm-note').fill('')
      await confirm.getByTestId('admin-appeal-confirm-ok').click()
      await waitForTestId(admin, 'admin-appeal-confirm-error', '请填写处理意见')
      await confirm.getByTestId('admin-appeal-confirm-note').fill(DECISION_REASON)
      await confirm.getByTestId('admin-appeal-confirm-ok').click()
      await waitForTestId(admin, 'admin-appeal-decided', '已通过该申诉')
      await queued.waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS })
      await saveScreenshot(admin, 'appeal-09-admin-approved')

      // The user's page in the console: normal again, and the decision is in the audit trail.
      await admin.getByTestId('admin-appeals-tab-approved').click()
      await admin
        .locator(`[data-testid="admin-appeal"][data-user-id="${userId}"]`)
        .getByTestId('admin-appeal-view-user')
        .click()
      await waitForSelector(admin, '[data-testid="admin-detail-status"][data-status="normal"]')
      await waitForSelector(admin, '[data-testid="admin-audit-row"][data-action="appeal.approved"]')
      await saveScreenshot(admin, 'appeal-10-admin-user')

      // Back in the wallet: no banner any more, and the appeal shows the operator's reason.
      await wallet.goto('/')
      await waitForTestId(wallet, 'home-user')
      expect(await wallet.getByTestId('status-banner').count()).toBe(0)
      await saveScreenshot(wallet, 'appeal-11-home-restored')
      await wallet.goto('/appeal')
      await waitForSelector(wallet, '[data-testid="appeal-status"][data-status="approved"]')
      await waitForTestId(wallet, 'appeal-decision-reason', DECISION_REASON)
      await waitForTestId(wallet, 'appeal-not-needed')
      await saveScreenshot(wallet, 'appeal-12-wallet-approved')

      expect(withoutExpectedHttpErrors(walletErrors())).toEqual([])
      expect(withoutExpectedHttpErrors(adminErrors())).toEqual([])
      await wallet.context().close()
      await admin.context().close()
    },
    FLOW_TIMEOUT_MS,
  )
})
