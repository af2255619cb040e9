import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react'
import type { ReactNode } from 'react'
import { ApiError, onUnauthenticated } from '../shared/api'
import { walletApi } from './api'
import type { UserView } from './api'

export type SessionState =
  | { kind: 'loading' }
  | { kind: 'signed-out' }
  | { kind: 'signed-in'; user: UserView }
  | { kind: 'error'; error: unknown }

export interface Session {
  state: SessionState
  /** After an API call that returned the new user view (sign-in, real-name, phone change…). */
  setUser: (user: UserView) => void
  /** Reload the session, e.g. after something changed the status on the server. */
  refresh: () => Promise<void>
  /** Forget the user locally (the server already dropped the session). */
  clear: () => void
}

const SessionContext = createContext<Session | null>(null)

async function loadSession(): Promise<SessionState> {
  try {
    const probe = await walletApi.session()
    return probe.signedIn ? { kind: 'signed-in', user: probe.user } : { kind: 'signed-out' }
  } catch (error) {
    if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') return { kind: 'signed-out' }
    return { kind: 'error', error }
  }
}

/** Who is signed in to the wallet; any 401 from any call flips it to signed out. */
export function SessionProvider({ children }: { children: ReactNode }): ReactNode {
  const [state, setState] = useState<SessionState>({ kind: 'loading' })

  const refresh = useCallback(async () => setState(await loadSession()), [])

  useEffect(() => {
    void refresh()
    return onUnauthenticated(() => setState({ kind: 'signed-out' }))
  }, [refresh])

  const value = useMemo<Session>(
    () => ({
      state,
      setUser: (user) => setState({ kind: 'signed-in', user }),
      refresh,
      clear: () => setState({ kind: 'signed-out' }),
    }),
    [state, refresh],
  )
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>
}

export function useSession(): Session {
  const session = useContext(SessionContext)
  if (session === null) throw new Error('useSession() must be used inside <SessionProvider>')
  return session
}

/** The signed-in user; only for pages the router shows to signed-in users. */
export function useUser(): UserView {
  const { state } = useSession()
  if (state.kind !== 'signed-in') throw new Error('useUser() on a page for signed-in users only')
  return state.user
}
