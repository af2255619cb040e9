/**
 * Who is calling the merchant console API: a staff session token from the HttpOnly cookie
 * `lq_merchant_session` (the console) or `Authorization: Bearer` on /api/v1/merchant/* routes.
 * Staff sessions live in their own table: a user's or an operator's token never resolves here,
 * and a staff token resolves on no user or admin route.
 */
import type { FastifyRequest } from 'fastify'
import type { MerchantsService, Staff, StaffSession } from '../modules/merchants/index.ts'
import { DomainError } from '../shared/errors.ts'
import { bearerOrCookie } from './auth.ts'

export const MERCHANT_SESSION_COOKIE = 'lq_merchant_session'

export async function authenticateStaff(
  request: FastifyRequest,
  merchants: MerchantsService,
): Promise<{ staff: Staff; session: StaffSession }> {
  const token = bearerOrCookie(request, MERCHANT_SESSION_COOKIE)
  const resolved = token === undefined ? undefined : await merchants.resolveSession(token)
  if (resolved === undefined) throw new DomainError('UNAUTHENTICATED')
  return resolved
}
