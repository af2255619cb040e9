import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

// Browser tests: run with `npm run test:e2e` (builds dist/web first).
export default defineConfig({
  // The repo root, so `include` and the server's cwd do not depend on where vitest was started.
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    testTimeout: 60_000,
    hookTimeout: 90_000,
    // Fails any test whose pages logged an error or got an answer it did not expect.
    setupFiles: ['test/e2e/support/setup.ts'],
    // Each file starts its own server and browser; running them one at a time keeps a 2-core
    // machine from timing out.
    fileParallelism: false,
    reporters: ['default', 'json'],
    outputFile: { json: '.tmp/vitest-e2e-results.json' },
  },
})
