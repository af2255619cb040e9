/**
 * Payment security over HTTP: real-name verification, limits, the payment password, passkeys,
 * the SMS second factor and a dry-run payment confirmation. The WebAuthn relying party is the
 * host the request came to: rpID = the Host header's hostname, origin = protocol://host. Behind
 * a TLS-terminating proxy the proxy must pass the original Host (and the server must see the
 * request as https, e.g. via Fastify's trustProxy) or passkey ceremonies fail on origin.
 */
import { isIP } from 'node:net'
import type { FastifyRequest } from 'fastify'
import type { TSchema } from 'typebox'
import type {
  IdentityService,
  PaymentPurpose as ModulePaymentPurpose,
  RegistrationResponseJSON,
  SecurityService,
} from '../../modules/identity/index.ts'
import { DomainError } from '../../shared/errors.ts'
import { authenticate } from '../auth.ts'
import { AUTH_ERRORS, NoContent, type Same } from '../contract/common.ts'
import { UserView } from '../contract/profile.ts'
import {
  AddPasskeyRequest,
  ChangePasswordRequest,
  CreationOptions,
  Limits,
  PasskeyAdded,
  PasskeyList,
  PasskeyOptionsRequest,
  PasskeyParams,
  PasswordCheck,
  PasswordCheckRequest,
  PasswordStatus,
  PaymentChallenge,
  PaymentChallengeRequest,
  PaymentConfirmation,
  PaymentConfirmationRequest,
  type PaymentPurpose,
  RealNameRequest,
  ResetPasswordRequest,
  ResetTicket,
  ResetVerifyRequest,
  SecondFactorRequest,
  SetPasswordRequest,
} from '../contract/security.ts'
import type { HttpApp } from '../server.ts'
import { toUserView } from './profile.ts'

const tags = ['security']
const paymentPurposesMatch: Same<PaymentPurpose, ModulePaymentPurpose> = true
void paymentPurposesMatch

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

export interface SecurityRoutesDeps {
  identity: IdentityService
  security: SecurityService
}

