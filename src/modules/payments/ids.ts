/**
 * Identifiers: payment ids are 28 digits like WeChat Pay's transaction_id (4200 + the Shanghai
 * date + 16 random digits), so the v3 API hands them out unchanged; order ids, order tokens and
 * static codes are unguessable (they sit in URLs and QR codes).
 */
import { createHash, randomInt } from 'node:crypto'
import { randomDigits, randomId, randomToken } from '../../shared/crypto.ts'
import { shanghaiDate } from '../../shared/shanghai-time.ts'

export function newPaymentId(nowMs: number): string {
  return `4200${shanghaiDate(nowMs).replaceAll('-', '')}${randomDigits(16)}`
}

export function newOrderId(): string {
  return randomId('ord', 20)
}

/** 128 bits: the order's QR URL is the only thing a payer needs, so it must not be guessable. */
export function newOrderToken(): string {
  return randomToken(16)
}

export function newStaticCode(): string {
  return randomToken(12)
}

/** 18 digits, 10–15 first (wallet-rules.md §1.6): 1, then 0–5, then 16 random digits. */
export function newPaymentCode(): string {
  return `1${randomInt(6)}${randomDigits(16)}`
}

export function codeHash(code: string): string {
  return createHash('sha256').update(`paycode:${code}`).digest('base64url')
}

/** The same request always hashes the same: a retry with other content is a conflict. */
export function contentHash(parts: readonly unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 22)
}
