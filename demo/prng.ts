/**
 * @module prng
 * A tiny seeded PRNG (mulberry32) so the simulated population is the same on every machine and
 * every run: the wallet's identity adapter and the bank simulator must agree on it.
 */
import { assert } from '../src/shared/assert.ts'

export interface Prng {
  /** Uniform float in [0, 1). */
  next(): number
  /** Uniform integer in [min, max], both inclusive. */
  integer(min: number, max: number): number
  pick<T>(items: readonly T[]): T
}

export function createPrng(seed: number): Prng {
  assert(Number.isSafeInteger(seed), 'seed must be an integer')
  let state = seed >>> 0
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let mixed = state
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1)
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61)
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296
  }
  const integer = (min: number, max: number): number => {
    assert(Number.isSafeInteger(min) && Number.isSafeInteger(max) && min <= max, 'bad range')
    return min + Math.floor(next() * (max - min + 1))
  }
  const pick = <T>(items: readonly T[]): T => {
    assert(items.length > 0, 'pick from an empty list')
    const item = items[integer(0, items.length - 1)]
    assert(item !== undefined, 'index within bounds')
    return item
  }
  return { next, integer, pick }
}
