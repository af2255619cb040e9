import { useEffect, useRef, useState } from 'react'
import { walletApi } from '../api'
import type { Operation } from '../api'

export const POLL_INTERVAL_MS = 2_000
export const POLL_DURATION_MS = 60_000

/**
 * Follows a PROCESSING operation: asks for it every 2 s for up to a minute and returns the
 * newest copy; `gaveUp` once the minute is over with no outcome (the resolver settles it later).
 * `onSettled` runs once when it leaves PROCESSING, e.g. to reload the balance.
 */
export function useOperationPoll(
  operation: Operation,
  onSettled?: (operation: Operation) => void,
): { operation: Operation; gaveUp: boolean; restart: () => void } {
  const [current, setCurrent] = useState(operation)
  const [gaveUp, setGaveUp] = useState(false)
  const [round, setRound] = useState(0)
  const settledRef = useRef(onSettled)
  useEffect(() => {
    settledRef.current = onSettled
  })

  // A newer copy from the parent (a reload of the list) replaces ours.
  useEffect(() => setCurrent(operation), [operation])

  const processing = current.status === 'PROCESSING'
  const id = current.id
  useEffect(() => {
    if (!processing) return
    let live = true
    let timer = 0
    const deadlineMs = Date.now() + POLL_DURATION_MS
    setGaveUp(false)
    const tick = async (): Promise<void> => {
      try {
        const next = await walletApi.operation(id)
        if (!live) return
        if (next.status !== 'PROCESSING') {
          setCurrent(next)
          settledRef.current?.(next)
          return
        }
      } catch {
        // A failed look is retried on the next tick; the deadline still applies.
        if (!live) return
      }
      if (Date.now() + POLL_INTERVAL_MS > deadlineMs) setGaveUp(true)
      else timer = window.setTimeout(() => void tick(), POLL_INTERVAL_MS)
    }
    timer = window.setTimeout(() => void tick(), POLL_INTERVAL_MS)
    return () => {
      live = false
      window.clearTimeout(timer)
    }
  }, [processing, id, round])

  return { operation: current, gaveUp: processing && gaveUp, restart: () => setRound((n) => n + 1) }
}
