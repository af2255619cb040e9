/** One server and one browser per spec file, started before its tests and stopped after. */
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { launchBrowser } from './browser.ts'
import { connectServer, type RunningServer } from './server.ts'
import { waitForSelector } from './flows.ts'

export interface Running {
  server: RunningServer
  browser: Browser
}

/** Registers the hooks; the returned function gives the running pair inside a test. */
export function useServerAndBrowser(): () => Running {
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
  return () => {
    if (server === undefined || browser === undefined) throw new Error('beforeAll did not finish')
    return { server, browser }
  }
}

/** 登录 on the admin console's sign-in page, waiting until the console shows the role. */
export async function signInAsOperator(
  page: Page,
  username: string,
  password: string,
  role: string,
): Promise<void> {
  await page.getByTestId('admin-username').fill(username)
  await page.getByTestId('admin-password').fill(password)
  await page.getByTestId('admin-sign-in-submit').click()
  await waitForSelector(page, `[data-testid="admin-operator"][data-role="${role}"]`)
}
