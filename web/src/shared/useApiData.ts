import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react'

export type ApiData<T> =
  { kind: 'loading' } | { kind: 'ready'; data: T } | { kind: 'error'; error: unknown }

/**
 * Loads data on mount and whenever `key` changes; `reload()` loads again. Only the newest
 * request may set state, so a slow old answer never overwrites a newer one.
 */
export function useApiData<T>(
  load: () => Promise<T>,
  key: string,
): { state: ApiData<T>; reload: () => void; setData: (data: T) => void } {
  const [state, setState] = useState<ApiData<T>>({ kind: 'loading' })
  const latest = useRef(0)
  // The loader is a new closure every render; keep the current one without re-running effects.
  // A layout effect runs before the effect below, so the first load already sees it.
  const loadRef = useRef(load)
  useLayoutEffect(() => {
    loadRef.current = load
  })

  const reload = useCallback(() => {
    const request = ++latest.current
    loadRef.current().then(
      (data) => {
        if (request === latest.current) setState({ kind: 'ready', data })
      },
      (error: unknown) => {
        if (request === latest.current) setState({ kind: 'error', error })
      },
    )
  }, [])

  useEffect(() => {
    setState({ kind: 'loading' })
    reload()
    return () => {
      latest.current++
    }
  }, [key, reload])

  const setData = useCallback((data: T) => {
    latest.current++
    setState({ kind: 'ready', data })
  }, [])

  return { state, reload, setData }
}
