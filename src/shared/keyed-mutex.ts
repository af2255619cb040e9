/**
 * @module keyed-mutex
 * Runs work for the same key one at a time within this process (work for other keys runs
 * freely). Used where a per-user check must not race with itself, e.g. payment-password
 * attempts: parallel requests of one user are checked in turn instead of all at once.
 */
import { assert } from './assert.ts'

export class KeyedMutex {
  readonly #tails = new Map<string, Promise<void>>()
  readonly #waitersMax: number
  readonly #waiters = new Map<string, number>()

  /** `waitersMax` bounds the queue per key: beyond it, callers are refused instead of queued. */
  constructor(waitersMax = 1_000) {
    assert(waitersMax >= 1, 'waitersMax')
    this.#waitersMax = waitersMax
  }

  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const waiting = this.#waiters.get(key) ?? 0
    if (waiting >= this.#waitersMax) throw new Error(`too many waiters for ${key}`)
    this.#waiters.set(key, waiting + 1)
    const previous = this.#tails.get(key) ?? Promise.resolve()
    let release: () => void = () => {}
    const current = new Promise<void>((resolve) => {
      release = resolve
    })
    const tail = previous.then(() => current)
    this.#tails.set(key, tail)
    await previous
    try {
      return await work()
    } finally {
      release()
      const left = (this.#waiters.get(key) ?? 1) - 1
      if (left === 0) this.#waiters.delete(key)
      else this.#waiters.set(key, left)
      if (this.#tails.get(key) === tail) this.#tails.delete(key)
    }
  }
}
