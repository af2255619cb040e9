import { translate } from './i18n'
import type { Lang, MessageKey, MessageVars } from './i18n'
import type { Localized as LocalizedText } from '@contract/common'

/** Text the server (or this client) gives in both languages; show `text[lang]`. */
export type { Localized as LocalizedText } from '@contract/common'

export type ApiMethod = 'GET' | 'POST' | 'PUT' | 'DELETE'

export const API_TIMEOUT_MS = 20_000

/** Codes this client makes up itself when there is no server answer to show. */
export type ClientErrorCode = 'NETWORK_ERROR' | 'TIMEOUT' | 'BAD_RESPONSE'

/**
 * A failed API call. `code` is the server's stable code (or a ClientErrorCode), `localized` the
 * message to show, `details` the server's extra facts (attemptsLeft, retryAfterSeconds, …).
 */
export class ApiError extends Error {
  override readonly name = 'ApiError'
  readonly status: number
  readonly code: string
  readonly localized: LocalizedText
  readonly details: Readonly<Record<string, unknown>>

  constructor(
    status: number,
    code: string,
    localized: LocalizedText,
    details: Record<string, unknown> = {},
  ) {
    super(`${code}: ${localized.en}`)
    this.status = status
    this.code = code
    this.localized = localized
    this.details = details
  }

  /** A number from `details`, or undefined when absent or not a number. */
  detailNumber(name: string): number | undefined {
    const value = this.details[name]
    return typeof value === 'number' && Number.isFinite(value) ? value : undefined
  }

  detailString(name: string): string | undefined {
    const value = this.details[name]
    return typeof value === 'string' ? value : undefined
  }
}

function bothLangs(key: MessageKey, vars?: MessageVars): LocalizedText {
  return { zh: translate('zh', key, vars), en: translate('en', key, vars) }
}

function clientError(status: number, code: ClientErrorCode, key: MessageKey, vars?: MessageVars) {
  return new ApiError(status, code, bothLangs(key, vars))
}

/** A failure found by this client before asking the server (a malformed phone, say). */
export function localError(code: string, key: MessageKey, vars?: MessageVars): ApiError {
  return new ApiError(0, code, bothLangs(key, vars))
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isLocalizedText(value: unknown): value is LocalizedText {
  return isRecord(value) && typeof value.zh === 'string' && typeof value.en === 'string'
}

// A body that is not the server's error shape (a proxy's HTML page, say) gets a generic message
// rather than being shown raw.
function errorFromBody(status: number, body: unknown): ApiError {
  if (isRecord(body) && typeof body.code === 'string' && isLocalizedText(body.message)) {
    const details = isRecord(body.details) ? body.details : {}
    return new ApiError(status, body.code, body.message, details)
  }
  return clientError(status, 'BAD_RESPONSE', 'error.badResponse', { status })
}

type UnauthenticatedListener = () => void
const unauthenticatedListeners = new Set<UnauthenticatedListener>()

/**
 * Called whenever the server answers 401: the app's session holder listens and shows the
 * sign-in page, so no page has to handle an expired session itself.
 */
export function onUnauthenticated(listener: UnauthenticatedListener): () => void {
  unauthenticatedListeners.add(listener)
  return () => unauthenticatedListeners.delete(listener)
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text()
  if (text === '') return undefined
  try {
    return JSON.parse(text) as unknown
  } catch {
    return text
  }
}

/**
 * Calls the JSON API with the session cookie. Resolves with the parsed body (undefined for 204);
 * rejects with an ApiError for every failure, including network errors and timeouts.
 *
 * The type parameter is the route's response schema: the server serializes every response through
 * that schema, so the body is trusted to have that shape.
 */
export async function apiRequest<T>(method: ApiMethod, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' }
  if (body !== undefined) headers['content-type'] = 'application/json'
  let response: Response
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      cache: 'no-store',
      body: body === undefined ? null : JSON.stringify(body),
      signal: AbortSignal.timeout(API_TIMEOUT_MS),
    })
  } catch (error) {
    if (error instanceof DOMException && error.name === 'TimeoutError') {
      throw clientError(0, 'TIMEOUT', 'error.timeout', { seconds: API_TIMEOUT_MS / 1000 })
    }
    throw clientError(0, 'NETWORK_ERROR', 'error.network')
  }
  const parsed = await readBody(response)
  if (!response.ok) {
    const error = errorFromBody(response.status, parsed)
    if (response.status === 401) unauthenticatedListeners.forEach((listener) => listener())
    throw error
  }
  return parsed as T
}

export const api = {
  get: <T>(path: string) => apiRequest<T>('GET', path),
  post: <T>(path: string, body?: unknown) => apiRequest<T>('POST', path, body ?? {}),
  put: <T>(path: string, body: unknown) => apiRequest<T>('PUT', path, body),
  delete: <T = undefined>(path: string) => apiRequest<T>('DELETE', path),
}

/** What to show for any thrown value: the server's message in `lang`, never a bare code. */
export function errorMessage(error: unknown, lang: Lang): string {
  if (error instanceof ApiError) return error.localized[lang]
  return translate(lang, 'error.unexpected')
}

/** `?a=1&b=2` from a record, skipping empty values. */
export function queryString(params: Readonly<Record<string, string | undefined>>): string {
  const search = new URLSearchParams()
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(name, value)
  }
  const text = search.toString()
  return text === '' ? '' : `?${text}`
}
