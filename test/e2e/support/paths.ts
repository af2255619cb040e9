import { fileURLToPath } from 'node:url'

/** Absolute paths the e2e support code needs, independent of the current directory. */
export const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url))
export const CLI_PATH = fileURLToPath(new URL('../../../bin/lingqian.js', import.meta.url))
export const WEB_DIST_INDEX = fileURLToPath(
  new URL('../../../dist/web/index.html', import.meta.url),
)
export const ARTIFACTS_DIR = fileURLToPath(new URL('../artifacts', import.meta.url))
