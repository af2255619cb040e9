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

/** Statuses the pages get on purpose: signed out (401), refused forms (400, 403, 409), 429. */
export const EXPECTED_HTTP_ERRORS: readonly number[] = [400, 401, 403, 409, 429]

const FAILED_RESOURCE = /Failed to load resource: the server responded with a status of (\d{3})/

/**
 * `errors` without Chromium's "Failed to load resource … status of N" lines for the statuses in
 * `statuses`. Those are answers the page handles (and shows in words); a 404 or 500 stays an error.
 */
export function withoutExpectedHttpErrors(
  errors: readonly string[],
  statuses: readonly number[] = EXPECTED_HTTP_ERRORS,
): string[] {
  return errors.filter((error) => {
    const status = FAILED_RESOURCE.exec(error)?.[1]
    return status === undefined || !statuses.includes(Number(status))
  })
}
