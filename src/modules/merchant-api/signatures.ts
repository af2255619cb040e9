/**
 * The v3 signature scheme (reference §2–§3): SHA256withRSA over line-feed-joined fields, every
 * line ending in `\n`. Requests are signed by the merchant's API key over
 * METHOD, URL (raw path + query), TIMESTAMP, NONCE, BODY; responses and notifications by a
 * platform key over TIMESTAMP, NONCE, BODY.
 */
import { createSign, createVerify, randomBytes } from 'node:crypto'

export const AUTHORIZATION_SCHEME = 'WECHATPAY2-SHA256-RSA2048'
const AUTHORIZATION_LENGTH_MAX = 2048
const AUTHORIZATION_FIELDS = ['mchid', 'nonce_str', 'signature', 'timestamp', 'serial_no'] as const
export type AuthorizationField = (typeof AUTHORIZATION_FIELDS)[number]
export type Authorization = Record<AuthorizationField, string>

/** Why a header could not be read: `missing` names the absent or empty field. */
export type AuthorizationParse =
  { ok: true; authorization: Authorization } | { ok: false; issue: string }

/** Order-free `key="value"` pairs after the scheme, tolerant of spaces around commas. */
export function parseAuthorization(header: string | undefined): AuthorizationParse {
  if (header === undefined || header.length === 0) return { ok: false, issue: 'missing' }
  if (header.length > AUTHORIZATION_LENGTH_MAX) return { ok: false, issue: 'too long' }
  const space = header.indexOf(' ')
  if (space < 0 || header.slice(0, space) !== AUTHORIZATION_SCHEME) {
    return { ok: false, issue: `scheme is not ${AUTHORIZATION_SCHEME}` }
  }
  const values = new Map<string, string>()
  const pair = /\s*([a-z_]+)="([^"]*)"\s*(?:,|$)/gy
  const rest = header.slice(space + 1)
  let match: RegExpExecArray | null
  let consumed = 0
  while ((match = pair.exec(rest)) !== null) {
    values.set(match[1] as string, match[2] as string)
    consumed = pair.lastIndex
    if (consumed === rest.length) break
  }
  if (consumed !== rest.length) return { ok: false, issue: 'malformed key="value" list' }
  const authorization: Partial<Authorization> = {}
  for (const field of AUTHORIZATION_FIELDS) {
    const value = values.get(field)
    if (value === undefined || value.length === 0) return { ok: false, issue: `${field} missing` }
    authorization[field] = value
  }
  return { ok: true, authorization: authorization as Authorization }
}

export function requestSignMessage(
  method: string,
  url: string,
  timestamp: string,
  nonce: string,
  body: string,
): string {
  return `${method}\n${url}\n${timestamp}\n${nonce}\n${body}\n`
}

export function responseSignMessage(timestamp: string, nonce: string, body: string): string {
  return `${timestamp}\n${nonce}\n${body}\n`
}

export function signSha256WithRsa(message: string, privateKeyPem: string): string {
  return createSign('RSA-SHA256').update(message).sign(privateKeyPem, 'base64')
}

export function verifySha256WithRsa(
  message: string,
  signatureBase64: string,
  publicKeyPem: string,
): boolean {
  try {
    return createVerify('RSA-SHA256')
      .update(message)
      .verify(publicKeyPem, Buffer.from(signatureBase64, 'base64'))
  } catch {
    return false
  }
}

/** 32 hex characters, the shape WeChat's own nonces have. */
export function newNonce(): string {
  return randomBytes(16).toString('hex')
}

/** The mchid a request claims, read without trusting the rest (to sign even a refusal). */
export function parseMchidFromAuthorization(header: string | undefined): string | undefined {
  const parsed = parseAuthorization(header)
  if (!parsed.ok) return undefined
  return /^[1-9][0-9]{9}$/.test(parsed.authorization.mchid) ? parsed.authorization.mchid : undefined
}
