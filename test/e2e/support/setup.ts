/** Runs in every browser spec (vitest setupFiles): no test may leave an unexpected page problem. */
import { afterEach, expect } from 'vitest'
import { takePageProblems } from './page-guard.ts'

afterEach(() => {
  expect(takePageProblems(), 'page problems the test did not expect (see page-guard.ts)').toEqual(
    [],
  )
})
