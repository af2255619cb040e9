/** The record of top-ups and withdrawals: the list (newest first) and one operation. */
import type { IdentityService } from '../../modules/identity/index.ts'
import type { Operation, WalletService } from '../../modules/wallet/index.ts'
import { authenticate } from '../auth.ts'
import { AUTH_ERRORS } from '../contract/common.ts'
import {
  OperationList,
  OperationListQuery,
  OperationParams,
  OperationView,
} from '../contract/operations.ts'
import type { HttpApp } from '../server.ts'
import { localizedMessage } from '../errors.ts'

const tags = ['balance']

/** The operation as the API shows it: a failure carries its localized message. */
export function toOperationView(operation: Operation): OperationView {
  return {
    ...operation,
    failure:
      operation.failure === null
        ? null
        : { ...operation.failure, message: localizedMessage(operation.failure.code) },
  }
}

export interface OperationRoutesDeps {
  identity: IdentityService
  wallet: WalletService
}

export async function operationRoutes(app: HttpApp, deps: OperationRoutesDeps): Promise<void> {
  const { identity, wallet } = deps

  app.get(
    '/api/v1/me/operations',
    {
      schema: {
        tags,
        summary: 'Top-ups and withdrawals, newest first',
        querystring: OperationListQuery,
        response: { 200: OperationList, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { user } = await authenticate(request, identity)
      const operations = await wallet.listOperations(user.id, {
        ...(request.query.beforeMs !== undefined ? { beforeMs: request.query.beforeMs } : {}),
        ...(request.query.limit !== undefined ? { limit: request.query.limit } : {}),
      })
      return { operations: operations.map(toOperationView) }
    },
  )

  app.get(
    '/api/v1/me/operations/:operationId',
    {
      schema: {
        tags,
        summary: 'One top-up or withdrawal',
        params: OperationParams,
        response: { 200: OperationView, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { user } = await authenticate(request, identity)
      return toOperationView(await wallet.getOperation(user.id, request.params.operationId))
    },
  )
}
