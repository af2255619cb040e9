/**
 * Every browser context of every spec is watched (launchBrowser installs this): an uncaught
 * exception, a console.error, an HTTP answer ≥ 400 or a request that failed on the network makes
 * the test fail (the afterEach in setup.ts), unless the spec said it expects exactly that
 * failure with `expectHttpError`. A page that handles a refusal in words is fine, but it must
 * be a refusal the test provoked on purpose, not a signed-out probe answering 401.
 */
import type { Browser, BrowserContext, Page, Request } from 'playwright-core'

export interface ExpectedHttpError {
  /** The HTTP status, or 'failed' for a request that got no answer (refused, reset). */
  status: number | 'failed'
  /** The request path (without the query string), exactly or as a pattern. */
  path: string | RegExp
  method?: string
}

const expectations = new WeakMap<BrowserContext, ExpectedHttpError[]>()
let problems: string[] = []

/** Chromium logs each failed request as well; the request itself is what is judged. */
const FAILED_RESOURCE_LOG = /^Failed to load resource: /

function pathMatches(pattern: string | RegExp, path: string): boolean {
  return typeof pattern === 'string' ? pattern === path : pattern.test(path)
}

function isExpected(context: BrowserContext, request: Request, status: number | 'failed') {
  const path = new URL(request.url()).pathname
  return (expectations.get(context) ?? []).some(
    (expected) =>
      expected.status === status &&
      (expected.method === undefined || expected.method === request.method()) &&
      pathMatches(expected.path, path),
  )
}

/** Watches one context; launchBrowser calls it for every context it creates. */
export function guardContext(context: BrowserContext): void {
  context.on('weberror', (error) => problems.push(`pageerror: ${error.error().message}`))
  context.on('console', (message) => {
    if (message.type() !== 'error' || FAILED_RESOURCE_LOG.test(message.text())) return
    problems.push(`console.error: ${message.text()} (${message.location().url})`)
  })
  context.on('response', (response) => {
    if (response.status() < 400 || isExpected(context, response.request(), response.status()))
      return
    const request = response.request()
    const path = new URL(response.url()).pathname
    problems.push(`unexpected HTTP ${response.status()}: ${request.method()} ${path}`)
  })
  context.on('requestfailed', (request) => {
    const reason = request.failure()?.errorText ?? 'failed'
    // A request cut off by navigating away or closing the page is not the app failing.
    if (reason === 'net::ERR_ABORTED' || isExpected(context, request, 'failed')) return
    problems.push(`request failed (${reason}): ${request.method()} ${request.url()}`)
  })
}

/** Wraps `browser.newContext` so that every context, in every spec, is guarded. */
export function guardBrowser(browser: Browser): Browser {
  const newContext = browser.newContext.bind(browser)
  browser.newContext = async (options) => {
    const context = await newContext(options)
    guardContext(context)
    return context
  }
  return browser
}

/**
 * Declares failures the test provokes on purpose in this page's context (a wrong code, a
 * refused amount), so the guard lets them pass. Everything else ≥ 400 still fails the test.
 *
 * @example
 * expectHttpError(page, { method: 'POST', path: '/api/v1/sessions', status: 400 })
 */
export function expectHttpError(
  target: Page | BrowserContext,
  ...expected: ExpectedHttpError[]
): void {
  const context = 'context' in target ? target.context() : target
  expectations.set(context, [...(expectations.get(context) ?? []), ...expected])
}

/** The problems seen since the last call, and forgets them. */
export function takePageProblems(): string[] {
  const seen = problems
  problems = []
  return seen
}
