/** The operator API: sign-in, user search and detail, status changes, the audit log. */
import { type Static, Type } from 'typebox'
import { AUDIT_ACTIONS, AUDIT_ACTOR_KINDS } from '../../shared/audit-codes.ts'
import { AppealView } from './appeals.ts'
import { Count, Details, Id, Nullable, RowId, strict, TimestampMs } from './common.ts'
import { AccountClass, UserStatus } from './profile.ts'

/** The ops module's limit on a status reason (the route pins it equal at compile time). */
export const STATUS_REASON_LENGTH_MAX = 500

export const OPERATOR_ROLES = ['support', 'risk', 'admin'] as const
export const OperatorRole = Type.Enum(OPERATOR_ROLES)
export type OperatorRole = Static<typeof OperatorRole>

export const OperatorView = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  role: OperatorRole,
})
export type OperatorView = Static<typeof OperatorView>

/** `GET /api/v1/admin/session`: 200 either way, so a signed-out console load is no error. */
const DevMode = Type.Boolean({ description: 'Dev mode: the demo operator accounts exist' })
export const OperatorSessionProbe = Type.Union([
  Type.Object({ signedIn: Type.Literal(false), devMode: DevMode }),
  Type.Object({ signedIn: Type.Literal(true), operator: OperatorView, devMode: DevMode }),
])
export type OperatorSessionProbe = Static<typeof OperatorSessionProbe>

export const OperatorSignInRequest = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 256 }),
  },
  strict,
)
export const OperatorSignedIn = Type.Object({ token: Type.String(), operator: OperatorView })
export type OperatorSignedIn = Static<typeof OperatorSignedIn>

/** Phone and name come masked for the support role. */
export const AdminUserView = Type.Object({
  id: Type.String(),
  phone: Type.String({ description: 'Masked (138****0001) for the support role' }),
  status: UserStatus,
  statusReason: Nullable(Type.String()),
  realName: Nullable(Type.String({ description: 'Masked (**丰) for support' })),
  verified: Type.Boolean(),
  accountClass: AccountClass,
  createdAtMs: TimestampMs(),
})
export type AdminUserView = Static<typeof AdminUserView>

export {
  AUDIT_ACTIONS,
  AUDIT_DETAIL_CODES,
  AUDIT_DETAIL_KEYS,
  STATUS_REASON_CODES,
  type AuditDetailCode,
  type AuditDetailKey,
  type StatusReasonCode,
} from '../../shared/audit-codes.ts'

export const AuditActorKind = Type.Enum(AUDIT_ACTOR_KINDS)
export type AuditActorKind = Static<typeof AuditActorKind>
export const AuditAction = Type.Enum(AUDIT_ACTIONS)
export type AuditAction = Static<typeof AuditAction>

export const AuditView = Type.Object({
  id: RowId(),
  userId: Nullable(Type.String()),
  actor: Type.Object({ kind: AuditActorKind, id: Type.Optional(Type.String()) }),
  action: AuditAction,
  detail: Nullable(Details),
  ip: Nullable(Type.String()),
  createdAtMs: TimestampMs(),
})
export type AuditView = Static<typeof AuditView>

export const UserSearchQuery = Type.Object({ q: Type.Optional(Type.String({ maxLength: 64 })) })
export const UserSearchResult = Type.Object({ users: Type.Array(AdminUserView) })
export type UserSearchResult = Static<typeof UserSearchResult>

export const UserParams = Type.Object({ userId: Id })

/** An operator named next to what they did. */
export const OperatorName = Type.Object({
  id: Type.String(),
  displayName: Type.String(),
  role: OperatorRole,
})
export type OperatorName = Static<typeof OperatorName>

export const UserDetail = Type.Object({
  user: AdminUserView,
  audit: Type.Array(AuditView),
  appeals: Type.Array(AppealView),
  /** Live session count (a number, not the sessions). */
  sessions: Count(),
  /** The operators acting in `audit`. */
  operators: Type.Array(OperatorName),
})
export type UserDetail = Static<typeof UserDetail>

export const UserStatusChange = Type.Object(
  {
    status: UserStatus,
    reason: Type.String({ minLength: 1, maxLength: STATUS_REASON_LENGTH_MAX }),
  },
  strict,
)
export type UserStatusChange = Static<typeof UserStatusChange>

const CalendarDateText = (description: string) =>
  Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description })

export const AuditQuery = Type.Object({
  user: Type.Optional(
    Type.String({ minLength: 1, maxLength: 40, description: 'User id or phone' }),
  ),
  userId: Type.Optional(Id),
  actorKind: Type.Optional(AuditActorKind),
  actorId: Type.Optional(Id),
  action: Type.Optional(AuditAction),
  from: Type.Optional(CalendarDateText('First Shanghai calendar day, inclusive')),
  to: Type.Optional(CalendarDateText('Last Shanghai calendar day, inclusive')),
  beforeId: Type.Optional(RowId()),
})
export type AuditQuery = Static<typeof AuditQuery>
export const AuditList = Type.Object({
  entries: Type.Array(AuditView),
  /** The operators acting in `entries`. */
  operators: Type.Array(OperatorName),
  /** beforeId of the next (older) page; null on the last page. */
  nextBeforeId: Nullable(RowId()),
})
export type AuditList = Static<typeof AuditList>
