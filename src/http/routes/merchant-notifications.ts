/**
 * Notification deliveries in the merchant console (`/api/v1/merchant/notifications*`): the
 * v3 notifications sent to this merchant, newest first, with every attempt, and resend (the
 * same event again, WeChat's schedule ahead of it). The owner's: it shows the API setup.
 */
import { Type } from 'typebox'
import type { MerchantsService } from '../../modules/merchants/index.ts'
import type { NotificationsService } from '../../modules/notifications/index.ts'
import { DomainError } from '../../shared/errors.ts'
import { AUTH_ERRORS, ErrorBody } from '../contract/common.ts'
import { NotificationList, NotificationListQuery } from '../contract/merchant-notifications.ts'
import { authenticateStaff } from '../merchant-auth.ts'
import type { HttpApp } from '../server.ts'

const tags = ['merchant console']

export interface MerchantNotificationRoutesDeps {
  merchants: MerchantsService
  notifications: NotificationsService
}

export async function merchantNotificationRoutes(
  app: HttpApp,
  deps: MerchantNotificationRoutesDeps,
): Promise<void> {
  app.get(
    '/api/v1/merchant/notifications',
    {
      schema: {
        tags,
        summary: 'v3 notifications sent to this merchant with each delivery attempt (owner)',
        querystring: NotificationListQuery,
        response: { 200: NotificationList, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { staff } = await authenticateStaff(request, deps.merchants)
      if (staff.role !== 'owner') throw new DomainError('FORBIDDEN', { permission: 'api.read' })
      const events = await deps.notifications.deliveryLog(staff.merchantId, {
        limit: request.query.limit ?? 50,
      })
      return { events }
    },
  )
  app.post(
    '/api/v1/merchant/notifications/:id/resend',
    {
      schema: {
        tags,
        summary: 'Send a notification again (owner)',
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 36 }) }),
        response: { 204: Type.Null(), ...AUTH_ERRORS, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const { staff } = await authenticateStaff(request, deps.merchants)
      if (staff.role !== 'owner') throw new DomainError('FORBIDDEN', { permission: 'api.write' })
      await deps.notifications.resend(staff.merchantId, request.params.id)
      return reply.status(204).send(null)
    },
  )
}
