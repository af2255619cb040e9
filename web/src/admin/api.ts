import { api, queryString } from '../shared/api'
import type {
  AdminAppealList,
  AppealDecisionRequest,
  AppealStatus,
  AppealView,
} from '@contract/appeals'
import type {
  AdminUserView,
  AuditList,
  AuditQuery,
  OperatorRole,
  OperatorSessionProbe,
  OperatorSignedIn,
  OperatorView,
  UserDetail,
  UserSearchResult,
} from '@contract/admin'
import type { AdminOverview } from '@contract/admin-overview'
import type { UserMoney } from '@contract/admin-money'
import type { UserStatus } from '@contract/profile'
import type { JobList, JobStatus, JobView } from '@contract/jobs'
import type { ReconciliationReport } from '@contract/reconciliation'

/** The admin console's view of the operator API; every shape is the server's contract. */

export type {
  AppealStatus,
  AppealView as Appeal,
  AdminAppealView as QueuedAppeal,
} from '@contract/appeals'
/** The operator's decision on an appeal. */
export type AppealDecision = AppealDecisionRequest['decision']
export type {
  AdminUserView as AdminUser,
  AuditView as AuditEntry,
  AuditAction,
  AuditActorKind,
  AuditList,
  AuditQuery,
  OperatorName,
  OperatorRole,
  OperatorView as Operator,
  UserDetail,
} from '@contract/admin'
export type { UserStatus } from '@contract/profile'
export type { AdminOverview } from '@contract/admin-overview'
export type { UserMoney } from '@contract/admin-money'
export type { OperationView as Operation } from '@contract/operations'
export type { JobCounts, JobList, JobStatus, JobView as Job } from '@contract/jobs'
export type {
  MatchedMovement,
  Mismatch,
  MismatchProblem,
  ReconciliationReport,
} from '@contract/reconciliation'

function auditParams(query: AuditQuery): Record<string, string | undefined> {
  const { beforeId, ...text } = query
  return { ...text, beforeId: beforeId === undefined ? undefined : String(beforeId) }
}

const userPath = (id: string) => `/api/v1/admin/users/${encodeURIComponent(id)}`

export const adminApi = {
  signIn: (username: string, password: string) =>
    api.post<OperatorSignedIn>('/api/v1/admin/sessions', {
      username,
      password,
    }),
  signOut: () => api.delete('/api/v1/admin/sessions/current'),
  me: () => api.get<OperatorView>('/api/v1/admin/me'),
  /** 200 signed in or not, so a signed-out console load logs no 401. */
  session: () => api.get<OperatorSessionProbe>('/api/v1/admin/session'),
  searchUsers: (q: string) => api.get<UserSearchResult>(`/api/v1/admin/users${queryString({ q })}`),
  user: (id: string) => api.get<UserDetail>(userPath(id)),
  userMoney: (id: string) => api.get<UserMoney>(`${userPath(id)}/money`),
  overview: () => api.get<AdminOverview>('/api/v1/admin/overview'),
  setUserStatus: (id: string, status: UserStatus, reason: string) =>
    api.post<AdminUserView>(`${userPath(id)}/status`, { status, reason }),
  appeals: (status: AppealStatus) =>
    api.get<AdminAppealList>(`/api/v1/admin/appeals${queryString({ status })}`),
  decideAppeal: (id: string, decision: AppealDecision, reason: string) =>
    api.post<AppealView>(`/api/v1/admin/appeals/${encodeURIComponent(id)}/decision`, {
      decision,
      reason,
    }),
  audit: (query: AuditQuery) =>
    api.get<AuditList>(`/api/v1/admin/audit${queryString(auditParams(query))}`),
  reconciliation: (date: string) =>
    api.get<ReconciliationReport>(`/api/v1/admin/reconciliation${queryString({ date })}`),
  /** No status: everything not done. */
  jobs: (status?: JobStatus) => api.get<JobList>(`/api/v1/admin/jobs${queryString({ status })}`),
  retryJob: (id: number) => api.post<JobView>(`/api/v1/admin/jobs/${id}/retry`, {}),
  /** Dev mode (the session probe says): then the sign-in page may show the demo accounts. */
  devMode: async (): Promise<boolean> => {
    try {
      return (await api.get<OperatorSessionProbe>('/api/v1/admin/session')).devMode
    } catch {
      return false
    }
  },
}

/** What each role may do; mirrors the server, which enforces it (this only hides buttons). */
export function mayChangeStatus(role: OperatorRole): boolean {
  return role === 'risk' || role === 'admin'
}

/** Reading jobs is risk's and admin's; retrying one (a money move again) the admin's. */
export function mayReadJobs(role: OperatorRole): boolean {
  return role === 'risk' || role === 'admin'
}

export function mayRetryJobs(role: OperatorRole): boolean {
  return role === 'admin'
}
