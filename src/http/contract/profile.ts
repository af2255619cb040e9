/** The signed-in user as every route that returns the user shows them. */
import { type Static, Type } from 'typebox'
import { Nullable, TimestampMs } from './common.ts'

export const USER_STATUSES = ['normal', 'restricted', 'frozen'] as const
export const UserStatus = Type.Enum(USER_STATUSES)
export type UserStatus = Static<typeof UserStatus>

/** 未实名 / Ⅰ类 / Ⅱ类 / Ⅲ类 (PBoC 2015 No. 43). */
export const AccountClass = Type.Enum([0, 1, 2, 3])
export type AccountClass = Static<typeof AccountClass>

export const UserView = Type.Object({
  id: Type.String(),
  phone: Type.String({ description: 'The signed-in user sees their own full number' }),
  status: UserStatus,
  statusReason: Nullable(Type.String()),
  realName: Nullable(Type.String()),
  verified: Type.Boolean(),
  accountClass: AccountClass,
  secondFactorEnabled: Type.Boolean(),
  createdAtMs: TimestampMs(),
})
export type UserView = Static<typeof UserView>

/**
 * `GET /api/v1/session`: who is signed in, if anyone. Always 200, so a signed-out visitor's first
 * page load is an answer, not an error (`/api/v1/me` answers 401 then).
 */
const DevSmsOutbox = Type.Boolean({
  description: 'Dev mode with the offline SMS outbox: the pages may link to /dev/sms',
})
export const SessionProbe = Type.Union([
  Type.Object({ signedIn: Type.Literal(false), devSmsOutbox: DevSmsOutbox }),
  Type.Object({ signedIn: Type.Literal(true), user: UserView, devSmsOutbox: DevSmsOutbox }),
])
export type SessionProbe = Static<typeof SessionProbe>
