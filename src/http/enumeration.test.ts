/**
 * Forms that must not tell who has an account (issue 9): the freeze form, the phone-change form
 * and operator sign-in answer a known and an unknown phone or username identically (status,
 * body, the headers that matter) and are rate-limited, the limits claimed atomically.
 */
import type { LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../test-support/app.ts'
import { testDatabaseKind } from '../test-support/database.ts'
import { requestCode, signIn, type SignedIn } from '../test-support/identity.ts'
import { ensureTestOperator } from '../test-support/operators.ts'

const PARALLEL_REQUESTS = 60
let app: TestApp
let phoneSequence = 0

function newPhone(): string {
  phoneSequence += 1
  return `1360000${String(phoneSequence).padStart(4, '0')}`
}

beforeAll(async () => {
  app = await createTestApp()
})

afterAll(async () => {
  await app.close()
})

function post(url: string, payload: Record<string, unknown>, headers: Record<string, string> = {}) {
  return app.server.inject({ method: 'POST', url, payload, headers })
}

/** What a client can see of an answer, less what differs on every request anyway. */
function visible(response: LightMyRequestResponse) {
  const { date: _date, 'x-request-id': _requestId, ...headers } = response.headers
  return { status: response.statusCode, headers, body: response.json() }
}

function outcomes(responses: LightMyRequestResponse[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const response of responses) {
    const body = response.json()
    const outcome =
      response.statusCode === 200 ? '200' : `${body.code}:${body.details?.limit ?? ''}`
    counts[outcome] = (counts[outcome] ?? 0) + 1
  }
  return counts
}

describe(`known and unknown accounts look alike on ${testDatabaseKind()}`, () => {
  it('freeze form: the same answers for a phone with an account and one without', async () => {
    const known = newPhone()
    await signIn(app, known)
    const unknown = newPhone()
    const answers = async (phone: string) => {
      const first = await post('/api/v1/sms-codes', { phone, purpose: 'freeze' })
      const again = await post('/api/v1/sms-codes', { phone, purpose: 'freeze' })
      const wrong = await post('/api/v1/freeze', { phone, code: '000000' })
      return [first, again, wrong].map(visible)
    }
    app.clock.advanceMs(61_000)
    const [knownAnswers, unknownAnswers] = [await answers(known), await answers(unknown)]
    expect(knownAnswers[1]).toMatchObject({ status: 429, body: { details: { limit: 'resend' } } })
    expect(unknownAnswers).toEqual(knownAnswers)
  })

  it(`freeze form: of ${PARALLEL_REQUESTS} parallel code requests one is sent, known or not`, async () => {
    const known = newPhone()
    await signIn(app, known)
    app.clock.advanceMs(61_000)
    for (const phone of [known, newPhone()]) {
      const responses = await Promise.all(
        Array.from({ length: PARALLEL_REQUESTS }, (_, index) =>
          app.server.inject({
            method: 'POST',
            url: '/api/v1/sms-codes',
            payload: { phone, purpose: 'freeze' },
            remoteAddress: `198.51.100.${index + 1}`,
          }),
        ),
      )
      expect(outcomes(responses)).toEqual({
        '200': 1,
        'FREQUENCY_LIMITED:resend': PARALLEL_REQUESTS - 1,
      })
    }
  })

  it('freeze form: per-IP limits hold under parallel requests for many phones', async () => {
    const responses = await Promise.all(
      Array.from({ length: PARALLEL_REQUESTS }, () =>
        app.server.inject({
          method: 'POST',
          url: '/api/v1/sms-codes',
          payload: { phone: newPhone(), purpose: 'freeze' },
          remoteAddress: '203.0.113.77',
        }),
      ),
    )
    expect(outcomes(responses)).toEqual({
      '200': 20,
      'FREQUENCY_LIMITED:ip_hour': PARALLEL_REQUESTS - 20,
    })
  })

  it('phone change: PHONE_IN_USE only after both codes are right; rate-limited', async () => {
    const taken = newPhone()
    await signIn(app, taken)
    const probe = async (newNumber: string) => {
      const phone = newPhone()
      const user: SignedIn = await signIn(app, phone)
      app.clock.advanceMs(61_000)
      const oldCode = await requestCode(app, phone, 'change_phone_old', user.token)
      const responses = await Promise.all(
        Array.from({ length: PARALLEL_REQUESTS }, (_, index) =>
          post(
            '/api/v1/me/phone',
            { oldCode, newPhone: newNumber, newCode: String(100_000 + index) },
            user.auth,
          ),
        ),
      )
      return { user, oldCode, counts: outcomes(responses) }
    }
    const takenProbe = await probe(taken)
    const freeProbe = await probe(newPhone())
    // No code was ever sent to either new number: the same honest answer for both.
    expect(takenProbe.counts).toEqual({
      'SMS_CODE_NOT_REQUESTED:': 5,
      'FREQUENCY_LIMITED:phone_change_hour': PARALLEL_REQUESTS - 5,
    })
    expect(freeProbe.counts).toEqual(takenProbe.counts)
    // Who holds the number too (both codes right) learns it is taken, once the hour is over.
    app.clock.advanceMs(3600_000)
    const { user } = takenProbe
    const oldCode = await requestCode(app, await phoneOf(user), 'change_phone_old', user.token)
    const newCode = await requestCode(app, taken, 'change_phone_new', user.token)
    const held = await post('/api/v1/me/phone', { oldCode, newPhone: taken, newCode }, user.auth)
    expect(held.json().code).toBe('PHONE_IN_USE')
  })

  it('operator sign-in: a locked operator and an unknown username answer alike', async () => {
    await ensureTestOperator(app, 'risk', 'risk.locked')
    const attempt = (username: string) =>
      post('/api/v1/admin/sessions', { username, password: 'not-the-password' })
    const known: LightMyRequestResponse[] = []
    const unknown: LightMyRequestResponse[] = []
    for (let attemptNumber = 0; attemptNumber < 6; attemptNumber++) {
      known.push(await attempt('risk.locked'))
      unknown.push(await attempt('nobody.at.all'))
    }
    expect(known[5]?.json()).toMatchObject({ code: 'OPERATOR_LOCKED' })
    expect(unknown.map(visible)).toEqual(known.map(visible))
    // A name that normalises to nothing is just another unknown one (never a database error).
    const blank = await post('/api/v1/admin/sessions', { username: '   ', password: 'x' })
    expect([blank.statusCode, blank.json().code]).toEqual([401, 'OPERATOR_CREDENTIALS_WRONG'])
  })
})

async function phoneOf(user: SignedIn): Promise<string> {
  const me = await app.server.inject({ method: 'GET', url: '/api/v1/me', headers: user.auth })
  return me.json().phone
}
