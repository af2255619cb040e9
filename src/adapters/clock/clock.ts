/**
 * @module clock
 * Every time-dependent rule (expiry, lockouts, daily limits) reads time from a `Clock`, so tests
 * can move time forward instead of sleeping.
 */
import { assert, assertSafeInteger } from '../../shared/assert.ts'

export interface Clock {
  /** Milliseconds since the Unix epoch. */
  nowMs(): number
}

export const systemClock: Clock = { nowMs: () => Date.now() }

/** A clock that only moves when told to; for tests and simulations. */
export class ManualClock implements Clock {
  #nowMs: number

  constructor(startMs: number = Date.UTC(2026, 0, 5, 2, 0, 0)) {
    assertSafeInteger(startMs, 'startMs')
    this.#nowMs = startMs
  }

  nowMs(): number {
    return this.#nowMs
  }

  advanceMs(deltaMs: number): void {
    assertSafeInteger(deltaMs, 'deltaMs')
    assert(deltaMs >= 0, 'time only moves forward')
    this.#nowMs += deltaMs
  }

  setMs(nowMs: number): void {
    assertSafeInteger(nowMs, 'nowMs')
    assert(nowMs >= this.#nowMs, 'time only moves forward')
    this.#nowMs = nowMs
  }
}
