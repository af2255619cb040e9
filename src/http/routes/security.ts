/**
 * Payment security over HTTP: real-name verification, limits, the payment password, passkeys,
 * the SMS second factor and a dry-run payment confirmation. The WebAuthn relying party is the
 * host the request came to: rpID = the Host header's hostname, origin = protocol://host. Behind
 * a TLS-terminating proxy the proxy must pass the original Host (and the server must see the
 * request as https, e.g. via Fastify's trustProxy) or passkey ceremonies fail on origin.
 */
import { isIP } from 'node:net'
import type { FastifyRequest } from 'fastify'
import { type Static, type TSchema, Type } from 'typebox'
import {
  type AuthenticationResponseJSON,
  type ConfirmMethod,
  PAYMENT_PURPOSES,
  type PaymentPurpose,
  type RegistrationResponseJSON,
} from '../../modules/identity/index.ts'
import { DomainError } from '../../shared/errors.ts'
import { authenticate } from '../auth.ts'
import { AUTH_ERRORS, UserView } from '../schemas.ts'
import type { AppServices, HttpApp } from '../server.ts'
import { toUserView } from './profile.ts'

const tags = ['security']
const Text = (maxLength: number) => Type.String({ maxLength })
const { Integer, Optional } = Type
const Open = { additionalProperties: true }
const strict = { additionalProperties: false }
const NullableInteger = Type.Union([Integer(), Type.Null()])
const AmountFen = Integer({ minimum: 0, description: 'Amount in fen (分)' })
const Password = Type.String({ maxLength: 64, description: '6 digits' })
const Strings = Optional(Type.Array(Type.String()))
const OpenObject = Optional(Type.Object({}, Open))

const PasswordStatus = Type.Object({
  set: Type.Boolean(),
  lockedUntilMs: NullableInteger,
  attemptsLeft: Integer(),
})
const Limits = Type.Object({
  accountClass: Integer({ minimum: 0, maximum: 3 }),
  period: Type.Union([Type.Literal('LIFETIME'), Type.Literal('YEAR'), Type.Null()]),
  limitFen: NullableInteger,
  usedFen: Integer(),
  remainingFen: NullableInteger,
})
const Credential = Type.Object({ id: Text(1024), type: Type.String(), transports: Strings }, Open)
// WebAuthn JSON from @simplewebauthn/server: open objects, so no field is ever stripped.
const CreationOptions = Type.Object(
  {
    rp: Type.Object({ name: Type.String(), id: Optional(Type.String()) }, Open),
    user: Type.Object({ id: Type.String(), name: Type.String(), displayName: Type.String() }, Open),
    challenge: Type.String(),
    pubKeyCredParams: Type.Array(Type.Object({ alg: Integer(), type: Type.String() }, Open)),
    excludeCredentials: Optional(Type.Array(Credential)),
    authenticatorSelection: OpenObject,
    ...{ timeout: Optional(Integer()), attestation: Optional(Type.String()) },
    ...{ hints: Strings, extensions: OpenObject },
  },
  Open,
)
const RequestOptions = Type.Object(
  {
    challenge: Type.String(),
    rpId: Optional(Type.String()),
    allowCredentials: Optional(Type.Array(Credential)),
    userVerification: Optional(Type.String()),
    ...{ timeout: Optional(Integer()), hints: Strings, extensions: OpenObject },
  },
  Open,
)
const CredentialBase = {
  ...{ id: Text(1024), rawId: Text(1024), type: Type.Literal('public-key') },
  ...{ authenticatorAttachment: Optional(Text(32)), clientExtensionResults: Type.Object({}, Open) },
}
const RegistrationResponse = Type.Object({
  ...CredentialBase,
  response: Type.Object(
    { clientDataJSON: Text(4096), attestationObject: Text(16_384), transports: Strings },
    Open,
  ),
})
/** The authenticator's answer to a payment challenge (payment routes can reuse it). */
export const AuthenticationResponse = Type.Object({
  ...CredentialBase,
  response: Type.Object(
    {
      ...{ clientDataJSON: Text(4096), authenticatorData: Text(4096) },
      ...{ signature: Text(1024), userHandle: Optional(Text(1024)) },
    },
    Open,
  ),
})
/** `method` of a payment confirmation; money-moving routes put it in their bodies too. */
export const ConfirmMethodSchema = Type.Union([
  Type.Object({ kind: Type.Literal('password'), password: Password }, strict),
  Type.Object(
    { kind: Type.Literal('passkey'), challengeId: Text(64), response: AuthenticationResponse },
    strict,
  ),
])
const Confirmation = Type.Object({
  confirmedBy: Type.Union([Type.Literal('password'), Type.Literal('passkey')]),
  secondFactor: Type.Boolean(),
})
const PasskeyView = Type.Object({
  ...{ credentialId: Type.String(), deviceName: Type.String() },
  ...{ createdAtMs: Integer(), lastUsedAtMs: NullableInteger },
})

