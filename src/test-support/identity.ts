/** Helpers for tests that need signed-in users: read codes from the outbox, sign in over HTTP. */
import { expect } from 'vitest'
import type { TestApp } from './app.ts'

export async function latestCode(app: TestApp, phone: string): Promise<string> {
  const response = await app.server.inject({ method: 'GET', url: `/api/v1/dev/sms?phone=${phone}` })
  const messages = response.json().messages as { body: string }[]
  const code = messages
    .map((message) => /验证码 (\d{6})/.exec(message.body)?.[1])
    .find((found) => found !== undefined)
  expect(code, `an SMS code for ${phone}`).toBeDefined()
  return code as string
}

export async function requestCode(
  app: TestApp,
  phone: string,
  purpose: string,
  token?: string,
): Promise<string> {
  const response = await app.server.inject({
    method: 'POST',
    url: '/api/v1/sms-codes',
    payload: { phone, purpose },
    ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}),
  })
  expect(response.statusCode, response.body).toBe(200)
  return latestCode(app, phone)
}

export interface SignedIn {
  token: string
  userId: string
  auth: { authorization: string }
}

let deviceSequence = 0

/** Signs in (signing up on first use) from a fresh device; advances the clock past resend limits. */
export async function signIn(
  app: TestApp,
  phone: string,
  device = `test-device-${++deviceSequence}-xxxxxxxxxxxx`,
): Promise<SignedIn> {
  app.clock.advanceMs(61_000)
  const code = await requestCode(app, phone, 'sign_in')
  const response = await app.server.inject({
    method: 'POST',
    url: '/api/v1/sessions',
    payload: { phone, code, deviceName: 'Test phone' },
    headers: { 'x-device-id': device },
  })
  expect(response.statusCode, response.body).toBe(200)
  const body = response.json()
  return {
    token: body.token,
    userId: body.user.id,
    auth: { authorization: `Bearer ${body.token}` },
  }
}
