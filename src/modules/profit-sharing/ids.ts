/**
 * Identifiers in WeChat's forms: order_id and return_id 28 digits like 3008450740201411110007820472
 * (30 / 31 + the Shanghai date + random digits), detail_id 36 + the date + random digits.
 */
import { createHash } from 'node:crypto'
import { randomDigits } from '../../shared/crypto.ts'
import { shanghaiDate } from '../../shared/shanghai-time.ts'

function dated(prefix: string, nowMs: number, digits: number): string {
  return `${prefix}${shanghaiDate(nowMs).replaceAll('-', '')}${randomDigits(digits)}`
}

export const newSharingOrderId = (nowMs: number) => dated('30', nowMs, 18)
export const newReturnId = (nowMs: number) => dated('31', nowMs, 18)
export const newDetailId = (nowMs: number) => dated('36', nowMs, 18)

/** The same request always hashes the same: a retry with other content is a conflict. */
export function contentHash(parts: readonly unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 22)
}
