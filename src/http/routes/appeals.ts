/**
 * Appeals (申诉): a frozen user submits one and follows it (`/api/v1/me/appeals`); operators
 * work the queue and decide (`/api/v1/admin/appeals`).
 */
import {
  APPEAL_REASON_LENGTH_MAX as MODULE_REASON_LENGTH_MAX,
  APPEAL_STATEMENT_LENGTH_MAX as MODULE_STATEMENT_LENGTH_MAX,
  type Appeal,
  type AppealStatus as ModuleAppealStatus,
  type IdentityService,
} from '../../modules/identity/index.ts'
import type { OpsService } from '../../modules/ops/index.ts'
import { authenticateOperator } from '../admin-auth.ts'
import { authenticate } from '../auth.ts'
import {
  AdminAppealList,
  AdminAppealQuery,
  APPEAL_REASON_LENGTH_MAX,
  APPEAL_STATEMENT_LENGTH_MAX,
  AppealDecisionRequest,
  AppealList,
  AppealParams,
  type AppealStatus,
  AppealSubmission,
  AppealSubmitted,
  AppealView,
} from '../contract/appeals.ts'
import { AUTH_ERRORS, type Same } from '../contract/common.ts'
import type { HttpApp } from '../server.ts'

// The contract restates the module's limits and statuses; these fail to compile if they drift.
const contractMatches: [
  Same<typeof APPEAL_STATEMENT_LENGTH_MAX, typeof MODULE_STATEMENT_LENGTH_MAX>,
  Same<typeof APPEAL_REASON_LENGTH_MAX, typeof MODULE_REASON_LENGTH_MAX>,
  Same<AppealStatus, ModuleAppealStatus>,
] = [true, true, true]
void contractMatches

export function toAppealView(appeal: Appeal): AppealView {
  return {
    id: appeal.id,
    status: appeal.status,
    statement: appeal.statement,
    decisionReason: appeal.decisionReason,
    createdAtMs: appeal.createdAtMs,
    decidedAtMs: appeal.decidedAtMs,
  }
}

export interface AppealRoutesDeps {
  identity: IdentityService
  ops: OpsService
}

export async function appealRoutes(app: HttpApp, deps: AppealRoutesDeps): Promise<void> {
  await userAppealRoutes(app, deps)
  await adminAppealRoutes(app, deps)
}

async function userAppealRoutes(app: HttpApp, { identity }: AppealRoutesDeps): Promise<void> {
  app.post(
    '/api/v1/me/appeals',
    {
      schema: {
        tags: ['identity'],
        summary: 'Appeal a freeze (frozen users only; one pending at a time)',
        description:
          'Real-name verified users confirm realName + idNumber; the others an SMS code with ' +
          "purpose 'appeal' sent to their own phone.",
        body: AppealSubmission,
        response: { 201: AppealSubmitted, ...AUTH_ERRORS },
      },
    },
    async (request, reply) => {
      const { user } = await authenticate(request, identity)
      const submission = { userId: user.id, ...request.body, ip: request.ip }
      const appeal = await identity.appeals.submit(submission)
      return reply.status(201).send({ appeal: toAppealView(appeal) })
    },
  )

  app.get(
    '/api/v1/me/appeals',
    {
      schema: {
        tags: ['identity'],
        summary: 'My appeals, newest first',
        response: { 200: AppealList, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { user } = await authenticate(request, identity)
      return { appeals: (await identity.appeals.listForUser(user.id)).map(toAppealView) }
    },
  )
}

async function adminAppealRoutes(app: HttpApp, { ops }: AppealRoutesDeps): Promise<void> {
  app.get(
    '/api/v1/admin/appeals',
    {
      schema: {
        tags: ['admin'],
        summary: 'The appeal queue: pending oldest first; decided ones newest first',
        querystring: AdminAppealQuery,
        response: { 200: AdminAppealList, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { operator } = await authenticateOperator(request, ops)
      const appeals = await ops.listAppeals(operator, request.query.status ?? 'pending')
      return {
        appeals: appeals.map((appeal) => ({
          ...toAppealView(appeal),
          userId: appeal.userId,
          userPhone: appeal.userPhone,
          userRealName: appeal.userRealName,
        })),
      }
    },
  )

  app.post(
    '/api/v1/admin/appeals/:appealId/decision',
    {
      schema: {
        tags: ['admin'],
        summary: 'Approve (restores the account) or reject an appeal',
        description: 'The reason is what the user sees (AppealView.decisionReason and a notice).',
        params: AppealParams,
        body: AppealDecisionRequest,
        response: { 200: AppealView, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { operator } = await authenticateOperator(request, ops)
      const decision = { appealId: request.params.appealId, ...request.body, ip: request.ip }
      return toAppealView(await ops.decideAppeal(operator, decision))
    },
  )
}
