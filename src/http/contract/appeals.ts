/** Appeals (申诉) against a freeze: the user's side and the operators' queue. */
import { type Static, Type } from 'typebox'
import { Id, Nullable, strict, TimestampMs } from './common.ts'

/** The identity module's limits (routes pin them equal at compile time). */
export const APPEAL_STATEMENT_LENGTH_MAX = 2000
export const APPEAL_REASON_LENGTH_MAX = 500

export const APPEAL_STATUSES = ['pending', 'approved', 'rejected'] as const
export const AppealStatus = Type.Enum(APPEAL_STATUSES)
export type AppealStatus = Static<typeof AppealStatus>

const appealViewProperties = {
  id: Type.String(),
  status: AppealStatus,
  statement: Type.String(),
  decisionReason: Nullable(Type.String({ description: 'Shown to the user' })),
  createdAtMs: TimestampMs(),
  decidedAtMs: Nullable(TimestampMs()),
}

export const AppealView = Type.Object(appealViewProperties)
export type AppealView = Static<typeof AppealView>

export const AppealSubmission = Type.Object(
  {
    statement: Type.String({ minLength: 1, maxLength: APPEAL_STATEMENT_LENGTH_MAX }),
    realName: Type.Optional(Type.String({ maxLength: 64 })),
    idNumber: Type.Optional(Type.String({ maxLength: 32 })),
    smsCode: Type.Optional(Type.String({ maxLength: 10 })),
  },
  strict,
)
export type AppealSubmission = Static<typeof AppealSubmission>

export const AppealSubmitted = Type.Object({ appeal: AppealView })
export type AppealSubmitted = Static<typeof AppealSubmitted>
export const AppealList = Type.Object({ appeals: Type.Array(AppealView) })
export type AppealList = Static<typeof AppealList>

export const AdminAppealView = Type.Object({
  ...appealViewProperties,
  userId: Type.String(),
  userPhone: Type.String({ description: 'Masked (138****0001) for the support role' }),
  userRealName: Nullable(Type.String({ description: 'Masked (**丰) for the support role' })),
})
export type AdminAppealView = Static<typeof AdminAppealView>

export const AdminAppealList = Type.Object({ appeals: Type.Array(AdminAppealView) })
export type AdminAppealList = Static<typeof AdminAppealList>
export const AdminAppealQuery = Type.Object({ status: Type.Optional(AppealStatus) })

export const AppealParams = Type.Object({ appealId: Id })
export const AppealDecisionRequest = Type.Object(
  {
    decision: Type.Enum(['approve', 'reject']),
    reason: Type.String({ minLength: 1, maxLength: APPEAL_REASON_LENGTH_MAX }),
  },
  strict,
)
export type AppealDecisionRequest = Static<typeof AppealDecisionRequest>
