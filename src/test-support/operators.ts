/** Helpers for tests that act as an operator: one account per role, signed in over HTTP. */
import { expect } from 'vitest'
import type { TestApp } from './app.ts'
import type { OperatorRole } from '../modules/ops/index.ts'

export const TEST_OPERATOR_PASSWORD = 'correct-horse-battery'

export interface SignedInOperator {
  id: string
  token: string
  auth: { authorization: string }
}

export async function ensureTestOperator(
  app: TestApp,
  role: OperatorRole,
  username: string = role,
): Promise<string> {
  const { operator } = await app.ops.ensureOperator({
    username,
    displayName: `${role} 测试`,
    password: TEST_OPERATOR_PASSWORD,
    role,
  })
  return operator.id
}

/** Creates the operator on first use and signs in (a fresh session each time). */
export async function signInOperator(
  app: TestApp,
  role: OperatorRole,
  username: string = role,
): Promise<SignedInOperator> {
  await ensureTestOperator(app, role, username)
  const response = await app.server.inject({
    method: 'POST',
    url: '/api/v1/admin/sessions',
    payload: { username, password: TEST_OPERATOR_PASSWORD },
  })
  expect(response.statusCode, response.body).toBe(200)
  const body = response.json()
  const token: string = body.token
  return { id: body.operator.id, token, auth: { authorization: `Bearer ${token}` } }
}