export async function securityRoutes(app: HttpApp, deps: SecurityRoutesDeps): Promise<void> {
  const all = [
    realNameRoutes,
    passwordRoutes,
    passwordCheckRoutes,
    passkeyRoutes,
    confirmationRoutes,
  ]
  for (const routes of all) {
    await routes(app, deps)
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
function callerOf({ identity }: SecurityRoutesDeps) {
  return async (request: FastifyRequest) => {
    const { user } = await authenticate(request, identity)
    return { userId: user.id, ip: request.ip }
  }
}

async function realNameRoutes(app: HttpApp, deps: SecurityRoutesDeps): Promise<void> {
  const { security } = deps
  const me = callerOf(deps)
  app.post(
    '/api/v1/me/real-name',
    {
      schema: schema(
        'Verify the real name (实名认证); the account becomes class I',
        UserView,
        RealNameRequest,
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

async function passwordRoutes(app: HttpApp, deps: SecurityRoutesDeps): Promise<void> {
  const { security } = deps
  const me = callerOf(deps)
  const url = '/api/v1/me/payment-password'
  app.get(
    url,
    { schema: schema('Whether the payment password is set, and any lock', PasswordStatus) },
    async (request) => security.passwordStatus((await me(request)).userId),
  )
  app.post(
    url,
    {
      schema: schema(
        'Set the payment password, once (real name first)',
        PasswordStatus,
        SetPasswordRequest,
      ),
    },
    async (request) => security.setPaymentPassword({ ...(await me(request)), ...request.body }),
  )
  app.put(
    url,
    { schema: schema('Change the payment password', PasswordStatus, ChangePasswordRequest) },
    async (request) => {
      return security.changePaymentPassword({ ...(await me(request)), ...request.body })
    },
  )
  app.post(
    `${url}/reset/verify`,
    {
      schema: schema(
        'Check the reset proof (SMS + ID number + a bound card) before the new PIN',
        ResetTicket,
        ResetVerifyRequest,
      ),
    },
    async (request) => {
      return security.verifyPasswordReset({ ...(await me(request)), ...request.body })
    },
  )
  app.post(
    `${url}/reset`,
    {
      schema: schema(
        'Reset when forgotten (SMS + ID number)',
        PasswordStatus,
        ResetPasswordRequest,
      ),
    },
    async (request) => {
      return security.resetPaymentPassword({ ...(await me(request)), ...request.body })
    },
  )
}

/** Each PIN step checked as it is typed: a weak new one, a wrong current one. */
async function passwordCheckRoutes(app: HttpApp, deps: SecurityRoutesDeps): Promise<void> {
  const { security } = deps
  const me = callerOf(deps)
  const url = '/api/v1/me/payment-password'
  app.post(
    `${url}/strength`,
    {
      schema: schema(
        'Whether a new payment password is strong enough (PAYMENT_PASSWORD_WEAK if not)',
        PasswordCheck,
        PasswordCheckRequest,
      ),
    },
    async (request) => {
      const { userId } = await me(request)
      await security.checkNewPaymentPassword(userId, request.body.password)
      return { ok: true as const }
    },
  )
  app.post(
    `${url}/verify`,
    {
      schema: schema(
        'Check the current payment password (a wrong one counts toward the lock)',
        PasswordCheck,
        PasswordCheckRequest,
      ),
    },
    async (request) => {
      const { userId, ip } = await me(request)
      await security.verifyPaymentPassword(userId, request.body.password, ip)
      return { ok: true as const }
    },
  )
}

async function passkeyRoutes(app: HttpApp, deps: SecurityRoutesDeps): Promise<void> {
  const { security } = deps
  const me = callerOf(deps)
  app.post(
    '/api/v1/me/passkeys/registration-options',
    {
      schema: schema(
        'Start adding a passkey (指纹/面容支付)',
        CreationOptions,
        PasskeyOptionsRequest,
      ),
    },
    async (request) => {
      const input = { ...(await me(request)), ...request.body, origin: relyingPartyOrigin(request) }
      return security.passkeyRegistrationOptions(input)
    },
  )
  app.post(
    '/api/v1/me/passkeys',
    {
      schema: schema(
        'Finish adding a passkey with the authenticator response',
        PasskeyAdded,
        AddPasskeyRequest,
      ),
    },
    async (request) => {
      const response = request.body.response as RegistrationResponseJSON
      const { deviceName } = request.body
      const origin = relyingPartyOrigin(request)
      return security.registerPasskey({ ...(await me(request)), response, deviceName, origin })
    },
  )
  app.get(
    '/api/v1/me/passkeys',
    { schema: schema('My passkeys', PasskeyList) },
    async (request) => ({
      passkeys: await security.listPasskeys((await me(request)).userId),
    }),
  )
  app.delete(
    '/api/v1/me/passkeys/:credentialId',
    {
      schema: {
        tags,
        summary: 'Remove one of my passkeys (anyone else’s: 404)',
        params: PasskeyParams,
        response: { 204: NoContent, ...AUTH_ERRORS },
      },
    },
    async (request, reply) => {
      await security.removePasskey({ ...(await me(request)), ...request.params })
      return reply.status(204).send(null)
    },
  )
}

async function confirmationRoutes(app: HttpApp, deps: SecurityRoutesDeps): Promise<void> {
  const { security } = deps
  const me = callerOf(deps)
  app.post(
    '/api/v1/me/payment-challenges',
    {
      schema: schema(
        'A single-use passkey challenge for amountFen',
        PaymentChallenge,
        PaymentChallengeRequest,
      ),
    },
    async (request) => {
      const { userId } = await me(request)
      const origin = relyingPartyOrigin(request)
      return security.createPaymentChallenge({ userId, amountFen: request.body.amountFen, origin })
    },
  )
  app.put(
    '/api/v1/me/second-factor',
    {
      schema: schema(
        'SMS code on every payment (二次验证) on or off',
        UserView,
        SecondFactorRequest,
      ),
    },
    async (request) => {
      return toUserView(await security.setSecondFactor({ ...(await me(request)), ...request.body }))
    },
  )
  app.post(
    '/api/v1/me/payment-confirmations',
    {
      schema: schema(
        'Dry run: moves no money, uses a credential',
        PaymentConfirmation,
        PaymentConfirmationRequest,
      ),
    },
    async (request) => {
      const { body } = request
      return security.confirmPayment({
        ...(await me(request)),
        amountFen: body.amountFen,
        purpose: body.purpose,
        countsAgainstBalanceLimit: BALANCE_PURPOSES.has(body.purpose),
        method: body.method,
        ...(body.smsCode !== undefined ? { smsCode: body.smsCode } : {}),
      })
    },
  )
}
