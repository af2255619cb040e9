/**
 * Who is calling: a session token from the HttpOnly cookie (web app) or `Authorization: Bearer`
 * (API clients). Handlers call `authenticate` explicitly, so every route says whether it needs
 * a user.
 */
import type { FastifyReply, FastifyRequest } from 'fastify'
import { randomToken } from '../shared/crypto.ts'
import { DomainError } from '../shared/errors.ts'
import type { IdentityService, Session, User } from '../modules/identity/index.ts'

export const SESSION_COOKIE = 'lq_session'
export const DEVICE_COOKIE = 'lq_device'
const DEVICE_ID_PATTERN = /^[A-Za-z0-9_-]{16,64}$/

/** A bearer token from `Authorization`, else the named HttpOnly cookie. */
export function bearerOrCookie(request: FastifyRequest, cookieName: string): string | undefined {
  const header = request.headers.authorization
  if (typeof header === 'string' && header.startsWith('Bearer ')) return header.slice(7).trim()
  const cookie = request.cookies[cookieName]
  return typeof cookie === 'string' && cookie.length > 0 ? cookie : undefined
}

export function sessionToken(request: FastifyRequest): string | undefined {
  return bearerOrCookie(request, SESSION_COOKIE)
}

/**
 * The writes a frozen account (挂失 or by an operator) may still do: appeal and sign out. Every
 * other non-GET route answers ACCOUNT_FROZEN, so a new route is frozen by default.
 */
export const FROZEN_ALLOWED_WRITES: ReadonlySet<string> = new Set([
  'POST /api/v1/me/appeals',
  'DELETE /api/v1/sessions/current',
  'DELETE /api/v1/me/sessions/:sessionId',
  'DELETE /api/v1/me/sessions',
  // Signed-out flows: a frozen user's token changes nothing there.
  'POST /api/v1/sessions',
  'POST /api/v1/sms-codes',
  'POST /api/v1/freeze',
])

const READ_METHODS = new Set(['GET', 'HEAD'])

function isFrozenWrite(request: FastifyRequest, user: User): boolean {
  if (user.status !== 'frozen' || READ_METHODS.has(request.method)) return false
  return !FROZEN_ALLOWED_WRITES.has(`${request.method} ${request.routeOptions.url ?? ''}`)
}

/**
 * Who sent a request, looked up once per request: the frozen-write check (preValidation) and the
 * route's authenticate share it, which saves a payment two of its statements (bench
 * payments-profile). Undefined without a live session.
 */
const signedInByRequest = new WeakMap<
  FastifyRequest,
  Promise<{ user: User; session: Session } | undefined>
>()

function signedIn(
  request: FastifyRequest,
  identity: IdentityService,
): Promise<{ user: User; session: Session } | undefined> {
  const known = signedInByRequest.get(request)
  if (known !== undefined) return known
  const lookup = (async () => {
    const token = sessionToken(request)
    const session = token === undefined ? undefined : await identity.resolveSession(token)
    if (session === undefined) return undefined
    return { user: await identity.getUser(session.userId), session }
  })()
  signedInByRequest.set(request, lookup)
  return lookup
}

/**
 * preValidation: a frozen user's write is refused before its body is even validated, so the
 * answer does not depend on the route checking it (authenticate checks again).
 */
export function refuseFrozenWrites(identity: IdentityService) {
  return async (request: FastifyRequest): Promise<void> => {
    if (READ_METHODS.has(request.method)) return
    const caller = await signedIn(request, identity)
    if (caller !== undefined && isFrozenWrite(request, caller.user))
      throw new DomainError('ACCOUNT_FROZEN')
  }
}

export async function authenticate(
  request: FastifyRequest,
  identity: IdentityService,
): Promise<{ user: User; session: Session }> {
  const caller = await signedIn(request, identity)
  if (caller === undefined) throw new DomainError('UNAUTHENTICATED')
  if (isFrozenWrite(request, caller.user)) throw new DomainError('ACCOUNT_FROZEN')
  return caller
}

/** The caller's device id: header for API clients, a long-lived cookie for browsers. */
export function deviceId(request: FastifyRequest, reply: FastifyReply, secure: boolean): string {
  const header = request.headers['x-device-id']
  if (typeof header === 'string' && DEVICE_ID_PATTERN.test(header)) return header
  const cookie = request.cookies[DEVICE_COOKIE]
  if (typeof cookie === 'string' && DEVICE_ID_PATTERN.test(cookie)) return cookie
  const created = randomToken(18)
  void reply.setCookie(DEVICE_COOKIE, created, {
    httpOnly: true,
    sameSite: 'strict',
    secure,
    path: '/',
    maxAge: 5 * 365 * 24 * 3600,
  })
  return created
}

/** A readable device label from the user agent when the client gives none. */
export function deviceName(request: FastifyRequest, given: string | undefined): string {
  if (given !== undefined && given.trim().length > 0) return given.trim().slice(0, 64)
  const agent = request.headers['user-agent'] ?? ''
  const platform =
    /iPhone|iPad|Android|Windows|Macintosh|Linux/.exec(agent)?.[0] ?? 'Unknown device'
  const browser = /Edg|Chrome|Firefox|Safari|MicroMessenger/.exec(agent)?.[0] ?? 'client'
  return `${platform} · ${browser}`
}
