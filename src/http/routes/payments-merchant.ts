/**
 * Paying merchants, the merchant console's side (`/api/v1/merchant/*`, staff sessions): orders
 * (动态码) and their QR images, the static code (收款码), collecting a customer's payment code,
 * the payments (the cashier polls one until it leaves USERPAYING / PROCESSING), today's takings.
 * Every resource is the signed-in staff member's merchant's: another merchant's is NOT_FOUND.
 */
import type { MerchantsService } from '../../modules/merchants/index.ts'
import type { PaymentsService } from '../../modules/payments/index.ts'
import { shanghaiDayStartMs } from '../../shared/shanghai-time.ts'
import type { Clock } from '../../adapters/clock/index.ts'
import { AUTH_ERRORS, BANK_ERRORS } from '../contract/common.ts'
import {
  CodeCollectRequest,
  ImageQuery,
  MerchantPaymentList,
  MerchantPaymentQuery,
  MerchantPaymentView,
  OrderCreateRequest,
  OrderList,
  OrderListQuery,
  OrderParams,
  OrderView,
  PaymentParams,
  StaticCodeView,
  Takings,
} from '../contract/payments.ts'
import { authenticateStaff } from '../merchant-auth.ts'
import type { HttpApp } from '../server.ts'
import { sendImage, toMerchantPaymentView, toOrderView } from './payments-views.ts'

const tags = ['merchant console']

export interface MerchantPaymentRoutesDeps {
  merchants: MerchantsService
  payments: PaymentsService
  clock: Clock
}

export async function merchantPaymentRoutes(
  app: HttpApp,
  deps: MerchantPaymentRoutesDeps,
): Promise<void> {
  await orderRoutes(app, deps)
  await orderReadRoutes(app, deps)
  await orderImageRoutes(app, deps)
  await staticCodeRoutes(app, deps)
  await collectRoutes(app, deps)
  await paymentReadRoutes(app, deps)
}

async function orderRoutes(
  app: HttpApp,
  { merchants, payments, clock }: MerchantPaymentRoutesDeps,
) {
  app.post(
    '/api/v1/merchant/orders',
    {
      schema: {
        tags,
        summary:
          'Create an order (动态码); the same outTradeNo and content again answers the same order',
        description:
          'OUT_TRADE_NO_USED when the number is taken by another order; 201 new, 200 replay.',
        body: OrderCreateRequest,
        response: { 200: OrderView, 201: OrderView, ...AUTH_ERRORS },
      },
    },
    async (request, reply) => {
      const { staff } = await authenticateStaff(request, merchants)
      const { expiresInSeconds, ...input } = request.body
      const expiresAtMs =
        clock.nowMs() + (expiresInSeconds ?? payments.rules().orderTtlMsDefault / 1000) * 1000
      const { order, created } = await payments.createOrder(staff.merchantId, {
        ...input,
        expiresAtMs,
      })
      return reply.status(created ? 201 : 200).send(toOrderView(order))
    },
  )
}

