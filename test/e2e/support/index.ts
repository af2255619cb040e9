/** @module Helpers for the browser tests in test/e2e. */
export { launchBrowser, saveScreenshot } from './browser.ts'
export { expectHttpError, takePageProblems } from './page-guard.ts'
export type { ExpectedHttpError } from './page-guard.ts'
export { EXPECTED_HTTP_ERRORS, watchPageErrors, withoutExpectedHttpErrors } from './page-errors.ts'
export { connectServer, findFreePort, startServer } from './server.ts'
export type { RunningServer } from './server.ts'
export { signInAsOperator, useServerAndBrowser } from './lifecycle.ts'
export type { Running } from './lifecycle.ts'
