/**
 * The merchant's money in the merchant console (`/api/v1/merchant/settlements*`, `…/coupons*`)
 * and the operators' settlement overview (`/api/v1/admin/settlements`). Settlements and
 * campaign changes are the owner's; cashiers see the campaigns running.
 */
import type { CouponsService } from '../../modules/coupons/index.ts'
import type { MerchantsService, Staff } from '../../modules/merchants/index.ts'
import { may, type OpsService } from '../../modules/ops/index.ts'
import type { SettlementService } from '../../modules/settlement/index.ts'
import { settlementCsv } from '../../modules/settlement/index.ts'
import { isCalendarDate } from '../../shared/calendar-date.ts'
import { DomainError } from '../../shared/errors.ts'
import { shanghaiDayRangeMs } from '../../shared/shanghai-time.ts'
import { Type } from 'typebox'
import { authenticateOperator } from '../admin-auth.ts'
import { AUTH_ERRORS } from '../contract/common.ts'
import {
  CampaignCreateRequest,
  CampaignList,
  CampaignParams,
  CampaignView,
  SettlementDayParams,
  SettlementList,
  SettlementListQuery,
  SettlementView,
} from '../contract/merchant-money.ts'
import { authenticateStaff } from '../merchant-auth.ts'
import type { HttpApp } from '../server.ts'

const tags = ['merchant console']

export interface MerchantMoneyRoutesDeps {
  merchants: MerchantsService
  settlement: SettlementService
  coupons: CouponsService
  ops: OpsService
}

function requireOwner(staff: Staff, permission: string): void {
  if (staff.role !== 'owner') throw new DomainError('FORBIDDEN', { permission })
}

function checkedDay(day: string | undefined): string | undefined {
  if (day !== undefined && !isCalendarDate(day)) {
    throw new DomainError('INVALID_REQUEST', { field: 'day' })
  }
  return day
}

export async function merchantMoneyRoutes(
  app: HttpApp,
  deps: MerchantMoneyRoutesDeps,
): Promise<void> {
  await settlementRoutes(app, deps)
  await couponRoutes(app, deps)
  app.get(
    '/api/v1/admin/settlements',
    {
      schema: {
        tags: ['admin'],
        summary: "Every merchant's settlements, newest day first (merchants.read)",
        querystring: SettlementListQuery,
        response: { 200: SettlementList, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { operator } = await authenticateOperator(request, deps.ops)
      if (!may(operator.role, 'merchants.read')) {
        throw new DomainError('FORBIDDEN', { permission: 'merchants.read' })
      }
      const beforeDay = checkedDay(request.query.beforeDay)
      const settlements = await deps.settlement.list({
        ...(beforeDay ? { beforeDay } : {}),
        limit: 100,
      })
      return { settlements }
    },
  )
}

async function settlementRoutes(app: HttpApp, deps: MerchantMoneyRoutesDeps): Promise<void> {
  const { merchants, settlement } = deps
  app.get(
    '/api/v1/merchant/settlements',
    {
      schema: {
        tags,
        summary: "The merchant's daily settlements, newest first (owner)",
        querystring: SettlementListQuery,
        response: { 200: SettlementList, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { staff } = await authenticateStaff(request, merchants)
      requireOwner(staff, 'settlements.read')
      const beforeDay = checkedDay(request.query.beforeDay)
      const settlements = await settlement.list({
        merchantId: staff.merchantId,
        ...(beforeDay ? { beforeDay } : {}),
      })
      return { settlements }
    },
  )
  app.get(
    '/api/v1/merchant/settlements.csv',
    {
      schema: {
        tags,
        summary: 'The last 100 days of settlements as CSV (UTF-8 with BOM), owner',
        response: { 200: Type.String({ description: 'text/csv; charset=utf-8' }), ...AUTH_ERRORS },
      },
    },
    async (request, reply) => {
      const { staff } = await authenticateStaff(request, merchants)
      requireOwner(staff, 'settlements.read')
      const rows = await settlement.list({ merchantId: staff.merchantId, limit: 100 })
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="settlements-${staff.merchantId}.csv"`)
        .send(settlementCsv(rows))
    },
  )
  app.get(
    '/api/v1/merchant/settlements/:day',
    {
      schema: {
        tags,
        summary: "One day's settlement report (owner)",
        params: SettlementDayParams,
        response: { 200: SettlementView, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { staff } = await authenticateStaff(request, merchants)
      requireOwner(staff, 'settlements.read')
      return settlement.get(staff.merchantId, checkedDay(request.params.day) as string)
    },
  )
}

async function couponRoutes(app: HttpApp, deps: MerchantMoneyRoutesDeps): Promise<void> {
  const { merchants, coupons } = deps
  app.get(
    '/api/v1/merchant/coupons',
    {
      schema: {
        tags,
        summary: "The merchant's coupon campaigns with the budget used",
        response: { 200: CampaignList, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { staff } = await authenticateStaff(request, merchants)
      return { campaigns: await coupons.list(staff.merchantId) }
    },
  )
  app.post(
    '/api/v1/merchant/coupons',
    {
      schema: {
        tags,
        summary: 'Create a campaign funded by the merchant (owner; idempotent by creationKey)',
        description:
          'Runs from startDate 00:00 to the end of endDate, Shanghai time. At most 20 running ' +
          'campaigns (COUPON_CAMPAIGNS_LIMIT).',
        body: CampaignCreateRequest,
        response: { 201: CampaignView, ...AUTH_ERRORS },
      },
    },
    async (request, reply) => {
      const { staff } = await authenticateStaff(request, merchants)
      requireOwner(staff, 'coupons.manage')
      const { startDate, endDate, ...rest } = request.body
      if (!isCalendarDate(startDate))
        throw new DomainError('INVALID_REQUEST', { field: 'startDate' })
      if (!isCalendarDate(endDate)) throw new DomainError('INVALID_REQUEST', { field: 'endDate' })
      const campaign = await coupons.create(
        { merchantId: staff.merchantId, staffId: staff.id },
        {
          ...rest,
          startsAtMs: shanghaiDayRangeMs(startDate).startMs,
          endsAtMs: shanghaiDayRangeMs(endDate).endMs,
          fundedBy: 'merchant',
        },
      )
      return reply.status(201).send(campaign)
    },
  )
  app.post(
    '/api/v1/merchant/coupons/:campaignId/end',
    {
      schema: {
        tags,
        summary: 'End a campaign now (owner; a repeat is a no-op)',
        params: CampaignParams,
        response: { 200: CampaignView, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { staff } = await authenticateStaff(request, merchants)
      requireOwner(staff, 'coupons.manage')
      return coupons.end(staff.merchantId, request.params.campaignId)
    },
  )
}
