import { useCallback, useEffect, useRef, useState } from 'react'

export const READYZ_PATH = '/readyz'
export const READYZ_TIMEOUT_MS = 5_000
export const READYZ_POLL_INTERVAL_MS = 10_000

/** What the status card shows; `checkedAtMs` is when the answer (or failure) arrived. */
export type Readiness =
  | { kind: 'loading' }
  | {
      kind: 'ready' | 'not-ready'
      httpStatus: number
      status: string | null
      database: string | null
      migrations: number | null
      checkedAtMs: number
    }
  | { kind: 'error'; reason: ReadinessFailure; checkedAtMs: number }

export type ReadinessFailure =
  | { code: 'network'; detail: string }
  | { code: 'timeout'; timeoutMs: number }
  | { code: 'bad-response'; httpStatus: number }

interface ReadyzBody {
  status: string | null
  database: string | null
  migrations: number | null
}

// The body is untrusted input: keep only well-typed fields and ignore the rest.
function parseReadyzBody(json: unknown): ReadyzBody | null {
  if (typeof json !== 'object' || json === null) return null
  const record = json as Record<string, unknown>
  return {
    status: typeof record.status === 'string' ? record.status : null,
    database: typeof record.database === 'string' ? record.database : null,
    migrations: Number.isSafeInteger(record.migrations) ? (record.migrations as number) : null,
  }
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json()
  } catch {
    return null
  }
}

/** Fetches `GET /readyz` once; never throws, failures become `kind: 'error'`. */
export async function fetchReadiness(timeoutMs = READYZ_TIMEOUT_MS): Promise<Readiness> {
  let response: Response
  try {
    response = await fetch(READYZ_PATH, {
      headers: { accept: 'application/json' },
      cache: 'no-store',
      signal: AbortSignal.timeout(timeoutMs),
    })
  } catch (error) {
    const checkedAtMs = Date.now()
    if (error instanceof DOMException && error.name === 'TimeoutError') {
      return { kind: 'error', reason: { code: 'timeout', timeoutMs }, checkedAtMs }
    }
    const detail = error instanceof Error ? error.message : String(error)
    return { kind: 'error', reason: { code: 'network', detail }, checkedAtMs }
  }

  const body = parseReadyzBody(await readJson(response))
  const checkedAtMs = Date.now()
  // 503 with a JSON body is a real "not ready" answer; anything else without JSON is not ours
  // (for example an HTML error page from a proxy).
  if (body === null) {
    const reason: ReadinessFailure = { code: 'bad-response', httpStatus: response.status }
    return { kind: 'error', reason, checkedAtMs }
  }
  const ready = response.ok && body.status === 'ready'
  return { kind: ready ? 'ready' : 'not-ready', httpStatus: response.status, ...body, checkedAtMs }
}

/** Polls `/readyz` while mounted; `refresh()` checks again right away. */
export function useReadiness(pollIntervalMs = READYZ_POLL_INTERVAL_MS): {
  readiness: Readiness
  refreshing: boolean
  refresh: () => void
} {
  const [readiness, setReadiness] = useState<Readiness>({ kind: 'loading' })
  const [refreshing, setRefreshing] = useState(false)
  // Only the newest request may update state, so a slow old answer never overwrites a new one.
  const latestRequest = useRef(0)

  const refresh = useCallback(() => {
    const request = ++latestRequest.current
    setRefreshing(true)
    void fetchReadiness().then((next) => {
      if (request !== latestRequest.current) return
      setReadiness(next)
      setRefreshing(false)
    })
  }, [])

  useEffect(() => {
    refresh()
    const timer = window.setInterval(refresh, pollIntervalMs)
    return () => {
      window.clearInterval(timer)
      // Ignore answers that arrive after unmount.
      latestRequest.current++
    }
  }, [refresh, pollIntervalMs])

  return { readiness, refreshing, refresh }
}
