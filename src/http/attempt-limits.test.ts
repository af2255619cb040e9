/**
 * Attempt limits under parallel requests (issue 9): many requests sent in the same instant must
 * not all be evaluated against a limit that only counts what earlier requests recorded. Each
 * try is claimed atomically before the slow compare, so exactly the allowed number are
 * evaluated and the rest get the limit's code, on PGlite and PostgreSQL alike.
 */
import type { LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AuditEntry } from '../modules/audit/index.ts'
import { createTestApp, type TestApp } from '../test-support/app.ts'
import { testDatabaseKind } from '../test-support/database.ts'
import { requestCode } from '../test-support/identity.ts'
import { ensureTestOperator, TEST_OPERATOR_PASSWORD } from '../test-support/operators.ts'

const PARALLEL_REQUESTS = 300
let app: TestApp

beforeAll(async () => {
  app = await createTestApp()
})

afterAll(async () => {
  await app.close()
})

function post(url: string, payload: Record<string, unknown>, remoteAddress?: string) {
  return app.server.inject({
    method: 'POST',
    url,
    payload,
    ...(remoteAddress ? { remoteAddress } : {}),
  })
}

/** How many answers had each error code (or status, for successes). */
function outcomes(responses: LightMyRequestResponse[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const response of responses) {
    const outcome = response.statusCode === 200 ? '200' : (response.json().code as string)
    counts[outcome] = (counts[outcome] ?? 0) + 1
  }
  return counts
}

/** Every audit entry with this action, newest first. */
async function audited(action: string): Promise<AuditEntry[]> {
  const found: AuditEntry[] = []
  let beforeId: number | undefined
  for (;;) {
    const page = await app.audit.listAudit({ limit: 100, ...(beforeId ? { beforeId } : {}) })
    found.push(...page.filter((entry) => entry.action === action))
    if (page.length < 100) return found
    beforeId = page[page.length - 1]?.id
  }
}

/** `count` distinct 6-digit codes, none of them `right`. */
function wrongCodes(right: string, count: number): string[] {
  const codes: string[] = []
  for (let candidate = 100_000; codes.length < count; candidate += 7) {
    if (String(candidate) !== right) codes.push(String(candidate))
  }
  return codes
}

describe(`attempt limits under ${PARALLEL_REQUESTS} parallel requests on ${testDatabaseKind()}`, () => {
  it('SMS code: exactly 5 wrong codes evaluated, the rest and then the right code refused', async () => {
    const phone = '13911110001'
    const code = await requestCode(app, phone, 'sign_in')
    const responses = await Promise.all(
      wrongCodes(code, PARALLEL_REQUESTS).map((wrong) =>
        post('/api/v1/sessions', { phone, code: wrong }),
      ),
    )
    expect(outcomes(responses)).toEqual({
      SMS_CODE_WRONG: 5,
      SMS_CODE_BURNED: PARALLEL_REQUESTS - 5,
    })
    const attemptsLeft = responses
      .filter((response) => response.json().code === 'SMS_CODE_WRONG')
      .map((response) => response.json().details.attemptsLeft)
    expect(attemptsLeft.sort()).toEqual([0, 1, 2, 3, 4])
    const right = await post('/api/v1/sessions', { phone, code })
    expect([right.statusCode, right.json().code]).toEqual([400, 'SMS_CODE_BURNED'])
    // A burned code may be replaced at once (no 60 s wait), and the new one works.
    const fresh = await requestCode(app, phone, 'sign_in')
    expect((await post('/api/v1/sessions', { phone, code: fresh })).statusCode).toBe(200)
  })

  it('SMS code: a burned code is replaced at once, but the hourly limit still counts', async () => {
    const phone = '13911110002'
    for (let sent = 0; sent < 5; sent++) {
      const code = await requestCode(app, phone, 'sign_in')
      const tries = await Promise.all(
        wrongCodes(code, 50).map((wrong) => post('/api/v1/sessions', { phone, code: wrong })),
      )
      expect(outcomes(tries)).toEqual({ SMS_CODE_WRONG: 5, SMS_CODE_BURNED: 45 })
    }
    const sixth = await post('/api/v1/sms-codes', { phone, purpose: 'sign_in' })
    expect([sixth.statusCode, sixth.json().details?.limit]).toEqual([429, 'phone_hour'])
  })

  it('operator sign-in: exactly 5 wrong passwords evaluated, the rest OPERATOR_LOCKED', async () => {
    await ensureTestOperator(app, 'admin', 'admin.burst')
    const responses = await Promise.all(
      Array.from({ length: PARALLEL_REQUESTS }, (_, index) =>
        post('/api/v1/admin/sessions', { username: 'admin.burst', password: `wrong-${index}` }),
      ),
    )
    expect(outcomes(responses)).toEqual({
      OPERATOR_CREDENTIALS_WRONG: 4,
      OPERATOR_LOCKED: PARALLEL_REQUESTS - 4,
    })
    const failures = (await audited('operator.sign_in_failed')).filter(
      (entry) => (entry.detail as { username: string }).username === 'admin.burst',
    )
    const reasons = failures.map((entry) => (entry.detail as { reason: string }).reason)
    expect(reasons.filter((reason) => reason === 'wrong_password')).toHaveLength(5)
    expect(reasons.filter((reason) => reason === 'locked')).toHaveLength(PARALLEL_REQUESTS - 5)
    const right = await post('/api/v1/admin/sessions', {
      username: 'admin.burst',
      password: TEST_OPERATOR_PASSWORD,
    })
    expect(right.json().code).toBe('OPERATOR_LOCKED')
  })
})
