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
