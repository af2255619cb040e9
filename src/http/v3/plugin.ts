/**
 * The `/v3` scope on the wire: raw bodies kept for signature checks, every request
 * authenticated (reference §2), every response signed (§3) — 2xx, 204 and errors alike — with
 * a WeChat-shaped `Request-ID`, and errors in the v3 form. Endpoints register inside it through
 * `V3Scope` (paths relative to `/v3`) and read the authenticated merchant from `request.v3Merchant`.
 */
import { randomBytes } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Clock } from '../../adapters/clock/index.ts'
import {
  type MerchantApi,
  parseMchidFromAuthorization,
  V3Error,
} from '../../modules/merchant-api/index.ts'
import type { HttpApp } from '../server.ts'
import { createMerchantRateLimiter } from './rate-limit.ts'
import { handleV3Error } from './v3-errors.ts'

declare module 'fastify' {
  interface FastifyRequest {
    /** The raw body text as received (signatures cover these exact bytes). */
    v3RawBody: string
    /** The merchant the request was signed by (set by the auth hook). */
    v3Merchant: string | null
  }
}

export interface V3Deps {
  merchantApi: MerchantApi
  clock: Clock
  rateLimit?: { perSecond: number; burst: number }
}

export type V3Scope = HttpApp

const DEFAULT_RATE_LIMIT = { perSecond: 200, burst: 400 }

/** Download paths whose answers are files, not signed JSON (reference §3.1). */
const UNSIGNED_PREFIXES = ['/v3/billdownload/file']

export async function v3Plugin(
  app: HttpApp,
  deps: V3Deps,
  registerEndpoints: (scope: V3Scope) => Promise<void>,
  /** '/v3', or '/sandbox/v1' for the sandbox's controls (signed the same way). */
  prefix = '/v3',
): Promise<void> {
  const limiter = createMerchantRateLimiter(deps.clock, deps.rateLimit ?? DEFAULT_RATE_LIMIT)
  await app.register(
    async (scope: HttpApp) => {
      scope.decorateRequest('v3RawBody', '')
      scope.decorateRequest('v3Merchant', null)
      scope.removeAllContentTypeParsers()
      scope.addContentTypeParser('*', { parseAs: 'string' }, (request, body, done) => {
        const text = body as string
        request.v3RawBody = text
        if (text.length === 0) return done(null, undefined)
        try {
          done(null, JSON.parse(text))
        } catch {
          done(
            new V3Error(400, 'PARAM_ERROR', '请求体不是有效的 JSON / the body is not valid JSON'),
          )
        }
      })
      scope.setErrorHandler(handleV3Error)
      // One not-found handler per prefix: several sandbox files may each open a /sandbox scope.
      if (prefix === '/v3')
        scope.setNotFoundHandler((request, reply) => {
          void reply.status(404).send(
            new V3Error(404, 'NOT_FOUND', '接口不存在 / no such endpoint', {
              path: request.url.split('?')[0],
            }).toBody(),
          )
        })
      scope.addHook('onRequest', async (_request, reply) => {
        void reply.header('Request-ID', `${randomBytes(22).toString('hex').toUpperCase()}-0`)
      })
      scope.addHook('preValidation', async (request) => {
        const { merchantId } = await deps.merchantApi.authenticate({
          method: request.method,
          url: request.raw.url ?? request.url,
          authorization: request.headers.authorization,
          body: request.v3RawBody,
        })
        request.v3Merchant = merchantId
        if (!limiter.take(merchantId)) {
          throw new V3Error(429, 'FREQUENCY_LIMITED', '请求频率超限 / too many requests, slow down')
        }
      })
      scope.addHook('onSend', async (request, reply, payload) =>
        signReply(deps, request, reply, payload),
      )
      await registerEndpoints(scope)
    },
    { prefix },
  )
}

async function signReply(
  deps: V3Deps,
  request: FastifyRequest,
  reply: FastifyReply,
  payload: unknown,
): Promise<unknown> {
  const path = (request.raw.url ?? request.url).split('?')[0] ?? ''
  if (reply.statusCode < 300 && UNSIGNED_PREFIXES.some((prefix) => path.startsWith(prefix))) {
    return payload
  }
  // A failed authentication still names its merchant: sign with that merchant's key if it has one.
  const merchantId =
    request.v3Merchant ?? parseMchidFromAuthorization(request.headers.authorization)
  if (merchantId === undefined) return payload
  const body = reply.statusCode === 204 || payload == null ? '' : String(payload)
  const requested = request.headers['wechatpay-serial']
  const headers = await deps.merchantApi.sign(
    merchantId,
    typeof requested === 'string' ? requested : undefined,
    body,
  )
  if (headers !== undefined) void reply.headers({ ...headers })
  if (body !== '') void reply.header('content-type', 'application/json; charset=utf-8')
  return payload
}
