/**
 * Merchants in the admin console (`/api/v1/admin/merchants`): onboard (admin), search and
 * detail (every role), suspend/activate (admin). Every change is audited by the module.
 */
import type { Operator, OpsService } from '../../modules/ops/index.ts'
import { may, type Permission } from '../../modules/ops/index.ts'
import {
  FEE_RATE_BP_MAX as MODULE_FEE_RATE_BP_MAX,
  LEGAL_NAME_LENGTH_MAX as MODULE_LEGAL_NAME_LENGTH_MAX,
  type Merchant,
  type MerchantsService,
  type MerchantStatus as ModuleMerchantStatus,
  type Staff,
  type StaffRole as ModuleStaffRole,
  STAFF_PASSWORD_LENGTH_MAX as MODULE_STAFF_PASSWORD_LENGTH_MAX,
  STAFF_PASSWORD_LENGTH_MIN as MODULE_STAFF_PASSWORD_LENGTH_MIN,
  STORE_NAME_LENGTH_MAX as MODULE_STORE_NAME_LENGTH_MAX,
} from '../../modules/merchants/index.ts'
import { DomainError } from '../../shared/errors.ts'
import { MERCHANT_CATEGORIES } from '../../shared/merchant-categories.ts'
import { authenticateOperator } from '../admin-auth.ts'
import { AUTH_ERRORS, type Same } from '../contract/common.ts'
import {
  AdminMerchantDetail,
  FEE_RATE_BP_MAX,
  LEGAL_NAME_LENGTH_MAX,
  MerchantCategoryList,
  MerchantCreated,
  MerchantCreateRequest,
  MerchantList,
  MerchantParams,
  MerchantSearchQuery,
  type MerchantStatus,
  MerchantStatusChange,
  MerchantView,
  STAFF_PASSWORD_LENGTH_MAX,
  STAFF_PASSWORD_LENGTH_MIN,
  type StaffRole,
  type StaffView,
  STORE_NAME_LENGTH_MAX,
} from '../contract/merchants.ts'
import type { HttpApp } from '../server.ts'

// The contract restates the module's limits and vocabularies; these fail to compile if they drift.
const contractMatches: [
  Same<typeof LEGAL_NAME_LENGTH_MAX, typeof MODULE_LEGAL_NAME_LENGTH_MAX>,
  Same<typeof STORE_NAME_LENGTH_MAX, typeof MODULE_STORE_NAME_LENGTH_MAX>,
  Same<typeof FEE_RATE_BP_MAX, typeof MODULE_FEE_RATE_BP_MAX>,
  Same<typeof STAFF_PASSWORD_LENGTH_MIN, typeof MODULE_STAFF_PASSWORD_LENGTH_MIN>,
  Same<typeof STAFF_PASSWORD_LENGTH_MAX, typeof MODULE_STAFF_PASSWORD_LENGTH_MAX>,
  Same<MerchantStatus, ModuleMerchantStatus>,
  Same<StaffRole, ModuleStaffRole>,
] = [true, true, true, true, true, true, true]
void contractMatches

const tags = ['merchants']

function categoryName(code: string): { zh: string; en: string } {
  const category = MERCHANT_CATEGORIES.find((candidate) => candidate.code === code)
  return category === undefined ? { zh: code, en: code } : { zh: category.zh, en: category.en }
}

export function toMerchantView(merchant: Merchant): MerchantView {
  return { ...merchant, categoryName: categoryName(merchant.category) }
}

export function toStaffView(staff: Staff): StaffView {
  return {
    id: staff.id,
    username: staff.username,
    displayName: staff.displayName,
    role: staff.role,
  }
}

export interface MerchantAdminRoutesDeps {
  ops: OpsService
  merchants: MerchantsService
}

function requireMay(operator: Operator, permission: Permission): void {
  if (!may(operator.role, permission)) throw new DomainError('FORBIDDEN', { permission })
}

export async function merchantAdminRoutes(
  app: HttpApp,
  deps: MerchantAdminRoutesDeps,
): Promise<void> {
  await merchantWriteRoutes(app, deps)
  await merchantReadRoutes(app, deps)
}

async function merchantWriteRoutes(
  app: HttpApp,
  { ops, merchants }: MerchantAdminRoutesDeps,
): Promise<void> {
  app.post(
    '/api/v1/admin/merchants',
    {
      schema: {
        tags,
        summary: 'Onboard a merchant (admin): its ledger accounts and owner sign-in come with it',
        description:
          'Idempotent by creationKey. The owner password is in the response once, from the call ' +
          'that created the owner; a retry answers password null.',
        body: MerchantCreateRequest,
        response: { 200: MerchantCreated, 201: MerchantCreated, ...AUTH_ERRORS },
      },
    },
    async (request, reply) => {
      const { operator } = await authenticateOperator(request, ops)
      requireMay(operator, 'merchants.manage')
      const actor = { kind: 'operator' as const, id: operator.id, ip: request.ip }
      const onboarded = await merchants.onboard(actor, request.body)
      const body = { ...onboarded, merchant: toMerchantView(onboarded.merchant) }
      return reply.status(onboarded.created ? 201 : 200).send(body)
    },
  )

  app.post(
    '/api/v1/admin/merchants/:merchantId/status',
    {
      schema: {
        tags,
        summary: 'Suspend or activate a merchant (admin); a repeat changes nothing',
        params: MerchantParams,
        body: MerchantStatusChange,
        response: { 200: MerchantView, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { operator } = await authenticateOperator(request, ops)
      requireMay(operator, 'merchants.manage')
      const actor = { kind: 'operator' as const, id: operator.id, ip: request.ip }
      const change = { merchantId: request.params.merchantId, ...request.body }
      return toMerchantView(await merchants.changeStatus(actor, change))
    },
  )
}

async function merchantReadRoutes(
  app: HttpApp,
  { ops, merchants }: MerchantAdminRoutesDeps,
): Promise<void> {
  app.get(
    '/api/v1/admin/merchants',
    {
      schema: {
        tags,
        summary: 'Merchants, newest first; query matches the mchid or part of a name',
        querystring: MerchantSearchQuery,
        response: { 200: MerchantList, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { operator } = await authenticateOperator(request, ops)
      requireMay(operator, 'merchants.read')
      return { merchants: (await merchants.search(request.query.query)).map(toMerchantView) }
    },
  )

  app.get(
    '/api/v1/admin/merchant-categories',
    {
      schema: {
        tags,
        summary: 'The merchant categories (MCC-like codes) with their names',
        response: { 200: MerchantCategoryList, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      await authenticateOperator(request, ops)
      const categories = MERCHANT_CATEGORIES.map(({ code, zh, en }) => ({ code, name: { zh, en } }))
      return { categories }
    },
  )

  app.get(
    '/api/v1/admin/merchants/:merchantId',
    {
      schema: {
        tags,
        summary: 'One merchant with its staff',
        params: MerchantParams,
        response: { 200: AdminMerchantDetail, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { operator } = await authenticateOperator(request, ops)
      requireMay(operator, 'merchants.read')
      const merchant = await merchants.get(request.params.merchantId)
      const staff = await merchants.listStaff(merchant.id)
      return { merchant: toMerchantView(merchant), staff: staff.map(toStaffView) }
    },
  )
}
