import { useEffect, useLayoutEffect, useRef, useState } from 'react'

/**
 * Loads now and again every `intervalMs` while `active(data)` holds (a live status, today's
 * takings) and the tab is visible; stops by itself once the thing is settled. A failed look
 * keeps the last data and tries again on the next tick.
 */
export function usePolled<T>(
  load: () => Promise<T>,
  key: string,
  intervalMs: number,
  active: (data: T) => boolean = () => true,
): { data: T | null; error: unknown; replace: (data: T) => void } {
  const [data, setData] = useState<T | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [round, setRound] = useState(0)
  const loadRef = useRef(load)
  const activeRef = useRef(active)
  useLayoutEffect(() => {
    loadRef.current = load
    activeRef.current = active
  })

  useEffect(() => {
    let live = true
    let timer = 0
    const tick = async () => {
      let keepGoing = true
      if (document.visibilityState !== 'hidden') {
        try {
          const next = await loadRef.current()
          if (!live) return
          setData(next)
          setError(null)
          keepGoing = activeRef.current(next)
        } catch (caught) {
          if (!live) return
          setError(caught)
        }
      }
      if (live && keepGoing) timer = window.setTimeout(() => void tick(), intervalMs)
    }
    void tick()
    return () => {
      live = false
      window.clearTimeout(timer)
    }
  }, [key, intervalMs, round])

  return {
    data,
    error,
    replace: (next: T) => {
      setData(next)
      setRound((n) => n + 1)
    },
  }
}
