/**
 * Our pay page for orders placed over the WeChat Pay v3 API as JSAPI, App or H5 (issue 13):
 * the wallet page receives the client invocation the merchant's code made — JSAPI's
 * `{appId, timeStamp, nonceStr, package: "prepay_id=…", signType: "RSA", paySign}`, App's
 * `{appid, partnerid, prepayid, package: "Sign=WXPay", noncestr, timestamp, sign}`, or the
 * h5_url's `{prepay_id, package}` — and hands it here as `invocation`. The server verifies the
 * merchant's signature (PAY_SIGN_INVALID / PAY_SIGN_EXPIRED / PAY_SIGN_REPLAYED) and, for
 * JSAPI, that the signed-in user is the order's openid (OPENID_MISMATCH), then answers the same
 * Checkout as any order and pays through the payments core.
 *
 *   POST /api/v1/pay/prepay/checkout  PrepayCheckoutRequest → Checkout
 *   POST /api/v1/pay/prepay/payments  PrepayPayRequest      → PaymentView
 *   GET  /api/v1/pay/openid?appid=wx…                        → OpenIdView (my openid for that app)
 *   GET  /pay/jsbridge.js   a script defining WeixinJSBridge.invoke('getBrandWCPayRequest', …)
 */
import { type Static, Type } from 'typebox'
import { strict } from './common.ts'
import { PaymentAuthorization } from './confirmation.ts'
import { IdempotencyKey, PayMethod } from './payments.ts'

const Field = (maxLength: number) => Type.String({ minLength: 1, maxLength })

export const JsapiInvocation = Type.Object(
  {
    kind: Type.Literal('JSAPI'),
    appId: Field(32),
    timeStamp: Field(16),
    nonceStr: Field(64),
    package: Field(128),
    signType: Type.Literal('RSA'),
    paySign: Field(1024),
  },
  strict,
)

export const AppInvocation = Type.Object(
  {
    kind: Type.Literal('APP'),
    appid: Field(32),
    partnerid: Field(32),
    prepayid: Field(64),
    package: Type.Literal('Sign=WXPay'),
    noncestr: Field(64),
    timestamp: Field(16),
    sign: Field(1024),
  },
  strict,
)

export const H5Invocation = Type.Object(
  { kind: Type.Literal('H5'), prepay_id: Field(64), package: Field(64) },
  strict,
)

export const Invocation = Type.Union([JsapiInvocation, AppInvocation, H5Invocation])
export type Invocation = Static<typeof Invocation>

export const PrepayCheckoutRequest = Type.Object({ invocation: Invocation }, strict)
export type PrepayCheckoutRequest = Static<typeof PrepayCheckoutRequest>

export const PrepayPayRequest = Type.Object(
  {
    invocation: Invocation,
    idempotencyKey: IdempotencyKey,
    payMethod: PayMethod,
    ...PaymentAuthorization,
  },
  strict,
)
export type PrepayPayRequest = Static<typeof PrepayPayRequest>

export const OpenIdQuery = Type.Object({ appid: Type.String({ pattern: '^wx[0-9a-f]{16}$' }) })
export const OpenIdView = Type.Object({ appid: Type.String(), openid: Type.String() })
export type OpenIdView = Static<typeof OpenIdView>
