/**
 * The merchant console's API (`/api/v1/merchant/*`): staff sign-in with its own cookie and
 * sessions, the signed-in merchant's profile, and its staff (the owner adds cashiers).
 */
import type { Config } from '../../config.ts'
import type { MerchantsService } from '../../modules/merchants/index.ts'
import { AUTH_ERRORS, NoContent } from '../contract/common.ts'
import {
  CashierCreateRequest,
  MerchantConsoleMe,
  MerchantSessionProbe,
  StaffList,
  StaffSignedIn,
  StaffSignInRequest,
  StaffView,
} from '../contract/merchants.ts'
import { bearerOrCookie } from '../auth.ts'
import { authenticateStaff, MERCHANT_SESSION_COOKIE } from '../merchant-auth.ts'
import type { HttpApp } from '../server.ts'
import { toMerchantView, toStaffView } from './merchants.ts'

const tags = ['merchant console']

export interface MerchantConsoleRoutesDeps {
  merchants: MerchantsService
  config: Pick<Config, 'cookieSecure'>
}

export async function merchantConsoleRoutes(
  app: HttpApp,
  deps: MerchantConsoleRoutesDeps,
): Promise<void> {
  await staffSessionRoutes(app, deps)
  await staffRoutes(app, deps)
}

async function staffSessionRoutes(
  app: HttpApp,
  { merchants, config }: MerchantConsoleRoutesDeps,
): Promise<void> {
  app.post(
    '/api/v1/merchant/sessions',
    {
      schema: {
        tags,
        summary: 'Staff sign-in; sets the lq_merchant_session cookie',
        description:
          '5 wrong passwords in a row lock the username 15 minutes (MERCHANT_LOCKED); an ' +
          'unknown username answers exactly like a wrong password.',
        body: StaffSignInRequest,
        response: { 200: StaffSignedIn, ...AUTH_ERRORS },
      },
    },
    async (request, reply) => {
      const { staff, token } = await merchants.signIn(request.body)
      void reply.setCookie(MERCHANT_SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: config.cookieSecure,
        path: '/',
        maxAge: Math.floor(merchants.sessionTtlMs / 1000),
      })
      return { token, staff: toStaffView(staff) }
    },
  )

  app.delete(
    '/api/v1/merchant/sessions',
    {
      schema: {
        tags,
        summary: 'Staff sign-out (this session)',
        response: { 204: NoContent, ...AUTH_ERRORS },
      },
    },
    async (request, reply) => {
      const { staff, session } = await authenticateStaff(request, merchants)
      await merchants.signOut(staff, session.id)
      void reply.clearCookie(MERCHANT_SESSION_COOKIE, { path: '/' })
      return reply.status(204).send(null)
    },
  )
}

async function staffRoutes(app: HttpApp, { merchants }: MerchantConsoleRoutesDeps): Promise<void> {
  app.get(
    '/api/v1/merchant/me',
    {
      schema: {
        tags,
        summary: 'The signed-in staff member and their merchant (card masked)',
        response: { 200: MerchantConsoleMe, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { staff } = await authenticateStaff(request, merchants)
      const merchant = await merchants.get(staff.merchantId)
      return { staff: toStaffView(staff), merchant: toMerchantView(merchant) }
    },
  )

  app.get(
    '/api/v1/merchant/session',
    {
      schema: {
        tags,
        summary: 'Which staff member is signed in, if any (200 either way)',
        response: { 200: MerchantSessionProbe },
      },
    },
    async (request) => {
      const token = bearerOrCookie(request, MERCHANT_SESSION_COOKIE)
      const resolved = token === undefined ? undefined : await merchants.resolveSession(token)
      if (resolved === undefined) return { signedIn: false as const }
      const merchant = toMerchantView(await merchants.get(resolved.staff.merchantId))
      return { signedIn: true as const, staff: toStaffView(resolved.staff), merchant }
    },
  )

  app.get(
    '/api/v1/merchant/staff',
    {
      schema: {
        tags,
        summary: "The merchant's staff",
        response: { 200: StaffList, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { staff } = await authenticateStaff(request, merchants)
      return { staff: (await merchants.listStaff(staff.merchantId)).map(toStaffView) }
    },
  )

  app.post(
    '/api/v1/merchant/staff',
    {
      schema: {
        tags,
        summary: 'The owner adds a cashier (MERCHANT_SUSPENDED while suspended)',
        body: CashierCreateRequest,
        response: { 201: StaffView, ...AUTH_ERRORS },
      },
    },
    async (request, reply) => {
      const { staff } = await authenticateStaff(request, merchants)
      const cashier = await merchants.addCashier(staff, request.body)
      return reply.status(201).send(toStaffView(cashier))
    },
  )
}
