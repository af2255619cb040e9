/**
 * 转账 in the browser: 李娜 (dev seed: verified, payment password 147258) tops up from her demo
 * card and sends 黄敏 ¥12.34 through the API; 黄敏 opens the receipt in her own browser context
 * and taps 收款; 李娜's receipt then shows it accepted. Screenshots kept.
 */
import type { Browser, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { DEMO_PAYMENT_PASSWORD } from '../../src/seed/demo.ts'
import { saveScreenshot, useServerAndBrowser, watchPageErrors } from './support/index.ts'
import {
  apiCall,
  lastSmsId,
  MOBILE,
  openPage,
  readSmsCode,
  signUpByApi,
  waitForTestId,
} from './support/flows.ts'

const LI_NA = { phone: '13800000002', card: '6217000000000000020' }
const HUANG_MIN = { phone: '13800000008' }
const running = useServerAndBrowser()

async function fundByTopUp(baseUrl: string, token: string): Promise<void> {
  const before = await lastSmsId(baseUrl, LI_NA.phone)
  const started = await apiCall<{ bindRequestId: string }>(
    baseUrl,
    'POST',
    '/api/v1/me/cards/bind-requests',
    {
      token,
      body: { cardNumber: LI_NA.card, phone: LI_NA.phone },
    },
  )
  expect(started.status, JSON.stringify(started.body)).toBe(200)
  const smsCode = await readSmsCode(baseUrl, LI_NA.phone, 'bind_card', before)
  const bound = await apiCall<{ id: string }>(baseUrl, 'POST', '/api/v1/me/cards', {
    token,
    body: { bindRequestId: started.body.bindRequestId, smsCode },
  })
  expect(bound.status, JSON.stringify(bound.body)).toBe(201)
  const topUp = await apiCall(baseUrl, 'POST', '/api/v1/me/top-ups', {
    token,
    body: {
      idempotencyKey: 'e2e-transfer-topup',
      cardId: bound.body.id,
      amountFen: 10_000,
      method: { kind: 'password', password: DEMO_PAYMENT_PASSWORD },
    },
  })
  expect(topUp.status, JSON.stringify(topUp.body)).toBe(200)
}

async function signedInPage(browser: Browser, baseUrl: string, token: string): Promise<Page> {
  const page = await openPage(browser, baseUrl, MOBILE)
  await page
    .context()
    .addCookies([
      { name: 'lq_session', value: token, url: baseUrl, httpOnly: true, sameSite: 'Strict' },
    ])
  return page
}

describe('transfers in the browser', () => {
  it('one user sends, the other accepts on the receipt page', async () => {
    const { server, browser } = running()
    const { baseUrl } = server
    const li = await signUpByApi(baseUrl, LI_NA.phone)
    const huang = await signUpByApi(baseUrl, HUANG_MIN.phone)
    await fundByTopUp(baseUrl, li.token)
    const sent = await apiCall<{ id: string; status: string }>(
      baseUrl,
      'POST',
      '/api/v1/me/transfers',
      {
        token: li.token,
        body: {
          idempotencyKey: 'e2e-transfer-1',
          to: { kind: 'user', userId: huang.userId },
          amountFen: 1_234,
          note: '午饭',
          method: { kind: 'password', password: DEMO_PAYMENT_PASSWORD },
        },
      },
    )
    expect(sent.status, JSON.stringify(sent.body)).toBe(200)
    expect(sent.body.status).toBe('PENDING')

    const recipient = await signedInPage(browser, baseUrl, huang.token)
    const recipientErrors = watchPageErrors(recipient)
    await recipient.goto(`/transfers/${sent.body.id}`)
    await waitForTestId(recipient, 'transfer-status', '待收款')
    await waitForTestId(recipient, 'transfer-amount', '12.34')
    await saveScreenshot(recipient, 'transfers-01-recipient-pending')
    await recipient.getByTestId('transfer-accept').click()
    await waitForTestId(recipient, 'transfer-status', '已收款')
    await saveScreenshot(recipient, 'transfers-02-recipient-accepted')

    const sender = await signedInPage(browser, baseUrl, li.token)
    const senderErrors = watchPageErrors(sender)
    await sender.goto(`/transfers/${sent.body.id}`)
    await waitForTestId(sender, 'transfer-status', '已收款')
    await saveScreenshot(sender, 'transfers-03-sender-accepted')
    expect(recipientErrors()).toEqual([])
    expect(senderErrors()).toEqual([])
  }, 180_000)
})
