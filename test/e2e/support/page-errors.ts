import type { Page } from 'playwright-core'

/**
 * Collects uncaught exceptions and `console.error` output of `page`, so a test can assert the
 * page stayed clean (a 404 asset or a React warning shows up here).
 */
export function watchPageErrors(page: Page): () => readonly string[] {
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`))
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console.error: ${message.text()}`)
  })
  return () => errors
}
