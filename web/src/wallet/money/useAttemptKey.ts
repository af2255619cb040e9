import { useMemo, useRef } from 'react'
import { newIdempotencyKey } from '../../shared/idempotency'

/**
 * One idempotency key per attempt: the same card and amount keep their key through retries
 * (a timeout, a wrong PIN, the SMS step, going back and confirming again), so the server answers
 * a repeat with the first operation instead of moving the money twice. Another card or amount is
 * a new attempt; `finish()` after an outcome makes the next one new as well.
 */
export function useAttemptKey(): {
  keyFor: (cardId: string, amountFen: number) => string
  finish: () => void
} {
  const attempt = useRef<{ cardId: string; amountFen: number; key: string } | null>(null)
  return useMemo(
    () => ({
      keyFor: (cardId: string, amountFen: number) => {
        const current = attempt.current
        if (current !== null && current.cardId === cardId && current.amountFen === amountFen) {
          return current.key
        }
        const key = newIdempotencyKey()
        attempt.current = { cardId, amountFen, key }
        return key
      },
      finish: () => {
        attempt.current = null
      },
    }),
    [],
  )
}
