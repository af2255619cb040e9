/** Keyset cursors over (created_at DESC, id DESC): opaque to clients, checked when read back. */
import { DomainError } from '../../shared/errors.ts'

export const PAGE_SIZE_DEFAULT = 20

export interface Keyset {
  atMs: number
  id: string
}

export function encodeCursor(key: Keyset): string {
  return Buffer.from(`${key.atMs}:${key.id}`, 'utf8').toString('base64url')
}

export function decodeCursor(cursor: string | undefined): Keyset | undefined {
  if (cursor === undefined || cursor === '') return undefined
  const text = Buffer.from(cursor, 'base64url').toString('utf8')
  const match = /^(\d{1,15}):([\w-]{1,64})$/.exec(text)
  if (match === null) throw new DomainError('INVALID_REQUEST', { field: 'cursor' })
  return { atMs: Number(match[1]), id: match[2] as string }
}

export function pageLimit(limit: number | undefined, maximum: number): number {
  if (limit === undefined) return PAGE_SIZE_DEFAULT
  if (!Number.isInteger(limit) || limit < 1 || limit > maximum) {
    throw new DomainError('INVALID_REQUEST', { field: 'limit', maximum })
  }
  return limit
}
