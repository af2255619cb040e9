/**
 * The server side of passkeys, against a software authenticator (ES256, 'none' attestation)
 * that signs exactly what a browser would send. The real-browser round trip is
 * test/e2e/passkeys.e2e.ts.
 */
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RESIDENTS, type Resident } from '../../../demo/residents.ts'
import { createTestApp, type TestApp } from '../../test-support/app.ts'
import { testDatabaseKind } from '../../test-support/database.ts'
import { latestCode } from '../../test-support/identity.ts'
import {
  type Auth,
  b64,
  type Json,
  SoftAuthenticator,
} from '../../test-support/soft-authenticator.ts'

const PASSWORD = '802417'
const HOST = 'wallet.test'
const ORIGIN = `http://${HOST}`
let app: TestApp
let phoneSequence = 0
let residentSequence = 80

function call(method: 'GET' | 'POST' | 'DELETE', url: string, auth: Auth, payload?: Json) {
  return app.server.inject({
    method,
    url,
    headers: { host: HOST, ...auth },
    ...(payload ? { payload } : {}),
  })
}

function nextResident(): Resident {
  const resident = RESIDENTS[residentSequence++]
  if (resident === undefined) throw new Error('ran out of residents')
  return resident
}

/** A verified user with the payment password, signed up through the service (no IP limits). */
async function walletUser() {
  phoneSequence += 1
  const phone = `1340000${String(phoneSequence).padStart(4, '0')}`
  await app.identity.requestSmsCode({ phone, purpose: 'sign_in' })
  const { user, token } = await app.identity.signIn({
    phone,
    code: await latestCode(app, phone),
    deviceId: `device-${phone}-xxxx`,
    deviceName: 'Test phone',
  })
  const auth = { authorization: `Bearer ${token}` }
  const resident = nextResident()
  expect(
    (
      await call('POST', '/api/v1/me/real-name', auth, {
        realName: resident.name,
        idNumber: resident.idNumber,
      })
    ).statusCode,
  ).toBe(200)
  expect(
    (await call('POST', '/api/v1/me/payment-password', auth, { password: PASSWORD })).statusCode,
  ).toBe(200)
  return { userId: user.id, phone, auth }
}

async function enrol(
  auth: Auth,
  authenticator = new SoftAuthenticator(),
): Promise<{ credentialId: string; authenticator: SoftAuthenticator }> {
  const options = await call('POST', '/api/v1/me/passkeys/registration-options', auth, {
    paymentPassword: PASSWORD,
  })
  expect(options.statusCode, options.body).toBe(200)
  const added = await call('POST', '/api/v1/me/passkeys', auth, {
    response: authenticator.register(options.json()),
    deviceName: 'Pixel 9',
  })
  expect(added.statusCode, added.body).toBe(200)
  return { credentialId: added.json().credentialId, authenticator }
}

async function challenge(
  auth: Auth,
  amountFen: number,
): Promise<{ challengeId: string; options: { challenge: string } }> {
  const response = await call('POST', '/api/v1/me/payment-challenges', auth, { amountFen })
  expect(response.statusCode, response.body).toBe(200)
  return response.json()
}

function confirm(auth: Auth, amountFen: number, challengeId: string, response: Json) {
  return call('POST', '/api/v1/me/payment-confirmations', auth, {
    amountFen,
    purpose: 'PAYMENT',
    method: { kind: 'passkey', challengeId, response },
  })
}

beforeAll(async () => {
  app = await createTestApp()
})

afterAll(async () => {
  await app.close()
})

