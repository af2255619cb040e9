/**
 * The wallet's side of JSAPI, App and H5 orders (contract/pay-prepay.ts): the page hands over
 * the merchant's signed invocation; we verify it (merchantApi), check a JSAPI order's openid
 * against the signed-in user, and show and pay the order through the payments core like any
 * other. The order's token never leaves the server: only the invocation opens the order.
 * Also the customer's openid for an app, and the WeixinJSBridge script for merchants' H5 pages.
 */
import type { IdentityService } from '../../modules/identity/index.ts'
import type { MerchantApi } from '../../modules/merchant-api/index.ts'
import type { PaymentsService } from '../../modules/payments/index.ts'
import { DomainError } from '../../shared/errors.ts'
import { authenticate } from '../auth.ts'
import { AUTH_ERRORS, BANK_ERRORS } from '../contract/common.ts'
import {
  type Invocation,
  OpenIdQuery,
  OpenIdView,
  PrepayCheckoutRequest,
  PrepayPayRequest,
} from '../contract/pay-prepay.ts'
import { Checkout, PaymentView } from '../contract/payments.ts'
import type { HttpApp } from '../server.ts'
import { JSBRIDGE_SCRIPT } from './pay-jsbridge.ts'
import { toPaymentView } from './payments-views.ts'

const tags = ['pay']

export interface PrepayRoutesDeps {
  identity: IdentityService
  merchantApi: MerchantApi
  payments: PaymentsService
}

interface Opened {
  orderToken: string
  /** The signed invocation to retire once it paid (none for H5). */
  signed?: { appId: string; nonceStr: string }
}

const PREPAY_PREFIX = 'prepay_id='

/** The order `invocation` opens for `userId`, or why it does not. */
async function openInvocation(
  deps: PrepayRoutesDeps,
  userId: string,
  invocation: Invocation,
  allowUsed = false,
): Promise<Opened> {
  let opened: { kind: Awaited<ReturnType<MerchantApi['verifyH5']>>; signed?: Opened['signed'] }
  if (invocation.kind === 'H5') {
    opened = { kind: await deps.merchantApi.verifyH5(invocation.prepay_id, invocation.package) }
  } else if (invocation.kind === 'JSAPI') {
    if (!invocation.package.startsWith(PREPAY_PREFIX)) {
      throw new DomainError('PAY_SIGN_INVALID', { reason: 'package must be prepay_id=…' })
    }
    const kind = await deps.merchantApi.verifyInvocation(
      {
        kind: 'JSAPI',
        appId: invocation.appId,
        timeStamp: invocation.timeStamp,
        nonceStr: invocation.nonceStr,
        prepayId: invocation.package.slice(PREPAY_PREFIX.length),
        signature: invocation.paySign,
      },
      // OPENID_MISMATCH unless the order was placed for this user's openid.
      { allowUsed, payerUserId: userId },
    )
    opened = { kind, signed: { appId: invocation.appId, nonceStr: invocation.nonceStr } }
  } else {
    const kind = await deps.merchantApi.verifyInvocation(
      {
        kind: 'APP',
        appId: invocation.appid,
        timeStamp: invocation.timestamp,
        nonceStr: invocation.noncestr,
        prepayId: invocation.prepayid,
        signature: invocation.sign,
      },
      { allowUsed },
    )
    if (kind.merchantId !== invocation.partnerid) {
      throw new DomainError('PAY_SIGN_INVALID', { reason: 'partnerid is not the order’s mchid' })
    }
    opened = { kind, signed: { appId: invocation.appid, nonceStr: invocation.noncestr } }
  }
  const order = await deps.payments.getOrder(opened.kind.merchantId, {
    outTradeNo: opened.kind.outTradeNo,
  })
  return { orderToken: order.token, ...(opened.signed ? { signed: opened.signed } : {}) }
}

export async function prepayRoutes(app: HttpApp, deps: PrepayRoutesDeps): Promise<void> {
  const { identity, payments } = deps
  app.post(
    '/api/v1/pay/prepay/checkout',
    {
      schema: {
        tags,
        summary: "A JSAPI/App/H5 order's confirm page, opened by the merchant's signed invocation",
        description:
          'PAY_SIGN_INVALID / PAY_SIGN_EXPIRED / PAY_SIGN_REPLAYED for a bad, stale or used ' +
          'invocation; OPENID_MISMATCH when a JSAPI order was placed for another user.',
        body: PrepayCheckoutRequest,
        response: { 200: Checkout, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { user } = await authenticate(request, identity)
      const { orderToken } = await openInvocation(deps, user.id, request.body.invocation)
      return payments.checkoutOrder(user.id, orderToken)
    },
  )
  app.post(
    '/api/v1/pay/prepay/payments',
    {
      schema: {
        tags,
        summary: 'Pay a JSAPI/App/H5 order (retry with the same idempotencyKey)',
        body: PrepayPayRequest,
        response: { 200: PaymentView, ...BANK_ERRORS },
      },
    },
    async (request) => {
      const { user } = await authenticate(request, identity)
      const { invocation, ...pay } = request.body
      // A retry of this payment may present the invocation again: the core answers it by key.
      const opened = await openInvocation(deps, user.id, invocation, true)
      const payment = await payments.payOrder(user.id, opened.orderToken, {
        ...pay,
        ip: request.ip,
      })
      if (opened.signed !== undefined && payment.status !== 'FAILED') {
        await deps.merchantApi.markInvocationUsed(opened.signed.appId, opened.signed.nonceStr)
      }
      return toPaymentView(payment)
    },
  )
  await openIdRoutes(app, deps)
}

/** The customer's openid for an app, and the bridge script merchants' H5 pages load. */
async function openIdRoutes(app: HttpApp, deps: PrepayRoutesDeps): Promise<void> {
  const { identity } = deps
  app.get(
    '/api/v1/pay/openid',
    {
      schema: {
        tags,
        summary: "My openid for a merchant's app (what a JSAPI order's payer.openid must be)",
        querystring: OpenIdQuery,
        response: { 200: OpenIdView, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { user } = await authenticate(request, identity)
      const { appid } = request.query
      return { appid, openid: deps.merchantApi.openIdFor(appid, user.id) }
    },
  )
  app.get(
    '/pay/jsbridge.js',
    {
      schema: {
        tags,
        summary: 'WeixinJSBridge for H5 pages: getBrandWCPayRequest opens our pay page',
      },
    },
    async (_request, reply) =>
      reply
        .type('application/javascript; charset=utf-8')
        .header('cache-control', 'public, max-age=300')
        .send(JSBRIDGE_SCRIPT),
  )
}
