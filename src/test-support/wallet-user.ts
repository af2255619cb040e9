/** A wallet user ready to move money: signed in, real-name verified, payment password set. */
import { expect } from 'vitest'
import { demoResident } from '../../demo/residents.ts'
import type { TestApp } from './app.ts'
import { latestCode, type SignedIn, signIn } from './identity.ts'

export const TEST_PAYMENT_PASSWORD = '135790'

export interface WalletUser extends SignedIn {
  phone: string
  name: string
}

export async function openWalletUser(app: TestApp, phone: string): Promise<WalletUser> {
  const resident = demoResident(phone)
  const signed = await signIn(app, phone)
  const verified = await app.server.inject({
    method: 'POST',
    url: '/api/v1/me/real-name',
    headers: signed.auth,
    payload: { realName: resident.name, idNumber: resident.idNumber },
  })
  expect(verified.statusCode, verified.body).toBe(200)
  const password = await app.server.inject({
    method: 'POST',
    url: '/api/v1/me/payment-password',
    headers: signed.auth,
    payload: { password: TEST_PAYMENT_PASSWORD },
  })
  expect(password.statusCode, password.body).toBeLessThan(300)
  return { ...signed, phone, name: resident.name }
}

/** Starts binding; returns the HTTP answer (tests check both success and each failure). */
export function startBinding(
  app: TestApp,
  user: SignedIn,
  card: { cardNumber: string; phone: string; expiry?: string; cvn?: string },
) {
  return app.server.inject({
    method: 'POST',
    url: '/api/v1/me/cards/bind-requests',
    headers: user.auth,
    payload: card,
  })
}

export async function bindCard(
  app: TestApp,
  user: WalletUser,
  card: { cardNumber: string; phone?: string; expiry?: string; cvn?: string },
): Promise<string> {
  const phone = card.phone ?? user.phone
  app.clock.advanceMs(61_000)
  const started = await startBinding(app, user, { ...card, phone })
  expect(started.statusCode, started.body).toBe(200)
  const code = await latestCode(app, phone)
  const bound = await app.server.inject({
    method: 'POST',
    url: '/api/v1/me/cards',
    headers: user.auth,
    payload: { bindRequestId: started.json().bindRequestId, smsCode: code },
  })
  expect(bound.statusCode, bound.body).toBe(201)
  return bound.json().id as string
}

let keySequence = 0

export function moneyRequest(
  app: TestApp,
  user: SignedIn,
  kind: 'top-ups' | 'withdrawals',
  cardId: string,
  amountFen: number,
  idempotencyKey = `k-${++keySequence}`,
) {
  return app.server.inject({
    method: 'POST',
    url: `/api/v1/me/${kind}`,
    headers: user.auth,
    payload: {
      idempotencyKey,
      cardId,
      amountFen,
      method: { kind: 'password', password: TEST_PAYMENT_PASSWORD },
    },
  })
}

export async function balanceOf(
  app: TestApp,
  user: SignedIn,
): Promise<{
  balanceFen: number
  availableFen: number
  pendingInFen: number
  pendingOutFen: number
}> {
  const response = await app.server.inject({
    method: 'GET',
    url: '/api/v1/me/balance',
    headers: user.auth,
  })
  expect(response.statusCode, response.body).toBe(200)
  return response.json()
}
