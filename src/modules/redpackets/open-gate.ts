/**
 * How many opens work against the database at once (per process); the rest wait here, in
 * arrival order. A storm of 1,000 openers would otherwise put all their round trips into the
 * connection pool's queue together, where each waits behind every other opener's (and past the
 * pool's connect timeout on a loaded machine); admitted in turn, each open runs its few round
 * trips nearly unqueued, the early ones are answered early, and the credit batches still fill up.
 * This is not a lock: admitted opens run in parallel, and no row is held while waiting here.
 */

/** About four opens per pooled connection (the pool is 4 to 8 connections). */
export const OPENS_IN_FLIGHT_MAX = 32

export class OpenGate {
  readonly #limit: number
  #running = 0
  #waiting: (() => void)[] = []

  constructor(limit = OPENS_IN_FLIGHT_MAX) {
    this.#limit = limit
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.#running >= this.#limit)
      await new Promise<void>((resolve) => this.#waiting.push(resolve))
    else this.#running += 1
    try {
      return await work()
    } finally {
      // Hand the place straight to the next in line (the count stays), else free it.
      const next = this.#waiting.shift()
      if (next === undefined) this.#running -= 1
      else next()
    }
  }
}
