/** Sign-up/sign-in by SMS code: sending the code, opening a session, signing this device out. */
import type { Config } from '../../config.ts'
import type {
  IdentityService,
  SmsPurpose as ModuleSmsPurpose,
} from '../../modules/identity/index.ts'
import { authenticate, deviceId, deviceName, SESSION_COOKIE } from '../auth.ts'
import { AUTH_ERRORS, NoContent, type Same } from '../contract/common.ts'
import {
  SignInRequest,
  SignInResult,
  SmsCodeRequest,
  SmsCodeSent,
  type SmsPurpose,
} from '../contract/sign-in.ts'
import type { HttpApp } from '../server.ts'
import { toUserView } from './profile.ts'

const tags = ['identity']
const SESSION_COOKIE_MAX_AGE_SECONDS = 30 * 24 * 3600
const smsPurposesMatch: Same<SmsPurpose, ModuleSmsPurpose> = true
void smsPurposesMatch

export interface SignInRoutesDeps {
  identity: IdentityService
  config: Pick<Config, 'cookieSecure'>
}

export async function signInRoutes(app: HttpApp, deps: SignInRoutesDeps): Promise<void> {
  await smsCodeRoutes(app, deps)
  await sessionRoutes(app, deps)
}

async function smsCodeRoutes(app: HttpApp, { identity }: SignInRoutesDeps): Promise<void> {
  app.post(
    '/api/v1/sms-codes',
    {
      schema: {
        tags,
        summary: 'Send a 6-digit SMS code (5 min, one resend per 60 s, rate limited)',
        body: SmsCodeRequest,
        response: { 200: SmsCodeSent, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const caller = await authenticate(request, identity).catch(() => undefined)
      return identity.requestSmsCode({
        phone: request.body.phone,
        purpose: request.body.purpose,
        ip: request.ip,
        ...(caller ? { userId: caller.user.id } : {}),
      })
    },
  )
}

async function sessionRoutes(app: HttpApp, { identity, config }: SignInRoutesDeps): Promise<void> {
  app.post(
    '/api/v1/sessions',
    {
      schema: {
        tags,
        summary: 'Sign in (or sign up) with phone + SMS code; sets the session cookie',
        description:
          'Each try of a code is counted before it is compared: the 5th burns the code ' +
          '(SMS_CODE_BURNED, even for the right code); a new one may be requested at once.',
        body: SignInRequest,
        response: { 200: SignInResult, ...AUTH_ERRORS },
      },
    },
    async (request, reply) => {
      const result = await identity.signIn({
        phone: request.body.phone,
        code: request.body.code,
        deviceId: deviceId(request, reply, config.cookieSecure),
        deviceName: deviceName(request, request.body.deviceName),
        ip: request.ip,
      })
      void reply.setCookie(SESSION_COOKIE, result.token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: config.cookieSecure,
        path: '/',
        maxAge: SESSION_COOKIE_MAX_AGE_SECONDS,
      })
      return {
        token: result.token,
        sessionId: result.session.id,
        user: toUserView(result.user),
        created: result.created,
        newDevice: result.newDevice,
      }
    },
  )

  app.delete(
    '/api/v1/sessions/current',
    {
      schema: {
        tags,
        summary: 'Sign out this device',
        response: { 204: NoContent, ...AUTH_ERRORS },
      },
    },
    async (request, reply) => {
      const { user, session } = await authenticate(request, identity)
      await identity.signOut(user.id, session.id)
      void reply.clearCookie(SESSION_COOKIE, { path: '/' })
      return reply.status(204).send(null)
    },
  )
}