/** Purposes whose money leaves the 零钱 balance, so the account-class limits apply. */
const BALANCE_PURPOSES: ReadonlySet<PaymentPurpose> = new Set(['PAYMENT', 'TRANSFER', 'REDPACKET'])
const HOST_PATTERN = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/

/** The WebAuthn origin of this request (see the module comment). */
export function relyingPartyOrigin(request: FastifyRequest): string {
  if (!HOST_PATTERN.test(request.host)) throw new DomainError('INVALID_REQUEST', { reason: 'HOST' })
  // Browsers refuse an IP address as relying party: say so instead of failing in the browser.
  if (isIP(request.hostname.replace(/^\[|\]$/g, '')) !== 0) {
    throw new DomainError('INVALID_REQUEST', { reason: 'PASSKEYS_NEED_A_HOST_NAME' })
  }
  return `${request.protocol}://${request.host}`
}

/** The validated body `method` as the module takes it (WebAuthn JSON is passed through). */
export function toConfirmMethod(method: Static<typeof ConfirmMethodSchema>): ConfirmMethod {
  if (method.kind === 'password') return { kind: 'password', password: method.password }
  const response = method.response as AuthenticationResponseJSON
  return { kind: 'passkey', challengeId: method.challengeId, response }
}

export async function securityRoutes(app: HttpApp, services: AppServices): Promise<void> {
  for (const routes of [realNameRoutes, passwordRoutes, passkeyRoutes, confirmationRoutes]) {
    await routes(app, services)
  }
}

/** A route's schema: summary, the 200 reply plus every error reply, and the body if any. */
function schema<Reply extends TSchema, Body extends TSchema | undefined = undefined>(
  summary: string,
  reply: Reply,
  body?: Body,
) {
  // No `body` key at all on GET routes: Fastify warns about an undefined body schema.
  const response = { 200: reply, ...AUTH_ERRORS }
  return (body === undefined ? { tags, summary, response } : { tags, summary, body, response }) as {
    tags: string[]
    summary: string
    body: Body
    response: typeof response
  }
}

/** The signed-in caller (401 otherwise) and the request IP, as every security call takes them. */
function callerOf(services: AppServices) {
  return async (request: FastifyRequest) => {
    const { user } = await authenticate(request, services.identity)
    return { userId: user.id, ip: request.ip }
  }
}

async function realNameRoutes(app: HttpApp, services: AppServices): Promise<void> {
  const { security } = services
  const me = callerOf(services)
  const body = Type.Object({ realName: Text(50), idNumber: Text(32) }, strict)
  app.post(
    '/api/v1/me/real-name',
    {
      schema: schema(
        'Verify the real name (实名认证); the account becomes class I',
        UserView,
        body,
      ),
    },
    async (request) => {
      const verified = await security.verifyRealName({ ...(await me(request)), ...request.body })
      return toUserView(verified)
    },
  )
  app.get(
    '/api/v1/me/limits',
    { schema: schema('The balance-payment limit of the account class that binds first', Limits) },
    async (request) => security.limits((await me(request)).userId),
  )
}

async function passwordRoutes(app: HttpApp, services: AppServices): Promise<void> {
  const { security } = services
  const me = callerOf(services)
  const url = '/api/v1/me/payment-password'
  app.get(
    url,
    { schema: schema('Whether the payment password is set, and any lock', PasswordStatus) },
    async (request) => security.passwordStatus((await me(request)).userId),
  )
  const setBody = Type.Object({ password: Password }, strict)
  app.post(
    url,
    { schema: schema('Set the payment password, once (real name first)', PasswordStatus, setBody) },
    async (request) => security.setPaymentPassword({ ...(await me(request)), ...request.body }),
  )
  const changeBody = Type.Object({ oldPassword: Password, newPassword: Password }, strict)
  app.put(
    url,
    { schema: schema('Change the payment password', PasswordStatus, changeBody) },
    async (request) => {
      return security.changePaymentPassword({ ...(await me(request)), ...request.body })
    },
  )
  const resetBody = Type.Object(
    {
      ...{ smsCode: Text(10), idNumber: Text(32), newPassword: Password },
      // For the bound-card check of the cards module, once it plugs one in.
      cardNumber: Optional(Text(32)),
    },
    strict,
  )
  app.post(
    `${url}/reset`,
    { schema: schema('Reset when forgotten (SMS + ID number)', PasswordStatus, resetBody) },
    async (request) => {
      return security.resetPaymentPassword({ ...(await me(request)), ...request.body })
    },
  )
}

