/**
 * Paying merchants, the customer's side (`/api/v1/pay/*`): the confirm page's checkout for an
 * order QR or a static code, paying them, the payment code (付款码) and its images, the 免密
 * settings, payments waiting for the customer's confirmation (USERPAYING), one payment.
 */
import type { IdentityService } from '../../modules/identity/index.ts'
import type { PaymentsService } from '../../modules/payments/index.ts'
import { authenticate } from '../auth.ts'
import { AUTH_ERRORS, BANK_ERRORS } from '../contract/common.ts'
import {
  Checkout,
  ImageQuery,
  IssuedPaymentCode,
  MerchantCodeParams,
  OrderPayRequest,
  OrderTokenParams,
  PaymentCodeParams,
  PaymentParams,
  PaymentView,
  PaySettings,
  PaySettingsUpdate,
  PendingConfirmRequest,
  PendingPayments,
  StaticCheckoutQuery,
  StaticPayRequest,
} from '../contract/payments.ts'
import type { HttpApp } from '../server.ts'
import { sendImage, toPaymentView } from './payments-views.ts'

const tags = ['pay']

export interface PaymentRoutesDeps {
  identity: IdentityService
  payments: PaymentsService
}

export async function paymentRoutes(app: HttpApp, deps: PaymentRoutesDeps): Promise<void> {
  await checkoutRoutes(app, deps)
  await payRoutes(app, deps)
  await paymentCodeRoutes(app, deps)
  await settingsRoutes(app, deps)
  await pendingRoutes(app, deps)
}

