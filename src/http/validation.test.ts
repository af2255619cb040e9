/**
 * Strict request validation: JSON bodies are never coerced, every integer is bounded, text parts
 * are read as integers only from plain decimals, and calendar dates must exist.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../test-support/app.ts'
import { testDatabaseKind } from '../test-support/database.ts'
import { openWalletUser, type WalletUser } from '../test-support/wallet-user.ts'
import { fromText } from './validation.ts'

let app: TestApp
let user: WalletUser
let operatorAuth: { authorization: string }

beforeAll(async () => {
  app = await createTestApp()
  user = await openWalletUser(app, '13800000001')
  await app.ops.ensureOperator({
    username: 'strict-admin',
    displayName: 'Strict',
    password: 'strict-password-1',
    role: 'admin',
  })
  const signedIn = await app.server.inject({
    method: 'POST',
    url: '/api/v1/admin/sessions',
    payload: { username: 'strict-admin', password: 'strict-password-1' },
  })
  expect(signedIn.statusCode, signedIn.body).toBe(200)
  operatorAuth = { authorization: `Bearer ${signedIn.json().token}` }
})

afterAll(async () => {
  await app.close()
})

describe('reading text parts', () => {
  it('reads only plain decimals as integers', () => {
    expect(fromText('integer', '300')).toBe(300)
    expect(fromText('integer', '-7')).toBe(-7)
    expect(fromText('integer', '0')).toBe(0)
    for (const text of ['1.5', '0x10', '1e3', '', ' 7', 'true', 'Infinity', '-0', '007', '+1']) {
      expect(fromText('integer', text)).toBe(text)
    }
    expect(fromText('boolean', 'true')).toBe(true)
    expect(fromText('boolean', '1')).toBe('1')
    expect(fromText('string', '300')).toBe('300')
  })
})

describe(`strict validation on ${testDatabaseKind()}`, () => {
  const money = (amountFen: unknown) => ({
    idempotencyKey: `strict-${String(Math.random())}`,
    cardId: 'card_unknown',
    amountFen,
    method: { kind: 'password', password: '135790' },
  })

  it.each([true, [200], '300', 1.5, 0, -1, 1e13, null])(
    'refuses amountFen %j in a money body instead of coercing it',
    async (amountFen) => {
      for (const url of ['/api/v1/me/top-ups', '/api/v1/me/withdrawals']) {
        const response = await app.server.inject({
          method: 'POST',
          url,
          headers: user.auth,
          payload: money(amountFen),
        })
        expect(response.statusCode, response.body).toBe(400)
        expect(response.json()).toMatchObject({
          code: 'INVALID_REQUEST',
          details: { fields: ['/amountFen'] },
        })
      }
    },
  )

  it('lets a whole-fen amount through to the module (here: the card is unknown)', async () => {
    const response = await app.server.inject({
      method: 'POST',
      url: '/api/v1/me/top-ups',
      headers: user.auth,
      payload: money(300),
    })
    expect(response.json().code).toBe('CARD_NOT_FOUND')
  })

  it('refuses a coercible amount on the payment-confirmation routes too', async () => {
    const challenge = await app.server.inject({
      method: 'POST',
      url: '/api/v1/me/payment-challenges',
      headers: user.auth,
      payload: { amountFen: '300' },
    })
    expect(challenge.statusCode).toBe(400)
    const confirmation = await app.server.inject({
      method: 'POST',
      url: '/api/v1/me/payment-confirmations',
      headers: user.auth,
      payload: { amountFen: true, purpose: 'TOPUP', method: { kind: 'password', password: '1' } },
    })
    expect(confirmation.statusCode).toBe(400)
    expect(confirmation.json().details.fields).toEqual(['/amountFen'])
  })

  it.each([
    'beforeMs=1e20',
    'beforeMs=100000000000000000000',
    'beforeMs=Infinity',
    'beforeMs=9e15',
    'beforeMs=9000000000000000',
    'beforeMs=253402300800000',
    'beforeMs=-1',
    'beforeMs=1.5',
    'beforeMs=0x10',
    'limit=0',
    'limit=101',
    'limit=true',
  ])('refuses the out-of-range or non-decimal querystring %s', async (query) => {
    const response = await app.server.inject({
      method: 'GET',
      url: `/api/v1/me/operations?${query}`,
      headers: user.auth,
    })
    expect(response.statusCode, response.body).toBe(400)
    expect(response.json().code).toBe('INVALID_REQUEST')
  })

  it('still reads querystring integers from their decimal text', async () => {
    const listed = await app.server.inject({
      method: 'GET',
      url: '/api/v1/me/operations?beforeMs=253402300799999&limit=100',
      headers: user.auth,
    })
    expect(listed.statusCode, listed.body).toBe(200)
    const quote = await app.server.inject({
      method: 'GET',
      url: '/api/v1/me/withdrawals/quote?amountFen=300',
      headers: user.auth,
    })
    expect(quote.statusCode, quote.body).toBe(200)
    expect(quote.json().amountFen).toBe(300)
    const tooMuch = await app.server.inject({
      method: 'GET',
      url: '/api/v1/me/withdrawals/quote?amountFen=10000000000000',
      headers: user.auth,
    })
    expect(tooMuch.statusCode).toBe(400)
  })

  it('bounds the audit cursor', async () => {
    for (const beforeId of ['1e20', '100000000000000000000', '0', '-5']) {
      const response = await app.server.inject({
        method: 'GET',
        url: `/api/v1/admin/audit?beforeId=${beforeId}`,
        headers: operatorAuth,
      })
      expect(response.statusCode, `${beforeId}: ${response.body}`).toBe(400)
    }
    const page = await app.server.inject({
      method: 'GET',
      url: '/api/v1/admin/audit?beforeId=9007199254740991',
      headers: operatorAuth,
    })
    expect(page.statusCode, page.body).toBe(200)
  })

  it.each(['2026-13-45', '2026-02-30', '2025-02-29', '2026-04-31', '0000-01-01'])(
    'answers the reconciliation date %s with 400 and says why',
    async (date) => {
      const response = await app.server.inject({
        method: 'GET',
        url: `/api/v1/admin/reconciliation?date=${date}`,
        headers: operatorAuth,
      })
      expect(response.statusCode, response.body).toBe(400)
      expect(response.json()).toMatchObject({
        code: 'INVALID_REQUEST',
        details: { fields: ['/date'] },
      })
      expect(response.json().details.reason).toMatch(/calendar date/)
    },
  )

  it('takes a real date past validation (the test bank is down: 503, not 400)', async () => {
    const response = await app.server.inject({
      method: 'GET',
      url: '/api/v1/admin/reconciliation?date=2024-02-29',
      headers: operatorAuth,
    })
    expect(response.statusCode, response.body).toBe(503)
  })
})
