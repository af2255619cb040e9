/**
 * Validates a transfer request in TypeScript (so most bad input never reaches the database) and
 * encodes it as the compact JSON item the ledger functions take. The database checks the
 * same rules again; this layer exists to give precise errors cheaply.
 */
import { createHash } from 'node:crypto'
import { assert, assertNever } from '../../shared/assert.ts'
import type { ErrorCode } from '../../shared/errors.ts'
import { LIMITS } from '../../shared/limits.ts'
import { isValidAmountFen } from '../../shared/money.ts'
import { TRANSFER_CODES, type TransferLeg, type TransferRequest } from './ledger-types.ts'

/**
 * The wire shape of one transfer for the ledger functions (short keys: it is hot). The SQL side
 * reads the same keys, described in migrations/functions/ledger_create_transfers.sql.
 */
export interface TransferItem {
  /** Idempotency key. */
  k: string
  /** Request hash: a retry with the same key and another hash is IDEMPOTENCY_CONFLICT. */
  h: string
  /** Kind: posted, pending, post, void or expire. */
  t: TransferRequest['kind']
  /** Transfer code (TRANSFER_CODES; POST/VOID/EXPIRE for resolutions). */
  c: string
  /** Legs as [debit account id, credit account id, amount fen] (posted and pending). */
  l?: [number, number, number][]
  /** The pending transfer's id (post, void, expire). */
  p?: number
  /** Amount fen to post (post; absent: the whole pending amount). */
  a?: number
  /** Pending timeout, an ISO time (pending). */
  o?: string
  /** Metadata, stored as given. */
  m?: Record<string, unknown>
}

export type EncodeResult =
  { ok: true; item: TransferItem } | { ok: false; code: ErrorCode; reason: string }

const CODE_SET = new Set<string>(TRANSFER_CODES)
const KEY_PATTERN = /^[\x21-\x7e]+$/

export function encodeTransfer(request: TransferRequest, nowMs: number): EncodeResult {
  const key = request.idempotencyKey
  if (typeof key !== 'string' || key.length === 0 || key.length > LIMITS.idempotencyKeyLengthMax) {
    return invalid(
      'INVALID_REQUEST',
      `idempotencyKey must be 1..${LIMITS.idempotencyKeyLengthMax} characters`,
    )
  }
  if (!KEY_PATTERN.test(key))
    return invalid('INVALID_REQUEST', 'idempotencyKey must be printable ASCII')
  if (request.metadata !== undefined) {
    const bytes = Buffer.byteLength(JSON.stringify(request.metadata))
    if (bytes > LIMITS.transferMetadataBytesMax)
      return invalid('INVALID_REQUEST', 'metadata too large')
  }
  const item = encodeBody(request, nowMs)
  if (!item.ok) return item
  // The hash covers everything but the key and the timeout's absolute time, so a retry made
  // later (same relative timeout) is still recognised as the same request.
  const hashed = {
    ...item.item,
    o: request.kind === 'pending' ? (request.timeoutMs ?? null) : null,
  }
  item.item.h = createHash('sha256').update(JSON.stringify(hashed)).digest('base64url').slice(0, 22)
  return item
}

function encodeBody(request: TransferRequest, nowMs: number): EncodeResult {
  const base = { k: request.idempotencyKey, h: '', t: request.kind } as const
  const metadata = request.metadata === undefined ? {} : { m: request.metadata }
  switch (request.kind) {
    case 'posted':
    case 'pending': {
      if (!CODE_SET.has(request.code))
        return invalid('INVALID_REQUEST', `unknown code ${request.code}`)
      const legs = encodeLegs(request.legs)
      if (!legs.ok) return legs
      let timeout = {}
      if (request.kind === 'pending' && request.timeoutMs !== undefined) {
        const timeoutMs = request.timeoutMs
        if (
          !Number.isSafeInteger(timeoutMs) ||
          timeoutMs <= 0 ||
          timeoutMs > LIMITS.pendingTimeoutMsMax
        ) {
          return invalid('INVALID_REQUEST', 'timeoutMs must be a positive integer up to 30 days')
        }
        timeout = { o: new Date(nowMs + timeoutMs).toISOString() }
      }
      return { ok: true, item: { ...base, c: request.code, l: legs.legs, ...timeout, ...metadata } }
    }
    case 'post': {
      if (!isPositiveId(request.pendingId)) return invalid('INVALID_REQUEST', 'pendingId')
      if (request.amountFen !== undefined && !isValidAmountFen(request.amountFen)) {
        return invalid('INVALID_AMOUNT', 'amountFen')
      }
      const amount = request.amountFen === undefined ? {} : { a: request.amountFen }
      return {
        ok: true,
        item: { ...base, c: 'POST', p: request.pendingId, ...amount, ...metadata },
      }
    }
    case 'void':
    case 'expire': {
      if (!isPositiveId(request.pendingId)) return invalid('INVALID_REQUEST', 'pendingId')
      const code = request.kind === 'void' ? 'VOID' : 'EXPIRE'
      return { ok: true, item: { ...base, c: code, p: request.pendingId, ...metadata } }
    }
    default:
      return assertNever(request, 'transfer kind')
  }
}

type EncodedLegs =
  { ok: true; legs: [number, number, number][] } | { ok: false; code: ErrorCode; reason: string }

function encodeLegs(legs: TransferLeg[]): EncodedLegs {
  if (!Array.isArray(legs) || legs.length === 0 || legs.length > LIMITS.transferLegsMax) {
    return invalid('INVALID_REQUEST', `a transfer has 1..${LIMITS.transferLegsMax} legs`)
  }
  const encoded: [number, number, number][] = []
  for (const leg of legs) {
    if (!isValidAmountFen(leg.amountFen)) return invalid('INVALID_AMOUNT', 'amountFen')
    if (!isPositiveId(leg.debitAccountId) || !isPositiveId(leg.creditAccountId)) {
      return invalid('INVALID_REQUEST', 'account ids must be positive integers')
    }
    if (leg.debitAccountId === leg.creditAccountId) {
      return invalid('INVALID_REQUEST', 'a leg must move money between two different accounts')
    }
    encoded.push([leg.debitAccountId, leg.creditAccountId, leg.amountFen])
  }
  assert(encoded.length === legs.length, 'every leg encoded')
  return { ok: true, legs: encoded }
}

function isPositiveId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0
}

function invalid(code: ErrorCode, reason: string): { ok: false; code: ErrorCode; reason: string } {
  return { ok: false, code, reason }
}
