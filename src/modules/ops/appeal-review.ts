/** The appeal queue as operators see it (identity masked per role) and their decisions. */
import type { Appeal, AppealForReview, AppealStatus } from '../identity/index.ts'
import type { OpsContext } from './context.ts'
import type { Operator } from './operators.ts'
import { identityForRole } from './roles.ts'

export async function listAppealsForReview(
  ctx: OpsContext,
  operator: Operator,
  status: AppealStatus,
): Promise<AppealForReview[]> {
  const appeals = await ctx.identity.appeals.listForReview(status)
  return appeals.map((appeal) => {
    const identity = { phone: appeal.userPhone, realName: appeal.userRealName }
    const shown = identityForRole(operator.role, identity)
    return { ...appeal, userPhone: shown.phone, userRealName: shown.realName }
  })
}

export interface AppealDecisionRequest {
  appealId: string
  decision: 'approve' | 'reject'
  reason: string
  ip?: string | undefined
}

/** Every role may decide: deciding appeals is support's daily work. */
export function decideAppeal(
  ctx: OpsContext,
  operator: Operator,
  request: AppealDecisionRequest,
): Promise<Appeal> {
  return ctx.identity.appeals.decide({ ...request, operatorId: operator.id })
}
