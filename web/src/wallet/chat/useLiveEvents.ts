import { useEffect, useRef, useState } from 'react'
import type { LiveEvent } from './chat-api'

export const LIVE_EVENTS_URL = '/api/v1/me/events'

/**
 * Server-sent events for the signed-in user (the session cookie authenticates them). The
 * browser's EventSource reconnects by itself; `connected` says whether it is open right now.
 */
export function useLiveEvents(onEvent: (event: LiveEvent) => void): { connected: boolean } {
  const [connected, setConnected] = useState(false)
  const handler = useRef(onEvent)
  useEffect(() => {
    handler.current = onEvent
  })
  useEffect(() => {
    const source = new EventSource(LIVE_EVENTS_URL)
    source.addEventListener('ready', () => setConnected(true))
    source.addEventListener('live', (message) => {
      handler.current(JSON.parse((message as MessageEvent<string>).data) as LiveEvent)
    })
    source.onerror = () => setConnected(false)
    return () => source.close()
  }, [])
  return { connected }
}
