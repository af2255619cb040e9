/**
 * The edge: what every request passes before any route runs, and what every response carries.
 * - Strings with NUL or malformed Unicode (lone surrogates, bad percent-encoded UTF-8) are
 *   refused with 400 INVALID_REQUEST: PostgreSQL rejects them with a 500-shaped error otherwise.
 * - Browser security headers on every response; `Cache-Control: no-store` on API responses.
 * - `/metrics` only to loopback or with the configured token; `/api/v1/dev/*` only to loopback.
 */
import type { FastifyRequest } from 'fastify'
import { DomainError } from '../shared/errors.ts'

/** Nesting deeper than this is refused: the walk below must be bounded. */
const DEPTH_MAX = 32

/** The apps' policy: no inline scripts (Vite emits module files), inline styles for React. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

/** NUL, or UTF-16 that is not well formed (a lone surrogate). */
export function isUnsafeText(text: string): boolean {
  return text.includes('\u0000') || !(text as WellFormedText).isWellFormed()
}

// String.prototype.isWellFormed is in Node 20; the ES2023 lib types predate it.
type WellFormedText = string & { isWellFormed(): boolean }

/** The first path (e.g. `body.name`) holding unsafe text, or undefined. */
export function findUnsafeText(value: unknown, path: string, depth = 0): string | undefined {
  if (depth > DEPTH_MAX) return path
  if (typeof value === 'string') return isUnsafeText(value) ? path : undefined
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const found = findUnsafeText(value[index], `${path}[${index}]`, depth + 1)
      if (found !== undefined) return found
    }
    return undefined
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (isUnsafeText(key)) return `${path}.<key>`
      const found = findUnsafeText(inner, `${path}.${key}`, depth + 1)
      if (found !== undefined) return found
    }
  }
  return undefined
}

/** preValidation: refuse unsafe text in params, query and body before anything reads them. */
export async function refuseUnsafeText(request: FastifyRequest): Promise<void> {
  const field =
    findBadPercentEncoding(request.url) ??
    findUnsafeText(request.params, 'params') ??
    findUnsafeText(request.query, 'query') ??
    findUnsafeText(request.body, 'body')
  if (field !== undefined) throw new DomainError('INVALID_REQUEST', { field, reason: 'text' })
}

/** The query parser replaces invalid percent-encoded UTF-8 silently: check the raw text. */
function findBadPercentEncoding(url: string): string | undefined {
  const queryStart = url.indexOf('?')
  if (queryStart < 0) return undefined
  try {
    decodeURIComponent(url.slice(queryStart + 1))
    return undefined
  } catch {
    return 'query'
  }
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1'])

export function isLoopback(address: string | undefined): boolean {
  return address !== undefined && (LOOPBACK.has(address) || address.startsWith('127.'))
}

export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || isLoopback(host)
}

/**
 * The JSAPI pay page is opened as a pop-up by a merchant's page (/pay/jsbridge.js) and reports
 * the outcome to it through `window.opener`: only that page keeps its opener.
 */
const OPENER_KEPT_PATHS = ['/pay/jsapi']

/** The headers every response carries. */
export function securityHeaders(url = ''): Record<string, string> {
  const path = url.split('?', 1)[0] ?? ''
  return {
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': OPENER_KEPT_PATHS.includes(path) ? 'unsafe-none' : 'same-origin',
  }
}

const SESSION_COOKIE_NAMES = ['lq_session', 'lq_admin_session']

/**
 * onRequest: a cookie-authenticated write from another origin is refused (defence beside
 * SameSite=Strict). Bearer-token clients and requests without Origin (non-browser) pass.
 */
export async function refuseCrossOriginCookieWrites(request: FastifyRequest): Promise<void> {
  if (request.method === 'GET' || request.method === 'HEAD') return
  const origin = request.headers.origin
  if (origin === undefined || request.headers.authorization?.startsWith('Bearer ')) return
  const cookies = request.headers.cookie ?? ''
  if (!SESSION_COOKIE_NAMES.some((name) => cookies.includes(`${name}=`))) return
  let originHost: string | undefined
  try {
    originHost = new URL(origin).host
  } catch {
    originHost = undefined
  }
  if (originHost === undefined || originHost !== request.headers.host)
    throw new DomainError('FORBIDDEN', { reason: 'origin' })
}
