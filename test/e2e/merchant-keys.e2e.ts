/**
 * The merchant console's API 密钥 page in Chromium, as the demo shop's owner: no credentials at
 * first; generating shows the private key and offers credentials.json once (the downloaded file
 * is the CLI's JSON); after a reload the private key is gone for good; rotating makes a WeChat
 * Pay public key the default; the bill download host is kept.
 */
import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { saveScreenshot, useServerAndBrowser, watchPageErrors } from './support/index.ts'
import { DESKTOP, UI_TIMEOUT_MS, waitForTestId } from './support/flows.ts'

const running = useServerAndBrowser()

describe('merchant console: API 密钥', () => {
  it('generates credentials once, rotates the platform key and sets the bill host', async () => {
    const { server, browser } = running()
    const context = await browser.newContext({
      ...DESKTOP,
      baseURL: server.baseUrl,
      acceptDownloads: true,
    })
    const page = await context.newPage()
    const errors = watchPageErrors(page)
    await page.goto('/merchant/')
    await page.getByTestId('merchant-username').fill('shop-owner')
    await page.getByTestId('merchant-password').fill('lingqian-shop')
    await page.getByTestId('merchant-sign-in-submit').click()
    await waitForTestId(page, 'merchant-store-name')

    await page.getByTestId('merchant-nav-api-keys').click()
    await waitForTestId(page, 'keys-none')
    await page.getByTestId('keys-mode').selectOption('cert')
    await page.getByTestId('keys-generate').click()
    await waitForTestId(page, 'keys-issued')
    const privateKey = await page.getByTestId('keys-private-key').inputValue()
    expect(privateKey).toContain('BEGIN PRIVATE KEY')
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: UI_TIMEOUT_MS }),
      page.getByTestId('keys-download').click(),
    ])
    const file = JSON.parse(await readFile((await download.path()) as string, 'utf8'))
    expect(file.merchant_private_key_pem).toBe(privateKey)
    await waitForTestId(page, 'keys-mchid')
    expect(await page.getByTestId('keys-mchid').textContent()).toBe(file.mchid)
    expect(await page.getByTestId('keys-mode-now').textContent()).toBe('平台证书')
    await saveScreenshot(page, 'merchant-keys-01-generated')

    await page.reload()
    await waitForTestId(page, 'keys-mchid')
    expect(await page.getByTestId('keys-private-key').count()).toBe(0)
    expect(await page.getByTestId('keys-generate').count()).toBe(0)
    await page.getByTestId('keys-rotate-mode').selectOption('pubkey')
    await page.getByTestId('keys-rotate').click()
    await waitForTestId(page, 'keys-rotated')
    await page.waitForFunction(
      () =>
        document
          .querySelector('[data-testid="keys-platform-key-id"]')
          ?.textContent?.startsWith('PUB_KEY_ID_'),
      undefined,
      { timeout: UI_TIMEOUT_MS },
    )
    expect(await page.locator('[data-testid="keys-platform-keys"] li').count()).toBe(2)
    await page.getByTestId('keys-bill-host').selectOption('official')
    await page.reload()
    await waitForTestId(page, 'keys-mchid')
    expect(await page.getByTestId('keys-bill-host').inputValue()).toBe('official')
    await saveScreenshot(page, 'merchant-keys-02-rotated')
    expect(errors()).toEqual([])
    await context.close()
  })
})
