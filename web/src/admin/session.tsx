import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react'
import type { ReactNode } from 'react'
import { ApiError, onUnauthenticated } from '../shared/api'
import { adminApi } from './api'
import type { Operator } from './api'

export type AdminSessionState =
  | { kind: 'loading' }
  | { kind: 'signed-out' }
  | { kind: 'signed-in'; operator: Operator }
  | { kind: 'error'; error: unknown }

export interface AdminSession {
  state: AdminSessionState
  setOperator: (operator: Operator) => void
  refresh: () => Promise<void>
  clear: () => void
}

const AdminSessionContext = createContext<AdminSession | null>(null)

async function load(): Promise<AdminSessionState> {
  try {
    const probe = await adminApi.session()
    if (!probe.signedIn) return { kind: 'signed-out' }
    return { kind: 'signed-in', operator: probe.operator }
  } catch (error) {
    if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') return { kind: 'signed-out' }
    return { kind: 'error', error }
  }
}

/** The operator signed in to the console (its own cookie, separate from the wallet's). */
export function AdminSessionProvider({ children }: { children: ReactNode }): ReactNode {
  const [state, setState] = useState<AdminSessionState>({ kind: 'loading' })
  const refresh = useCallback(async () => setState(await load()), [])

  useEffect(() => {
    void refresh()
    return onUnauthenticated(() => setState({ kind: 'signed-out' }))
  }, [refresh])

  const value = useMemo<AdminSession>(
    () => ({
      state,
      setOperator: (operator) => setState({ kind: 'signed-in', operator }),
      refresh,
      clear: () => setState({ kind: 'signed-out' }),
    }),
    [state, refresh],
  )
  return <AdminSessionContext.Provider value={value}>{children}</AdminSessionContext.Provider>
}

export function useAdminSession(): AdminSession {
  const session = useContext(AdminSessionContext)
  if (session === null) {
    throw new Error('useAdminSession() must be used inside <AdminSessionProvider>')
  }
  return session
}

/** The signed-in operator; only for pages shown to signed-in operators. */
export function useOperator(): Operator {
  const { state } = useAdminSession()
  if (state.kind !== 'signed-in') {
    throw new Error('useOperator() on a page for signed-in operators only')
  }
  return state.operator
}
