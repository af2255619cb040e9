/**
 * The wallet and admin apps load and render under the server's Content-Security-Policy: the
 * headers are present on the page and its API calls, and no CSP violation is reported.
 */
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectServer, launchBrowser, watchPageErrors } from './support/index.ts'
import type { RunningServer } from './support/index.ts'

const UI_TIMEOUT_MS = 15_000

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

describe('browser security headers', () => {
  it.each(['/', '/admin/'])('%s renders under the CSP with no violation', async (path) => {
    if (server === undefined || browser === undefined) throw new Error('beforeAll did not finish')
    const context = await browser.newContext({ baseURL: server.baseUrl })
    const page = await context.newPage()
    const errors = watchPageErrors(page)
    const violations: string[] = []
    page.on('console', (message) => {
      if (/Content Security Policy|Content-Security-Policy/i.test(message.text()))
        violations.push(message.text())
    })
    const response = await page.goto(path)
    const headers = response?.headers() ?? {}
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'")
    expect(headers['x-frame-options']).toBe('DENY')
    expect(headers['x-content-type-options']).toBe('nosniff')
    expect(headers['referrer-policy']).toBe('no-referrer')
    // The app rendered: React mounted something into #root.
    await page.locator('#root > *').first().waitFor({ timeout: UI_TIMEOUT_MS })
    const api = await page.request.get('/healthz')
    expect(api.headers()['cache-control']).toBe('no-store')
    expect(violations).toEqual([])
    expect(errors().filter((error) => /Content.Security.Policy/i.test(error))).toEqual([])
    await context.close()
  })
})