async function orderReadRoutes(app: HttpApp, { merchants, payments }: MerchantPaymentRoutesDeps) {
  app.get(
    '/api/v1/merchant/orders',
    {
      schema: {
        tags,
        summary: 'Orders, newest first',
        querystring: OrderListQuery,
        response: { 200: OrderList, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { staff } = await authenticateStaff(request, merchants)
      const page = await payments.listOrders(staff.merchantId, request.query)
      return { orders: page.orders.map(toOrderView), nextCursor: page.nextCursor }
    },
  )

  app.get(
    '/api/v1/merchant/orders/:orderId',
    {
      schema: {
        tags,
        summary: 'One order',
        params: OrderParams,
        response: { 200: OrderView, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { staff } = await authenticateStaff(request, merchants)
      return toOrderView(
        await payments.getOrder(staff.merchantId, { orderId: request.params.orderId }),
      )
    },
  )

  app.post(
    '/api/v1/merchant/orders/:orderId/close',
    {
      schema: {
        tags,
        summary: 'Close an unpaid order (ORDER_PAID when paid or being paid)',
        params: OrderParams,
        response: { 200: OrderView, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { staff } = await authenticateStaff(request, merchants)
      return toOrderView(
        await payments.closeOrder(staff.merchantId, { orderId: request.params.orderId }),
      )
    },
  )
}

async function orderImageRoutes(app: HttpApp, { merchants, payments }: MerchantPaymentRoutesDeps) {
  app.get(
    '/api/v1/merchant/orders/:orderId/image',
    {
      schema: {
        tags,
        summary: "The order's QR code (or a Code128 barcode) of its pay URL, PNG or SVG",
        params: OrderParams,
        querystring: ImageQuery,
        response: AUTH_ERRORS,
      },
    },
    async (request, reply) => {
      const { staff } = await authenticateStaff(request, merchants)
      const order = await payments.getOrder(staff.merchantId, { orderId: request.params.orderId })
      const { kind = 'qr', format = 'png' } = request.query
      return sendImage(reply, await payments.image(order.payUrl, kind, format))
    },
  )
}

async function staticCodeRoutes(app: HttpApp, { merchants, payments }: MerchantPaymentRoutesDeps) {
  app.get(
    '/api/v1/merchant/static-code',
    {
      schema: {
        tags,
        summary: 'The static code (收款码) and its pay URL',
        response: { 200: StaticCodeView, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { staff } = await authenticateStaff(request, merchants)
      return payments.staticCode(staff.merchantId)
    },
  )

  app.get(
    '/api/v1/merchant/static-code/image',
    {
      schema: {
        tags,
        summary: 'The static code as a QR image to print (PNG or SVG)',
        querystring: ImageQuery,
        response: AUTH_ERRORS,
      },
    },
    async (request, reply) => {
      const { staff } = await authenticateStaff(request, merchants)
      const code = await payments.staticCode(staff.merchantId)
      const { kind = 'qr', format = 'png' } = request.query
      return sendImage(reply, await payments.image(code.payUrl, kind, format))
    },
  )
}

async function collectRoutes(
  app: HttpApp,
  { merchants, payments, clock }: MerchantPaymentRoutesDeps,
) {
  app.post(
    '/api/v1/merchant/code-payments',
    {
      schema: {
        tags,
        summary: "Collect a customer's payment code (付款码) for an amount",
        description:
          "SUCCESS at once within the customer's 免密 limits; else USERPAYING until the customer " +
          'confirms on the phone: poll GET /merchant/payments/:id. The same outTradeNo and content ' +
          'again answers the same payment (201 new, 200 replay).',
        body: CodeCollectRequest,
        response: { 200: MerchantPaymentView, 201: MerchantPaymentView, ...BANK_ERRORS },
      },
    },
    async (request, reply) => {
      const { staff } = await authenticateStaff(request, merchants)
      const { payment, created } = await payments.collectByCode(staff.merchantId, request.body)
      return reply.status(created ? 201 : 200).send(toMerchantPaymentView(payment))
    },
  )

  app.get(
    '/api/v1/merchant/payments',
    {
      schema: {
        tags,
        summary: 'Payments, newest first (from/to by creation time)',
        querystring: MerchantPaymentQuery,
        response: { 200: MerchantPaymentList, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { staff } = await authenticateStaff(request, merchants)
      const page = await payments.listMerchantPayments(staff.merchantId, request.query)
      return { payments: page.payments.map(toMerchantPaymentView), nextCursor: page.nextCursor }
    },
  )
}

async function paymentReadRoutes(
  app: HttpApp,
  { merchants, payments, clock }: MerchantPaymentRoutesDeps,
) {
  app.get(
    '/api/v1/merchant/payments/:paymentId',
    {
      schema: {
        tags,
        summary: 'One payment (the cashier polls it)',
        params: PaymentParams,
        response: { 200: MerchantPaymentView, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { staff } = await authenticateStaff(request, merchants)
      return toMerchantPaymentView(
        await payments.getMerchantPayment(staff.merchantId, request.params.paymentId),
      )
    },
  )

  app.get(
    '/api/v1/merchant/takings/today',
    {
      schema: {
        tags,
        summary: "Today's takings (Shanghai day): count and gross",
        response: { 200: Takings, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { staff } = await authenticateStaff(request, merchants)
      return payments.merchantTakings(staff.merchantId, shanghaiDayStartMs(clock.nowMs()))
    },
  )
}