describe(`passkeys on ${testDatabaseKind()}`, () => {
  it('enrols with the payment password and confirms a payment with the passkey', async () => {
    const user = await walletUser()
    const options = await call('POST', '/api/v1/me/passkeys/registration-options', user.auth, {
      paymentPassword: PASSWORD,
    })
    expect(options.json()).toMatchObject({
      rp: { id: HOST, name: 'Lingqian 零钱' },
      user: { name: `${user.phone.slice(0, 3)}****${user.phone.slice(-4)}` },
      authenticatorSelection: { authenticatorAttachment: 'platform', userVerification: 'required' },
      attestation: 'none',
      timeout: 300_000,
    })
    const authenticator = new SoftAuthenticator()
    const added = await call('POST', '/api/v1/me/passkeys', user.auth, {
      response: authenticator.register(options.json()),
      deviceName: ' Pixel 9 ',
    })
    expect(added.json()).toEqual({ credentialId: b64(authenticator.credentialId) })
    const { challengeId, options: request } = await challenge(user.auth, 1_234)
    expect(request).toMatchObject({
      rpId: HOST,
      userVerification: 'required',
      allowCredentials: [{ id: b64(authenticator.credentialId), type: 'public-key' }],
    })
    const confirmed = await confirm(
      user.auth,
      1_234,
      challengeId,
      authenticator.assert(request.challenge),
    )
    expect(confirmed.statusCode, confirmed.body).toBe(200)
    expect(confirmed.json()).toEqual({ confirmedBy: 'passkey', secondFactor: false })
    const listed = (await call('GET', '/api/v1/me/passkeys', user.auth)).json().passkeys
    expect(listed).toEqual([
      {
        credentialId: b64(authenticator.credentialId),
        deviceName: 'Pixel 9',
        createdAtMs: app.clock.nowMs(),
        lastUsedAtMs: app.clock.nowMs(),
        rpId: HOST,
      },
    ])
    // A passkey signs for the host it was made on only: another host's challenge leaves it out.
    const elsewhere = await app.server.inject({
      method: 'POST',
      url: '/api/v1/me/payment-challenges',
      headers: { ...user.auth, host: 'other.test' },
      payload: { amountFen: 100 },
    })
    expect(elsewhere.json()).toMatchObject({
      code: 'PASSKEY_FAILED',
      details: { reason: 'NO_PASSKEYS' },
    })
    expect((await app.identity.listNotices(user.userId)).map((notice) => notice.kind)).toContain(
      'passkey_added',
    )
  })

  it('refuses enrolment without the right payment password, counting the attempt', async () => {
    const user = await walletUser()
    const wrong = await call('POST', '/api/v1/me/passkeys/registration-options', user.auth, {
      paymentPassword: '111112',
    })
    expect(wrong.json()).toMatchObject({ code: 'PIN_WRONG', details: { attemptsLeft: 4 } })
  })

  it('refuses a replayed, expired, foreign or mismatched payment challenge', async () => {
    const user = await walletUser()
    const other = await walletUser()
    const { authenticator } = await enrol(user.auth)
    const first = await challenge(user.auth, 500)
    const assertion = authenticator.assert(first.options.challenge)
    expect((await confirm(user.auth, 500, first.challengeId, assertion)).statusCode).toBe(200)
    const replay = await confirm(user.auth, 500, first.challengeId, assertion)
    expect(replay.json()).toMatchObject({
      code: 'PASSKEY_FAILED',
      details: { reason: 'CHALLENGE_UNKNOWN' },
    })
    // Another user's challenge id is unknown to me, and using it leaves it usable for them.
    const { authenticator: theirAuthenticator } = await enrol(other.auth)
    const theirs = await challenge(other.auth, 500)
    const foreign = await confirm(
      user.auth,
      500,
      theirs.challengeId,
      authenticator.assert(theirs.options.challenge),
    )
    expect(foreign.json()).toMatchObject({
      code: 'PASSKEY_FAILED',
      details: { reason: 'CHALLENGE_UNKNOWN' },
    })
    expect(
      (
        await confirm(
          other.auth,
          500,
          theirs.challengeId,
          theirAuthenticator.assert(theirs.options.challenge),
        )
      ).statusCode,
    ).toBe(200)
    const forAmount = await challenge(user.auth, 500)
    const otherAmount = await confirm(
      user.auth,
      50_000,
      forAmount.challengeId,
      authenticator.assert(forAmount.options.challenge),
    )
    expect(otherAmount.json()).toMatchObject({
      code: 'PASSKEY_FAILED',
      details: { reason: 'CHALLENGE_MISMATCH' },
    })
    const late = await challenge(user.auth, 500)
    app.clock.advanceMs(5 * 60_000)
    const expired = await confirm(
      user.auth,
      500,
      late.challengeId,
      authenticator.assert(late.options.challenge),
    )
    expect(expired.json()).toMatchObject({
      code: 'PASSKEY_FAILED',
      details: { reason: 'CHALLENGE_EXPIRED' },
    })
    const failures = (await app.audit.listForUser(user.userId)).filter(
      (entry) => entry.action === 'passkey.failed',
    )
    expect(failures.map((entry) => entry.detail?.reason)).toEqual([
      'CHALLENGE_EXPIRED',
      'CHALLENGE_MISMATCH',
      'CHALLENGE_UNKNOWN',
      'CHALLENGE_UNKNOWN',
    ])
  })

  it('refuses a signature over another challenge, an unknown credential, a foreign origin, no user verification', async () => {
    const user = await walletUser()
    const { authenticator } = await enrol(user.auth)
    const cases: [string, (challenge: string) => Json][] = [
      ['RESPONSE_INVALID', () => authenticator.assert(b64(randomBytes(32)))],
      ['CREDENTIAL_UNKNOWN', (text) => new SoftAuthenticator().assert(text)],
      [
        'RESPONSE_INVALID',
        (text) =>
          Object.assign(new SoftAuthenticator('http://evil.test'), {
            credentialId: authenticator.credentialId,
            keys: authenticator.keys,
          }).assert(text),
      ],
      [
        'RESPONSE_INVALID',
        (text) => {
          const signed = authenticator.assert(text)
          return {
            ...signed,
            response: { ...(signed.response as Json), signature: b64(randomBytes(70)) },
          }
        },
      ],
    ]
    for (const [reason, respond] of cases) {
      const { challengeId, options } = await challenge(user.auth, 800)
      const answer = await confirm(user.auth, 800, challengeId, respond(options.challenge))
      expect(answer.statusCode).toBe(400)
      expect(answer.json()).toMatchObject({ code: 'PASSKEY_FAILED', details: { reason } })
    }
    // Without user verification (no fingerprint, just a tap) the assertion is refused.
    const unverified = await walletUser()
    const tapOnly = new SoftAuthenticator(ORIGIN, true)
    await enrol(unverified.auth, tapOnly)
    const { challengeId, options } = await challenge(unverified.auth, 800)
    const noUv = Object.assign(new SoftAuthenticator(ORIGIN, false), {
      credentialId: tapOnly.credentialId,
      keys: tapOnly.keys,
    })
    expect(
      (await confirm(unverified.auth, 800, challengeId, noUv.assert(options.challenge))).json()
        .details,
    ).toEqual({ reason: 'RESPONSE_INVALID' })
  })

  it('refuses a registration for an unknown, used or expired challenge, or without user verification', async () => {
    const user = await walletUser()
    const unknown = await call('POST', '/api/v1/me/passkeys', user.auth, {
      response: new SoftAuthenticator().register({ challenge: b64(randomBytes(32)) }),
      deviceName: 'x',
    })
    expect(unknown.json()).toMatchObject({
      code: 'PASSKEY_FAILED',
      details: { reason: 'CHALLENGE_UNKNOWN' },
    })
    const options = (
      await call('POST', '/api/v1/me/passkeys/registration-options', user.auth, {
        paymentPassword: PASSWORD,
      })
    ).json()
    const noUv = await call('POST', '/api/v1/me/passkeys', user.auth, {
      response: new SoftAuthenticator(ORIGIN, false).register(options),
      deviceName: 'x',
    })
    expect(noUv.json()).toMatchObject({
      code: 'PASSKEY_FAILED',
      details: { reason: 'RESPONSE_INVALID' },
    })
    const used = await call('POST', '/api/v1/me/passkeys', user.auth, {
      response: new SoftAuthenticator().register(options),
      deviceName: 'x',
    })
    expect(used.json().details).toEqual({ reason: 'CHALLENGE_UNKNOWN' })
    const late = (
      await call('POST', '/api/v1/me/passkeys/registration-options', user.auth, {
        paymentPassword: PASSWORD,
      })
    ).json()
    app.clock.advanceMs(5 * 60_000 + 1)
    const expired = await call('POST', '/api/v1/me/passkeys', user.auth, {
      response: new SoftAuthenticator().register(late),
      deviceName: 'x',
    })
    expect(expired.json().details).toEqual({ reason: 'CHALLENGE_EXPIRED' })
    const garbage = await call('POST', '/api/v1/me/passkeys', user.auth, {
      response: {
        ...new SoftAuthenticator().register(late),
        response: { clientDataJSON: '!!', attestationObject: 'AA' },
      },
      deviceName: 'x',
    })
    expect(garbage.json().details).toEqual({ reason: 'RESPONSE_INVALID' })
    expect((await call('GET', '/api/v1/me/passkeys', user.auth)).json().passkeys).toEqual([])
  })

  it('needs the SMS code above the threshold with a passkey too, and a locked password blocks passkeys', async () => {
    const user = await walletUser()
    const { authenticator } = await enrol(user.auth)
    await app.security.raiseAccountClass(user.userId, 2, 'card')
    const big = await challenge(user.auth, 300_000)
    const missing = await confirm(
      user.auth,
      300_000,
      big.challengeId,
      authenticator.assert(big.options.challenge),
    )
    expect(missing.json()).toMatchObject({
      code: 'SECOND_FACTOR_REQUIRED',
      details: { reason: 'AMOUNT_ABOVE_THRESHOLD' },
    })
    app.clock.advanceMs(61_000)
    await app.identity.requestSmsCode({
      phone: user.phone,
      purpose: 'payment',
      userId: user.userId,
    })
    const smsCode = await latestCode(app, user.phone)
    const again = await challenge(user.auth, 300_000)
    const method = {
      kind: 'passkey',
      challengeId: again.challengeId,
      response: authenticator.assert(again.options.challenge),
    }
    const withCode = await call('POST', '/api/v1/me/payment-confirmations', user.auth, {
      amountFen: 300_000,
      purpose: 'PAYMENT',
      method,
      smsCode,
    })
    expect(withCode.json()).toEqual({ confirmedBy: 'passkey', secondFactor: true })
    for (let attempt = 0; attempt < 5; attempt++) {
      await call('POST', '/api/v1/me/payment-confirmations', user.auth, {
        amountFen: 100,
        purpose: 'PAYMENT',
        method: { kind: 'password', password: '111112' },
      })
    }
    const small = await challenge(user.auth, 100)
    const locked = await confirm(
      user.auth,
      100,
      small.challengeId,
      authenticator.assert(small.options.challenge),
    )
    expect(locked.json().code).toBe('PIN_LOCKED')
  })

  it('needs a passkey for a payment challenge, and a host name (not an IP) as relying party', async () => {
    const user = await walletUser()
    const none = await call('POST', '/api/v1/me/payment-challenges', user.auth, { amountFen: 100 })
    expect(none.json()).toMatchObject({
      code: 'PASSKEY_FAILED',
      details: { reason: 'NO_PASSKEYS' },
    })
    const byIp = await app.server.inject({
      method: 'POST',
      url: '/api/v1/me/passkeys/registration-options',
      headers: { ...user.auth, host: '192.168.1.20:3000' },
      payload: { paymentPassword: PASSWORD },
    })
    expect(byIp.json()).toMatchObject({
      code: 'INVALID_REQUEST',
      details: { reason: 'PASSKEYS_NEED_A_HOST_NAME' },
    })
  })

  it('keeps passkeys private: another user gets 404 and learns nothing, a signed-out client 401', async () => {
    const owner = await walletUser()
    const mallory = await walletUser()
    const { credentialId } = await enrol(owner.auth)
    const url = `/api/v1/me/passkeys/${encodeURIComponent(credentialId)}`
    const attempt = await call('DELETE', url, mallory.auth)
    const missing = await call(
      'DELETE',
      `/api/v1/me/passkeys/${b64(randomBytes(16))}`,
      mallory.auth,
    )
    expect([attempt.statusCode, attempt.json()]).toEqual([missing.statusCode, missing.json()])
    expect(attempt.statusCode).toBe(404)
    expect((await call('GET', '/api/v1/me/passkeys', mallory.auth)).json().passkeys).toEqual([])
    expect((await call('GET', '/api/v1/me/passkeys', owner.auth)).json().passkeys).toHaveLength(1)
    const signedOut = { authorization: 'Bearer not-a-real-session-token-at-all' }
    const routes: ['GET' | 'POST' | 'DELETE', string, Json?][] = [
      ['GET', '/api/v1/me/passkeys'],
      ['DELETE', url],
      ['POST', '/api/v1/me/passkeys/registration-options', { paymentPassword: PASSWORD }],
      [
        'POST',
        '/api/v1/me/passkeys',
        { response: new SoftAuthenticator().register({ challenge: 'AAAA' }), deviceName: 'x' },
      ],
      ['POST', '/api/v1/me/payment-challenges', { amountFen: 100 }],
    ]
    for (const [method, path, payload] of routes)
      expect((await call(method, path, signedOut, payload)).statusCode, `${method} ${path}`).toBe(
        401,
      )
    const removed = await call('DELETE', url, owner.auth)
    expect(removed.statusCode).toBe(204)
    expect((await call('DELETE', url, owner.auth)).statusCode).toBe(404)
    expect((await app.identity.listNotices(owner.userId)).map((notice) => notice.kind)).toContain(
      'passkey_removed',
    )
  })
})