async function passkeyRoutes(app: HttpApp, services: AppServices): Promise<void> {
  const { security } = services
  const me = callerOf(services)
  const optionsBody = Type.Object({ paymentPassword: Password }, strict)
  app.post(
    '/api/v1/me/passkeys/registration-options',
    { schema: schema('Start adding a passkey (指纹/面容支付)', CreationOptions, optionsBody) },
    async (request) => {
      const input = { ...(await me(request)), ...request.body, origin: relyingPartyOrigin(request) }
      return security.passkeyRegistrationOptions(input)
    },
  )
  const addBody = Type.Object({ response: RegistrationResponse, deviceName: Text(64) }, strict)
  const added = Type.Object({ credentialId: Type.String() })
  app.post(
    '/api/v1/me/passkeys',
    { schema: schema('Finish adding a passkey with the authenticator response', added, addBody) },
    async (request) => {
      const response = request.body.response as RegistrationResponseJSON
      const { deviceName } = request.body
      const origin = relyingPartyOrigin(request)
      return security.registerPasskey({ ...(await me(request)), response, deviceName, origin })
    },
  )
  const list = Type.Object({ passkeys: Type.Array(PasskeyView) })
  app.get('/api/v1/me/passkeys', { schema: schema('My passkeys', list) }, async (request) => ({
    passkeys: await security.listPasskeys((await me(request)).userId),
  }))
  app.delete(
    '/api/v1/me/passkeys/:credentialId',
    {
      schema: {
        tags,
        summary: 'Remove one of my passkeys (anyone else’s: 404)',
        params: Type.Object({ credentialId: Text(1024) }),
        response: { 204: Type.Null(), ...AUTH_ERRORS },
      },
    },
    async (request, reply) => {
      await security.removePasskey({ ...(await me(request)), ...request.params })
      return reply.status(204).send(null)
    },
  )
}

async function confirmationRoutes(app: HttpApp, services: AppServices): Promise<void> {
  const { security } = services
  const me = callerOf(services)
  const challenge = Type.Object({ challengeId: Type.String(), options: RequestOptions })
  const challengeBody = Type.Object({ amountFen: AmountFen }, strict)
  app.post(
    '/api/v1/me/payment-challenges',
    { schema: schema('A single-use passkey challenge for amountFen', challenge, challengeBody) },
    async (request) => {
      const { userId } = await me(request)
      const origin = relyingPartyOrigin(request)
      return security.createPaymentChallenge({ userId, amountFen: request.body.amountFen, origin })
    },
  )
  const switchBody = Type.Object({ enabled: Type.Boolean(), paymentPassword: Password }, strict)
  app.put(
    '/api/v1/me/second-factor',
    { schema: schema('SMS code on every payment (二次验证) on or off', UserView, switchBody) },
    async (request) => {
      return toUserView(await security.setSecondFactor({ ...(await me(request)), ...request.body }))
    },
  )
  const purpose = Type.Union(PAYMENT_PURPOSES.map((each) => Type.Literal(each)))
  const smsCode = Optional(Text(10))
  const method = ConfirmMethodSchema
  const confirmBody = Type.Object({ amountFen: AmountFen, purpose, method, smsCode }, strict)
  app.post(
    '/api/v1/me/payment-confirmations',
    { schema: schema('Dry run: moves no money, uses a credential', Confirmation, confirmBody) },
    async (request) => {
      const { body } = request
      return security.confirmPayment({
        ...(await me(request)),
        amountFen: body.amountFen,
        purpose: body.purpose,
        countsAgainstBalanceLimit: BALANCE_PURPOSES.has(body.purpose),
        method: toConfirmMethod(body.method),
        ...(body.smsCode !== undefined ? { smsCode: body.smsCode } : {}),
      })
    },
  )
}
