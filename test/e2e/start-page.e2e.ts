import type { Browser, BrowserContextOptions, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  connectServer,
  expectHttpError,
  launchBrowser,
  saveScreenshot,
  watchPageErrors,
  withoutExpectedHttpErrors,
} from './support/index.ts'
import type { RunningServer } from './support/index.ts'

const UI_TIMEOUT_MS = 15_000
const MOBILE: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
}
const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 800 } }

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

async function openPage(options: BrowserContextOptions): Promise<Page> {
  if (server === undefined || browser === undefined) throw new Error('beforeAll did not finish')
  // A fresh context per test: empty localStorage, so every test starts in Chinese.
  const context = await browser.newContext({ ...options, baseURL: server.baseUrl })
  return context.newPage()
}

async function waitForStatus(page: Page, state: string): Promise<void> {
  await page
    .locator(`[data-testid="status-card"][data-state="${state}"]`)
    .waitFor({ timeout: UI_TIMEOUT_MS })
}

async function waitForText(page: Page, testId: string, text: string): Promise<void> {
  await page.getByTestId(testId).filter({ hasText: text }).waitFor({ timeout: UI_TIMEOUT_MS })
}

interface ReadyzBody {
  status: unknown
  database: unknown
  migrations: unknown
}

async function fetchReadyz(): Promise<ReadyzBody> {
  if (server === undefined) throw new Error('beforeAll did not finish')
  const response = await fetch(`${server.baseUrl}/readyz`)
  expect(response.status).toBe(200)
  return (await response.json()) as ReadyzBody
}

describe('start pages', () => {
  it('wallet shows live readiness, switches to English and links to the API', async () => {
    const page = await openPage(MOBILE)
    const pageErrors = watchPageErrors(page)
    const readyz = await fetchReadyz()
    expect(readyz.status).toBe('ready')
    // Without DATABASE_URL the server must fall back to embedded PGlite.
    if (process.env.DATABASE_URL === undefined) expect(readyz.database).toBe('pglite')

    // The consumer home has no developer panels: they are one tap away, on 关于与开发者.
    await page.goto('/')
    await waitForText(page, 'balance-card', '登录后查看')
    expect(await page.getByTestId('status-card').count()).toBe(0)
    expect(await page.getByTestId('link-openapi').count()).toBe(0)
    await page.getByTestId('home-about').click()
    await waitForStatus(page, 'ready')
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN')
    await waitForText(page, 'status-headline', '运行正常')
    const database = page.getByTestId('status-database')
    expect(await database.getAttribute('data-value')).toBe(readyz.database)
    if (readyz.database === 'pglite') expect(await database.textContent()).toContain('PGlite')
    expect(await page.getByTestId('status-migrations').textContent()).toBe(
      String(readyz.migrations),
    )
    await saveScreenshot(page, 'wallet-zh')

    await page.getByTestId('lang-en').click()
    await waitForText(page, 'status-headline', 'Ready')
    expect(await page.locator('html').getAttribute('lang')).toBe('en')
    // The choice survives a reload.
    await page.reload()
    await waitForStatus(page, 'ready')
    await waitForText(page, 'status-headline', 'Ready')
    expect(await page.evaluate(() => localStorage.getItem('lq.lang'))).toBe('en')
    await saveScreenshot(page, 'wallet-en')

    const openapiHref = await page.getByTestId('link-openapi').getAttribute('href')
    expect(openapiHref).toBe('/openapi.json')
    const openapi = await page.evaluate(async (href) => {
      const response = await fetch(href)
      const body: unknown = await response.json()
      return { status: response.status, body }
    }, openapiHref ?? '')
    expect(openapi.status).toBe(200)
    expect(openapi.body).toMatchObject({ openapi: expect.stringMatching(/^3\./) })
    await page.getByTestId('page-back').click()
    await waitForText(page, 'balance-card', 'Sign in to see your balance')
    expect(await page.title()).toBe('Lingqian · Wallet')

    // Signed out, the pages ask who is signed in and get 401: expected, not an error.
    expect(withoutExpectedHttpErrors(pageErrors())).toEqual([])
    await page.context().close()
  })

  it('admin and merchant consoles show their role and the service status', async () => {
    const page = await openPage(DESKTOP)
    const pageErrors = watchPageErrors(page)

    await page.goto('/admin/')
    await waitForStatus(page, 'ready')
    await waitForText(page, 'app-role', '管理后台')
    await saveScreenshot(page, 'admin')

    await page.getByTestId('link-merchant').click()
    await page.waitForURL('**/merchant/', { timeout: UI_TIMEOUT_MS })
    await waitForStatus(page, 'ready')
    await waitForText(page, 'app-role', '商户平台')
    await saveScreenshot(page, 'merchant')

    await page.getByTestId('link-wallet').click()
    await page.waitForURL((url) => url.pathname === '/', { timeout: UI_TIMEOUT_MS })
    await page.getByTestId('wallet-app').waitFor({ timeout: UI_TIMEOUT_MS })

    // Signed out, the pages ask who is signed in and get 401: expected, not an error.
    expect(withoutExpectedHttpErrors(pageErrors())).toEqual([])
    await page.context().close()
  })

  it('status card reports an unreachable or not-ready service', async () => {
    const page = await openPage(MOBILE)
    expectHttpError(page, { path: '/readyz', status: 'failed' }, { path: '/readyz', status: 503 })
    // Simulated in the browser: the real server is fine, only this page sees the failures.
    await page.route('**/readyz', (route) => route.abort('connectionrefused'))
    await page.goto('/about')
    await waitForStatus(page, 'error')
    await waitForText(page, 'status-error', '网络错误')
    await saveScreenshot(page, 'wallet-status-error')

    await page.unroute('**/readyz')
    await page.route('**/readyz', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({ status: 'migrating', database: 'pglite', migrations: 0 }),
      }),
    )
    await page.getByTestId('status-refresh').click()
    await waitForStatus(page, 'not-ready')
    await waitForText(page, 'status-headline', '未就绪')
    await waitForText(page, 'status-value', 'migrating')
    await page.context().close()
  })
})
