/**
 * Live events to the open pages of a user (server-sent events): an in-process hub of bounded
 * subscriber sets. One process serves one hub; several processes behind a balancer would need
 * a shared channel (PostgreSQL LISTEN/NOTIFY) — not needed for a self-hosted single node.
 */
import { DomainError } from '../../shared/errors.ts'

export type LiveEvent =
  | { type: 'message'; conversationId: string; messageId: number }
  | { type: 'card'; conversationId: string; messageId: number }
  | { type: 'read'; conversationId: string }
  | { type: 'conversation'; conversationId: string }
  | { type: 'contacts' }

export interface LiveSubscriber {
  send(event: LiveEvent): void
  /** Called when a newer stream of the same user pushes this one out. */
  close(): void
}

export interface LiveHub {
  /** Returns the unsubscribe function; SYSTEM_BUSY when the process holds its maximum. */
  subscribe(userId: string, subscriber: LiveSubscriber): () => void
  publish(userIds: Iterable<string>, event: LiveEvent): void
  count(): number
}

export function createLiveHub(limits: { perUserMax: number; totalMax: number }): LiveHub {
  // Sets keep insertion order: the first one is the oldest stream of that user.
  const byUser = new Map<string, Set<LiveSubscriber>>()
  let total = 0
  function remove(userId: string, subscriber: LiveSubscriber): void {
    const set = byUser.get(userId)
    if (set === undefined || !set.delete(subscriber)) return
    total -= 1
    if (set.size === 0) byUser.delete(userId)
  }
  return {
    subscribe(userId, subscriber) {
      const set = byUser.get(userId) ?? new Set<LiveSubscriber>()
      if (set.size >= limits.perUserMax) {
        const oldest = set.values().next().value as LiveSubscriber
        remove(userId, oldest)
        oldest.close()
      }
      if (total >= limits.totalMax) throw new DomainError('SYSTEM_BUSY')
      set.add(subscriber)
      byUser.set(userId, set)
      total += 1
      return () => remove(userId, subscriber)
    },
    publish(userIds, event) {
      for (const userId of new Set(userIds)) {
        for (const subscriber of byUser.get(userId) ?? []) subscriber.send(event)
      }
    },
    count: () => total,
  }
}
