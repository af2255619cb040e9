/**
 * Appeals (申诉): a frozen user submits one and follows it (`/api/v1/me/appeals`); operators
 * work the queue and decide (`/api/v1/admin/appeals`).
 */
import { Type } from 'typebox'
import {
  APPEAL_REASON_LENGTH_MAX,
  APPEAL_STATEMENT_LENGTH_MAX,
  type Appeal,
} from '../../modules/identity/index.ts'
import { authenticateOperator } from '../admin-auth.ts'
import { authenticate } from '../auth.ts'
import { AUTH_ERRORS } from '../schemas.ts'
import type { AppServices, HttpApp } from '../server.ts'

// Spelled out (a mapped array types as never[]); handlers returning the domain's AppealStatus
// fail to compile if the two ever differ.
const AppealStatus = Type.Union([
  Type.Literal('pending'),
  Type.Literal('approved'),
  Type.Literal('rejected'),
])
const AppealId = Type.String({ minLength: 1, maxLength: 64 })

const appealViewProperties = {
  id: Type.String(),
  status: AppealStatus,
  statement: Type.String(),
  decisionReason: Type.Union([Type.String(), Type.Null()], { description: 'Shown to the user' }),
  createdAtMs: Type.Integer(),
  decidedAtMs: Type.Union([Type.Integer(), Type.Null()]),
}

export const AppealView = Type.Object(appealViewProperties)

export const AdminAppealView = Type.Object({
  ...appealViewProperties,
  userId: Type.String(),
  userPhone: Type.String({ description: 'Masked (138****0001) for the support role' }),
  userRealName: Type.Union([Type.String(), Type.Null()], {
    description: 'Masked (**丰) for the support role',
  }),
})

export function toAppealView(appeal: Appeal) {
  return {
    id: appeal.id,
    status: appeal.status,
    statement: appeal.statement,
    decisionReason: appeal.decisionReason,
    createdAtMs: appeal.createdAtMs,
    decidedAtMs: appeal.decidedAtMs,
  }
}

export async function appealRoutes(app: HttpApp, services: AppServices): Promise<void> {
  await userAppealRoutes(app, services)
  await adminAppealRoutes(app, services)
}

async function userAppealRoutes(app: HttpApp, services: AppServices): Promise<void> {
  const { identity } = services

  app.post(
    '/api/v1/me/appeals',
    {
      schema: {
        tags: ['identity'],
        summary: 'Appeal a freeze (frozen users only; one pending at a time)',
        description:
          'Real-name verified users confirm realName + idNumber; the others an SMS code with ' +
          "purpose 'appeal' sent to their own phone.",
        body: Type.Object(
          {
            statement: Type.String({ minLength: 1, maxLength: APPEAL_STATEMENT_LENGTH_MAX }),
            realName: Type.Optional(Type.String({ maxLength: 64 })),
            idNumber: Type.Optional(Type.String({ maxLength: 32 })),
            smsCode: Type.Optional(Type.String({ maxLength: 10 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ appeal: AppealView }), ...AUTH_ERRORS },
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
        response: { 200: Type.Object({ appeals: Type.Array(AppealView) }), ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { user } = await authenticate(request, identity)
      return { appeals: (await identity.appeals.listForUser(user.id)).map(toAppealView) }
    },
  )
}

async function adminAppealRoutes(app: HttpApp, services: AppServices): Promise<void> {
  const { ops } = services

  app.get(
    '/api/v1/admin/appeals',
    {
      schema: {
        tags: ['admin'],
        summary: 'The appeal queue: pending oldest first; decided ones newest first',
        querystring: Type.Object({ status: Type.Optional(AppealStatus) }),
        response: { 200: Type.Object({ appeals: Type.Array(AdminAppealView) }), ...AUTH_ERRORS },
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
        params: Type.Object({ appealId: AppealId }),
        body: Type.Object(
          {
            decision: Type.Union([Type.Literal('approve'), Type.Literal('reject')]),
            reason: Type.String({ minLength: 1, maxLength: APPEAL_REASON_LENGTH_MAX }),
          },
          { additionalProperties: false },
        ),
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
