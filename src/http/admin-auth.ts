/**
 * Who is calling the operator API: an operator session token from the HttpOnly cookie
 * `lq_admin_session` (admin console) or `Authorization: Bearer` on /api/v1/admin/* routes.
 * Operator sessions live in their own table, so a wallet user's token never resolves here and
 * an operator's token never resolves on user routes.
 */
import type { FastifyRequest } from 'fastify'
import type { Operator, OperatorSession, OpsService } from '../modules/ops/index.ts'
import { DomainError } from '../shared/errors.ts'
import { bearerOrCookie } from './auth.ts'

export const ADMIN_SESSION_COOKIE = 'lq_admin_session'

export function operatorToken(request: FastifyRequest): string | undefined {
  return bearerOrCookie(request, ADMIN_SESSION_COOKIE)
}

export async function authenticateOperator(
  request: FastifyRequest,
  ops: OpsService,
): Promise<{ operator: Operator; session: OperatorSession }> {
  const token = operatorToken(request)
  const resolved = token === undefined ? undefined : await ops.resolveSession(token)
  if (resolved === undefined) throw new DomainError('UNAUTHENTICATED')
  return resolved
}
