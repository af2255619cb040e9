import { DEMO_CARDS, type BankCardRecord } from '../../../demo/cards.ts'
import type { Browser, BrowserContextOptions, Page } from 'playwright-core'
import { SMS_PURPOSE_TEXT } from '../../../src/modules/identity/index.ts'
import type { SmsPurpose } from '../../../src/modules/identity/index.ts'

/** Shared by the identity, appeal and admin browser tests. */

export const UI_TIMEOUT_MS = 15_000
/** The server allows one SMS per phone and purpose per minute; waits on it need a bit more. */
export const SMS_RESEND_WAIT_MS = 75_000

export const MOBILE: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
}
export const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 800 } }

/** A fresh context (no cookies, empty localStorage, so Chinese) with the server as base URL. */
export async function openPage(
  browser: Browser,
  baseUrl: string,
  options: BrowserContextOptions,
): Promise<Page> {
  const context = await browser.newContext({ ...options, baseURL: baseUrl })
  return context.newPage()
}

export async function waitForTestId(page: Page, testId: string, text?: string): Promise<void> {
  const locator = page.getByTestId(testId)
  await (text === undefined ? locator : locator.filter({ hasText: text }))
    .first()
    .waitFor({ timeout: UI_TIMEOUT_MS })
}

/** Waits for an element by CSS selector, e.g. `[data-testid="x"][data-status="frozen"]`. */
export async function waitForSelector(page: Page, selector: string): Promise<void> {
  await page.locator(selector).first().waitFor({ timeout: UI_TIMEOUT_MS })
}

interface OutboxMessage {
  id: number
  phone: string
  body: string
  createdAtMs: number
}

async function outbox(baseUrl: string, phone: string): Promise<OutboxMessage[]> {
  const response = await fetch(`${baseUrl}/api/v1/dev/sms?phone=${encodeURIComponent(phone)}`)
  if (response.status !== 200) throw new Error(`GET /api/v1/dev/sms: HTTP ${response.status}`)
  const body = (await response.json()) as { messages: OutboxMessage[] }
  return body.messages
}

/** The id of the newest SMS to `phone` so far (0 if none): codes sent later have larger ids. */
export async function lastSmsId(baseUrl: string, phone: string): Promise<number> {
  return Math.max(0, ...(await outbox(baseUrl, phone)).map((message) => message.id))
}

/**
 * Reads the code of the newest SMS for `purpose` sent after message `afterId`, the way a person
 * reads the dev outbox (/dev/sms). Bodies look like `【零钱】验证码 123456，用于登录/注册，…`.
 */
export async function readSmsCode(
  baseUrl: string,
  phone: string,
  purpose: SmsPurpose,
  afterId: number,
): Promise<string> {
  const purposeText = `用于${SMS_PURPOSE_TEXT[purpose].zh}，`
  const deadlineMs = Date.now() + UI_TIMEOUT_MS
  while (Date.now() < deadlineMs) {
    const found = (await outbox(baseUrl, phone))
      .filter((message) => message.id > afterId && message.body.includes(purposeText))
      .sort((a, b) => b.id - a.id)[0]
    const code = found === undefined ? undefined : /验证码 (\d{6})/.exec(found.body)?.[1]
    if (code !== undefined) return code
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error(`no ${purpose} SMS code for ${phone} after message ${afterId}`)
}

/** A JSON call as an API client would make it (Bearer token instead of the browser cookie). */
export async function apiCall<T>(
  baseUrl: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown } = {},
): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = { accept: 'application/json' }
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`
  if (options.body !== undefined) headers['content-type'] = 'application/json'
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    body: options.body === undefined ? null : JSON.stringify(options.body),
  })
  const text = await response.text()
  return { status: response.status, body: (text === '' ? undefined : JSON.parse(text)) as T }
}

/** Signs up `phone` through the API (SMS code from the outbox); returns the bearer token. */
export async function signUpByApi(
  baseUrl: string,
  phone: string,
): Promise<{ token: string; userId: string }> {
  const before = await lastSmsId(baseUrl, phone)
  const sent = await apiCall(baseUrl, 'POST', '/api/v1/sms-codes', {
    body: { phone, purpose: 'sign_in' },
  })
  if (sent.status !== 200) {
    throw new Error(`sms-codes: HTTP ${sent.status} ${JSON.stringify(sent.body)}`)
  }
  const code = await readSmsCode(baseUrl, phone, 'sign_in', before)
  const signedIn = await apiCall<{ token: string; user: { id: string } }>(
    baseUrl,
    'POST',
    '/api/v1/sessions',
    { body: { phone, code, deviceName: 'e2e setup' } },
  )
  if (signedIn.status !== 200) throw new Error(`sessions: HTTP ${signedIn.status}`)
  return { token: signedIn.body.token, userId: signedIn.body.user.id }
}

/** A card of demo/cards.ts, checked against `expected` so a test says what it relies on. */
export function demoCard(cardNumber: string, expected: Partial<BankCardRecord>): BankCardRecord {
  const found = DEMO_CARDS.find((demo) => demo.card.cardNumber === cardNumber)?.card
  if (found === undefined) throw new Error(`demo/cards.ts has no card ${cardNumber}`)
  const record: Record<string, unknown> = { ...found }
  for (const [field, value] of Object.entries(expected)) {
    if (record[field] !== value) throw new Error(`demo card ${cardNumber}: ${field} ≠ ${value}`)
  }
  return found
}
