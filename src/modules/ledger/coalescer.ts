/**
 * Group commit in process (TigerBeetle's client batching, Blnk's coalescing): concurrent single
 * transfers are sent to the database together, one round trip and one commit for many. With no
 * load a transfer goes out at once (no timer, no added latency); while `maxInFlight` calls are
 * busy, new transfers queue and leave together as the next batch when a call returns.
 */
import { assert } from '../../shared/assert.ts'

export interface CoalescerOptions<Item, Result> {
  /** Sends one batch; must return exactly one result per item, in order. */
  sendBatch(items: Item[]): Promise<Result[]>
  /** Concurrent batch calls; about the database pool size. */
  maxInFlight: number
  /** Items per batch call. */
  maxBatch: number
  /** Queued items before callers are refused (back-pressure instead of unbounded memory). */
  maxQueued: number
}

interface Waiting<Item, Result> {
  item: Item
  resolve(result: Result): void
  reject(error: unknown): void
}

export class QueueFullError extends Error {
  override readonly name = 'QueueFullError'
}

export class Coalescer<Item, Result> {
  readonly #options: CoalescerOptions<Item, Result>
  #queue: Waiting<Item, Result>[] = []
  #inFlight = 0

  constructor(options: CoalescerOptions<Item, Result>) {
    assert(options.maxInFlight >= 1 && options.maxBatch >= 1, 'coalescer limits must be positive')
    this.#options = { ...options }
  }

  submit(item: Item): Promise<Result> {
    if (this.#queue.length >= this.#options.maxQueued) {
      return Promise.reject(new QueueFullError('ledger queue is full'))
    }
    return new Promise<Result>((resolve, reject) => {
      this.#queue.push({ item, resolve, reject })
      this.#pump()
    })
  }

  get queued(): number {
    return this.#queue.length
  }

  #pump(): void {
    while (this.#inFlight < this.#options.maxInFlight && this.#queue.length > 0) {
      const batch = this.#queue.splice(0, this.#options.maxBatch)
      this.#inFlight += 1
      void this.#send(batch)
    }
  }

  async #send(batch: Waiting<Item, Result>[]): Promise<void> {
    try {
      const results = await this.#options.sendBatch(batch.map((waiting) => waiting.item))
      assert(results.length === batch.length, 'one result per batched item')
      batch.forEach((waiting, index) => waiting.resolve(results[index] as Result))
    } catch (error) {
      for (const waiting of batch) waiting.reject(error)
    } finally {
      this.#inFlight -= 1
      this.#pump()
    }
  }
}
