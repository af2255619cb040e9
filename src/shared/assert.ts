/**
 * @module assert
 * Assertions catch programmer errors (TigerStyle): they are never caught and never turned into
 * an API error code. Operating errors (not enough money, frozen account) are `DomainError`s.
 */

export class AssertionError extends Error {
  override readonly name = 'AssertionError'
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new AssertionError(message)
}

/** Asserts that `value` is an integer that JavaScript represents exactly (|n| < 2^53). */
export function assertSafeInteger(value: unknown, what: string): asserts value is number {
  assert(
    typeof value === 'number' && Number.isSafeInteger(value),
    `${what} must be a safe integer, got ${String(value)}`,
  )
}

export function assertNever(value: never, what: string): never {
  throw new AssertionError(`unexpected ${what}: ${String(value)}`)
}
