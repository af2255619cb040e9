import type { Browser } from 'playwright-core'
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
  lastSmsId,
  MOBILE,
  openPage,
  readSmsCode,
  signUpByApi,
  waitForSelector,
  waitForTestId,
} from './support/flows.ts'

const RESIDENT = RESIDENTS[42]
const PIN = '396174'
const CHANGED_PIN = '517093'
const RESET_PIN = '842061'
// 19x is a mobile prefix, but no resident of demo/residents.ts has this number.
const NEW_PHONE = '19900001234'

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

describe('wallet: security centre', () => {
  it('SMS check, passkey, PIN change and reset, phone change, sign out everywhere', async () => {
    if (server === undefined || browser === undefined) throw new Error('beforeAll did not finish')
    if (RESIDENT === undefined) throw new Error('demo population is shorter than expected')
    const baseUrl = server.baseUrl

    // A verified user with a payment password, set up through the API.
    const { token } = await signUpByApi(baseUrl, RESIDENT.phone)
    const verified = await apiCall(baseUrl, 'POST', '/api/v1/me/real-name', {
      token,
      body: { realName: RESIDENT.name, idNumber: RESIDENT.idNumber },
    })
    expect(verified.status).toBe(200)
    const pinSet = await apiCall(baseUrl, 'POST', '/api/v1/me/payment-password', {
      token,
      body: { password: PIN },
    })
    expect(pinSet.status).toBe(200)

    // WebAuthn needs a domain, not an IP, as relying party: use localhost for this page.
    const origin = baseUrl.replace('127.0.0.1', 'localhost')
    const page = await openPage(browser, origin, MOBILE)
    const pageErrors = watchPageErrors(page)
    // The wrong PIN below is refused on purpose.
    expectHttpError(page, { method: 'PUT', path: '/api/v1/me/second-factor', status: 400 })
    // The browser carries the same session as the API client (the cookie the sign-in sets).
    await page
      .context()
      .addCookies([
        { name: 'lq_session', value: token, url: origin, httpOnly: true, sameSite: 'Strict' },
      ])
    // A platform authenticator that always verifies the user, like a phone's fingerprint reader.
    const cdp = await page.context().newCDPSession(page)
    await cdp.send('WebAuthn.enable')
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    })

    await page.goto('/security')
    await waitForTestId(page, 'security-page')
    await waitForTestId(page, 'notice-item')
    await saveScreenshot(page, 'security-01-centre')

    // 付款短信验证: a wrong PIN is refused with the tries left, the right one turns it on.
    const toggle = page.getByTestId('second-factor-switch')
    expect(await toggle.getAttribute('aria-checked')).toBe('false')
    await toggle.click()
    await page.getByTestId('second-factor-prompt-pin').fill('111222')
    await waitForTestId(page, 'second-factor-prompt-error', '支付密码错误')
    await waitForTestId(page, 'second-factor-prompt-error', '还可以再试')
    await saveScreenshot(page, 'security-02-wrong-pin')
    await page.getByTestId('second-factor-prompt-pin').fill(PIN)
    await waitForSelector(page, '[data-testid="second-factor-switch"][aria-checked="true"]')
    expect(await page.getByTestId('second-factor-prompt').count()).toBe(0)

    // 指纹/面容支付: the PIN unlocks the ceremony, the authenticator makes the key.
    await page.getByTestId('passkey-add').click()
    await page.getByTestId('passkey-prompt-pin').fill(PIN)
    await waitForTestId(page, 'passkey-added')
    await waitForTestId(page, 'passkey-item', 'Chrome')
    await saveScreenshot(page, 'security-03-passkey-added')
    const listed = await apiCall<{ passkeys: unknown[] }>(baseUrl, 'GET', '/api/v1/me/passkeys', {
      token,
    })
    expect(listed.body.passkeys).toHaveLength(1)
    await page.getByTestId('passkey-remove').click()
    await waitForTestId(page, 'passkeys-none')

    // 支付密码: change it (current → new → confirm), then reset it with an SMS code + ID number.
    await page.getByTestId('security-payment-password').click()
    await page.getByTestId('pin-old').fill(PIN)
    await page.getByTestId('pin-new').fill(CHANGED_PIN)
    await page.getByTestId('pin-confirm').fill(CHANGED_PIN)
    await waitForTestId(page, 'pin-done', '支付密码已修改')
    await page.goto('/payment-password')
    await page.getByTestId('pin-forgot').click()
    const beforeReset = await lastSmsId(baseUrl, RESIDENT.phone)
    await page.getByTestId('pin-reset-send-code').click()
    const resetCode = await readSmsCode(baseUrl, RESIDENT.phone, 'reset_password', beforeReset)
    await page.getByTestId('pin-reset-code').fill(resetCode)
    await page.getByTestId('pin-reset-id').fill(RESIDENT.idNumber.toLowerCase())
    await saveScreenshot(page, 'security-04-reset-pin')
    await page.getByTestId('pin-reset-next').click()
    await page.getByTestId('pin-new').fill(RESET_PIN)
    await page.getByTestId('pin-confirm').fill(RESET_PIN)
    await waitForTestId(page, 'pin-done', '支付密码已重置')
    // Only the first password offers to add a card.
    expect(await page.getByTestId('pin-done-add-card').count()).toBe(0)

    // 更换手机号: codes to the old and the new number.
    await page.goto('/change-phone')
    const beforeOld = await lastSmsId(baseUrl, RESIDENT.phone)
    await page.getByTestId('change-phone-send-old').click()
    const oldCode = await readSmsCode(baseUrl, RESIDENT.phone, 'change_phone_old', beforeOld)
    await page.getByTestId('change-phone-old-code').fill(oldCode)
    await page.getByTestId('change-phone-new-phone').fill(NEW_PHONE)
    const beforeNew = await lastSmsId(baseUrl, NEW_PHONE)
    await page.getByTestId('change-phone-send-new').click()
    const newCode = await readSmsCode(baseUrl, NEW_PHONE, 'change_phone_new', beforeNew)
    await page.getByTestId('change-phone-new-code').fill(newCode)
    await page.getByTestId('change-phone-submit').click()
    await waitForTestId(page, 'change-phone-done', NEW_PHONE.slice(-4))
    await page.goto('/security')
    await waitForTestId(page, 'security-phone', NEW_PHONE.slice(-4))
    await waitForTestId(page, 'notice-item', '更换手机号')

    // Sign out everywhere: back to sign-in, and the session is dead for the API client too.
    await page.getByTestId('sign-out-everywhere').click()
    await page.getByTestId('sign-out-everywhere-confirm').click()
    await waitForTestId(page, 'sign-in-page')
    expect((await apiCall(baseUrl, 'GET', '/api/v1/me', { token })).status).toBe(401)
    await saveScreenshot(page, 'security-05-signed-out')

    expect(withoutExpectedHttpErrors(pageErrors())).toEqual([])
    await page.context().close()
  })
})
