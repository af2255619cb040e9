import { api, queryString } from '../shared/api'

/** The admin console's view of the operator API. */

export type OperatorRole = 'support' | 'risk' | 'admin'
export type UserStatus = 'normal' | 'restricted' | 'frozen'
export type AppealStatus = 'pending' | 'approved' | 'rejected'

export interface Operator {
  id: string
  username: string
  displayName: string
  role: OperatorRole
}

/** Phone and name come masked for the support role; the page shows them as given. */
export interface AdminUser {
  id: string
  phone: string
  status: UserStatus
  statusReason: string | null
  realName: string | null
  verified: boolean
  accountClass: 0 | 1 | 2 | 3
  createdAtMs: number
}

export interface AuditEntry {
  id: number
  userId: string | null
  actor: { kind: 'user' | 'operator' | 'system'; id?: string }
  action: string
  detail: Record<string, unknown> | null
  ip: string | null
  createdAtMs: number
}

export interface Appeal {
  id: string
  status: AppealStatus
  statement: string
  decisionReason: string | null
  createdAtMs: number
  decidedAtMs: number | null
}

export interface QueuedAppeal extends Appeal {
  userId: string
  userPhone: string
  userRealName: string | null
}

export interface UserDetail {
  user: AdminUser
  audit: AuditEntry[]
  appeals: Appeal[]
  /** Live session count (the route gives a number, not the sessions). */
  sessions: number
}

export type MismatchProblem = 'MISSING_IN_WALLET' | 'MISSING_AT_BANK' | 'AMOUNT_DIFFERS'

export interface Mismatch {
  requestId: string
  problem: MismatchProblem
  walletAmountFen: number | null
  bankAmountFen: number | null
}

/** A Shanghai day's bank movements, the wallet's and the banks' statements side by side. */
export interface ReconciliationReport {
  date: string
  walletMovements: number
  bankMovements: number
  matched: number
  mismatches: Mismatch[]
}

const userPath = (id: string) => `/api/v1/admin/users/${encodeURIComponent(id)}`

export const adminApi = {
  signIn: (username: string, password: string) =>
    api.post<{ token: string; operator: Operator }>('/api/v1/admin/sessions', {
      username,
      password,
    }),
  signOut: () => api.delete('/api/v1/admin/sessions/current'),
  me: () => api.get<Operator>('/api/v1/admin/me'),
  searchUsers: (q: string) =>
    api.get<{ users: AdminUser[] }>(`/api/v1/admin/users${queryString({ q })}`),
  user: (id: string) => api.get<UserDetail>(userPath(id)),
  setUserStatus: (id: string, status: UserStatus, reason: string) =>
    api.post<AdminUser>(`${userPath(id)}/status`, { status, reason }),
  appeals: (status: AppealStatus) =>
    api.get<{ appeals: QueuedAppeal[] }>(`/api/v1/admin/appeals${queryString({ status })}`),
  decideAppeal: (id: string, decision: 'approve' | 'reject', reason: string) =>
    api.post<Appeal>(`/api/v1/admin/appeals/${encodeURIComponent(id)}/decision`, {
      decision,
      reason,
    }),
  reconciliation: (date: string) =>
    api.get<ReconciliationReport>(`/api/v1/admin/reconciliation${queryString({ date })}`),
  /** 200 only in dev mode: then the sign-in page may show the demo accounts. */
  devMode: async (): Promise<boolean> => {
    try {
      await api.get<unknown>(`/api/v1/dev/sms${queryString({ phone: '10000000000' })}`)
      return true
    } catch {
      return false
    }
  },
}

/** What each role may do; mirrors the server, which enforces it (this only hides buttons). */
export function mayChangeStatus(role: OperatorRole): boolean {
  return role === 'risk' || role === 'admin'
}