async function checkoutRoutes(
  app: HttpApp,
  { identity, payments }: PaymentRoutesDeps,
): Promise<void> {
  app.get(
    '/api/v1/pay/checkout/orders/:orderToken',
    {
      schema: {
        tags,
        summary: "An order QR's confirm page: amount, merchant, methods and the default",
        description:
          'ORDER_PAID / ORDER_CLOSED / ORDER_EXPIRED / MERCHANT_SUSPENDED when it cannot be paid.',
        params: OrderTokenParams,
        response: { 200: Checkout, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { user } = await authenticate(request, identity)
      return payments.checkoutOrder(user.id, request.params.orderToken)
    },
  )

  app.get(
    '/api/v1/pay/checkout/merchants/:merchantCode',
    {
      schema: {
        tags,
        summary: "A static code's confirm page: merchant, methods, the ¥500/day limit left",
        params: MerchantCodeParams,
        querystring: StaticCheckoutQuery,
        response: { 200: Checkout, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { user } = await authenticate(request, identity)
      return payments.checkoutStatic(user.id, request.params.merchantCode, request.query.amountFen)
    },
  )
}

async function payRoutes(app: HttpApp, { identity, payments }: PaymentRoutesDeps): Promise<void> {
  app.post(
    '/api/v1/pay/orders/:orderToken/payments',
    {
      schema: {
        tags,
        summary: 'Pay an order (retry with the same idempotencyKey)',
        description:
          'SUCCESS, or PROCESSING while the bank has not answered (poll GET /pay/payments/:id). ' +
          'One order is paid once: a second device gets ORDER_PAID.',
        params: OrderTokenParams,
        body: OrderPayRequest,
        response: { 200: PaymentView, ...BANK_ERRORS },
      },
    },
    async (request) => {
      const { user } = await authenticate(request, identity)
      const body = { ...request.body, ip: request.ip }
      return toPaymentView(await payments.payOrder(user.id, request.params.orderToken, body))
    },
  )

  app.post(
    '/api/v1/pay/merchants/:merchantCode/payments',
    {
      schema: {
        tags,
        summary: "Pay a merchant's static code an amount of your choice (PBoC D level: ¥500/day)",
        params: MerchantCodeParams,
        body: StaticPayRequest,
        response: { 200: PaymentView, ...BANK_ERRORS },
      },
    },
    async (request) => {
      const { user } = await authenticate(request, identity)
      const body = { ...request.body, ip: request.ip }
      return toPaymentView(await payments.payStatic(user.id, request.params.merchantCode, body))
    },
  )

  app.get(
    '/api/v1/pay/payments/:paymentId',
    {
      schema: {
        tags,
        summary: 'One of my payments',
        params: PaymentParams,
        response: { 200: PaymentView, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { user } = await authenticate(request, identity)
      return toPaymentView(await payments.getPayment(user.id, request.params.paymentId))
    },
  )
}

async function paymentCodeRoutes(
  app: HttpApp,
  { identity, payments }: PaymentRoutesDeps,
): Promise<void> {
  app.post(
    '/api/v1/pay/payment-codes',
    {
      schema: {
        tags,
        summary:
          'A fresh payment code (付款码): 18 digits, 1 minute, once; earlier ones stop working',
        response: { 200: IssuedPaymentCode, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { user } = await authenticate(request, identity)
      return payments.issuePaymentCode(user.id)
    },
  )

  app.get(
    '/api/v1/pay/payment-codes/:code/image',
    {
      schema: {
        tags,
        summary: 'My live payment code as a QR code or a Code128 barcode (PNG or SVG)',
        params: PaymentCodeParams,
        querystring: ImageQuery,
        response: AUTH_ERRORS,
      },
    },
    async (request, reply) => {
      const { user } = await authenticate(request, identity)
      await payments.assertOwnPaymentCode(user.id, request.params.code)
      const image = await payments.image(
        request.params.code,
        request.query.kind ?? 'qr',
        request.query.format ?? 'png',
      )
      return sendImage(reply, image)
    },
  )
}

async function settingsRoutes(
  app: HttpApp,
  { identity, payments }: PaymentRoutesDeps,
): Promise<void> {
  app.get(
    '/api/v1/pay/settings',
    {
      schema: {
        tags,
        summary: '免密 limits, payment code on/off, default method',
        response: { 200: PaySettings, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { user } = await authenticate(request, identity)
      return payments.settings(user.id)
    },
  )

  app.put(
    '/api/v1/pay/settings',
    {
      schema: {
        tags,
        summary: 'Change pay settings (the payment password to turn 免密 on or raise its limits)',
        body: PaySettingsUpdate,
        response: { 200: PaySettings, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { user } = await authenticate(request, identity)
      return payments.updateSettings(user.id, { ...request.body, ip: request.ip })
    },
  )
}

async function pendingRoutes(
  app: HttpApp,
  { identity, payments }: PaymentRoutesDeps,
): Promise<void> {
  app.get(
    '/api/v1/pay/pending',
    {
      schema: {
        tags,
        summary: 'Payment-code payments waiting for my confirmation (USERPAYING)',
        response: { 200: PendingPayments, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { user } = await authenticate(request, identity)
      return { payments: (await payments.listPending(user.id)).map(toPaymentView) }
    },
  )

  app.post(
    '/api/v1/pay/pending/:paymentId/confirm',
    {
      schema: {
        tags,
        summary:
          'Confirm a waiting payment with the payment password (PAYMENT_NOT_PENDING if late)',
        params: PaymentParams,
        body: PendingConfirmRequest,
        response: { 200: PaymentView, ...BANK_ERRORS },
      },
    },
    async (request) => {
      const { user } = await authenticate(request, identity)
      const body = { ...request.body, ip: request.ip }
      return toPaymentView(await payments.confirmPending(user.id, request.params.paymentId, body))
    },
  )

  app.post(
    '/api/v1/pay/pending/:paymentId/cancel',
    {
      schema: {
        tags,
        summary: 'Refuse a waiting payment (it closes; the cashier sees CLOSED)',
        params: PaymentParams,
        response: { 200: PaymentView, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { user } = await authenticate(request, identity)
      return toPaymentView(await payments.cancelPending(user.id, request.params.paymentId))
    },
  )
}
