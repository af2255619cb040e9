import { useCallback, useEffect, useState } from 'react'

/** Whole seconds left until a deadline, ticking once a second; 0 when there is none. */
export function useCountdown(): { secondsLeft: number; start: (seconds: number) => void } {
  const [deadlineMs, setDeadlineMs] = useState(0)
  const [nowMs, setNowMs] = useState(() => Date.now())

  useEffect(() => {
    if (deadlineMs <= Date.now()) return
    const timer = window.setInterval(() => setNowMs(Date.now()), 1000)
    return () => window.clearInterval(timer)
  }, [deadlineMs])

  const start = useCallback((seconds: number) => {
    const now = Date.now()
    setNowMs(now)
    setDeadlineMs(now + seconds * 1000)
  }, [])

  return { secondsLeft: Math.max(0, Math.ceil((deadlineMs - nowMs) / 1000)), start }
}
