/**
 * @module assert
 * The bank simulator is its own program (it stands in for six banks), so it carries its own tiny
 * assertion helpers rather than importing the wallet's. A failed assertion is a bug: it is never
 * turned into an API error code.
 */

export class AssertionError extends Error {
  override readonly name = 'AssertionError'
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new AssertionError(message)
}

/** Money is integer fen. Amounts moved are positive; balances may be zero. */
export function assertAmountFen(value: unknown, what: string): asserts value is number {
  assert(
    typeof value === 'number' && Number.isSafeInteger(value) && value > 0,
    `${what} must be a positive safe integer of fen, got ${String(value)}`,
  )
}

export function assertSafeInteger(value: unknown, what: string): asserts value is number {
  assert(
    typeof value === 'number' && Number.isSafeInteger(value),
    `${what} must be a safe integer, got ${String(value)}`,
  )
}

export function assertNever(value: never, what: string): never {
  throw new AssertionError(`unexpected ${what}: ${String(value)}`)
}
