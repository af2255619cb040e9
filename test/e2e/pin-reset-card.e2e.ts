/**
 * 找回支付密码 for a user with a bound card: the server then also wants the full number of one
 * of the bound cards, so the reset form asks for it (before, it never did and every reset
 * failed with a message about credit-card expiry dates).
 */
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demoResident } from '../../demo/residents.ts'
import {
  connectServer,
  EXPECTED_HTTP_ERRORS,
  expectHttpError,
  launchBrowser,
  saveScreenshot,
  watchPageErrors,
  withoutExpectedHttpErrors,
} from './support/index.ts'
import type { RunningServer } from './support/index.ts'
import {
  apiCall,
  lastSmsId,
  MOBILE,
  openPage,
  readSmsCode,
  signUpByApi,
  waitForSelector,
  waitForTestId,
} from './support/flows.ts'

// Verified with PIN 147258 by the dev seed; his BOCOM debit card is in the bank simulator.
const ZHOU_JIE = demoResident('13800000009')
const ZHOU_JIE_DEBIT = '6222600000000000016'
const NEW_PIN = '806142'

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

async function bindByApi(baseUrl: string, token: string): Promise<void> {
  const before = await lastSmsId(baseUrl, ZHOU_JIE.phone)
  const started = await apiCall<{ bindRequestId: string }>(
    baseUrl,
    'POST',
    '/api/v1/me/cards/bind-requests',
    { token, body: { cardNumber: ZHOU_JIE_DEBIT, phone: ZHOU_JIE.phone } },
  )
  expect(started.status, JSON.stringify(started.body)).toBe(200)
  const smsCode = await readSmsCode(baseUrl, ZHOU_JIE.phone, 'bind_card', before)
  const bound = await apiCall(baseUrl, 'POST', '/api/v1/me/cards', {
    token,
    body: { bindRequestId: started.body.bindRequestId, smsCode },
  })
  expect(bound.status, JSON.stringify(bound.body)).toBe(201)
}

describe('wallet: reset the payment password with a card bound', () => {
  it('asks for the number of a bound card, then resets', async () => {
    if (server === undefined || browser === undefined) throw new Error('beforeAll did not finish')
    const baseUrl = server.baseUrl
    const { token } = await signUpByApi(baseUrl, ZHOU_JIE.phone)
    await bindByApi(baseUrl, token)

    const page = await openPage(browser, baseUrl, MOBILE)
    const pageErrors = watchPageErrors(page)
    await page
      .context()
      .addCookies([
        { name: 'lq_session', value: token, url: baseUrl, httpOnly: true, sameSite: 'Strict' },
      ])
    await page.goto('/payment-password')
    await page.getByTestId('pin-forgot').click()
    await waitForTestId(page, 'pin-reset-card')
    const hint = await page.getByTestId('pin-reset-form').innerText()
    expect(hint).toContain('（0016）')

    const before = await lastSmsId(baseUrl, ZHOU_JIE.phone)
    await page.getByTestId('pin-reset-send-code').click()
    const code = await readSmsCode(baseUrl, ZHOU_JIE.phone, 'reset_password', before)
    await page.getByTestId('pin-reset-code').fill(code)
    await page.getByTestId('pin-reset-id').fill(ZHOU_JIE.idNumber)
    // Typed as printed on the card; the button waits for a whole card number.
    await page.getByTestId('pin-reset-card').fill('6222 6000 0000')
    expect(await page.getByTestId('pin-reset-next').isDisabled()).toBe(true)
    // A wrong card is refused on the form, before any PIN is typed; the same code still works.
    const path = '/api/v1/me/payment-password/reset/verify'
    expectHttpError(page, { method: 'POST', path, status: 422 })
    await page.getByTestId('pin-reset-card').fill('6222020000000000018')
    await page.getByTestId('pin-reset-next').click()
    await waitForSelector(page, '[data-testid="pin-reset-error"][data-code="CARD_INFO_MISMATCH"]')
    expect(await page.getByTestId('pin-new').count()).toBe(0)
    await page.getByTestId('pin-reset-card').fill(ZHOU_JIE_DEBIT.replace(/(\d{4})/g, '$1 '))
    expect(await page.getByTestId('pin-reset-card').inputValue()).toBe(ZHOU_JIE_DEBIT)
    await saveScreenshot(page, 'pin-reset-card-01-form')
    await page.getByTestId('pin-reset-next').click()
    await page.getByTestId('pin-new').fill(NEW_PIN)
    await page.getByTestId('pin-confirm').fill(NEW_PIN)
    await waitForTestId(page, 'pin-done', '支付密码已重置')
    await saveScreenshot(page, 'pin-reset-card-02-done')

    const verified = await apiCall(baseUrl, 'POST', '/api/v1/me/payment-password/verify', {
      token,
      body: { password: NEW_PIN },
    })
    expect(verified.status).toBe(200)
    const handled = [...EXPECTED_HTTP_ERRORS, 422]
    expect(withoutExpectedHttpErrors(pageErrors(), handled)).toEqual([])
  })
})
