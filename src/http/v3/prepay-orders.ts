/**
 * JSAPI, App and H5 orders on the v3 wire (reference §6.2). JSAPI and App answer a prepay_id
 * the merchant signs into a client invocation our pay page verifies (src/http/routes/
 * pay-prepay.ts); a JSAPI order is bound to its payer's openid. H5 answers an h5_url: our
 * wallet's pay page for that prepay_id, with a `package` only we can make.
 */
import { Type } from 'typebox'
import { V3Error } from '../../modules/merchant-api/index.ts'
import { orderBody, placeOrder, sameMerchant, type V3TransactionDeps } from './place-order.ts'
import type { V3Scope } from './plugin.ts'

export type V3PrepayDeps = V3TransactionDeps

const JsapiOrder = orderBody({
  payer: Type.Object({ openid: Type.String({ minLength: 1, maxLength: 128 }) }),
})

const H5Order = orderBody({
  scene_info: Type.Object({
    payer_client_ip: Type.String({ minLength: 1, maxLength: 45 }),
    device_id: Type.Optional(Type.String({ maxLength: 32 })),
    store_info: Type.Optional(Type.Unknown()),
    h5_info: Type.Object({
      type: Type.String({ minLength: 1, maxLength: 32 }),
      app_name: Type.Optional(Type.String({ maxLength: 64 })),
      app_url: Type.Optional(Type.String({ maxLength: 128 })),
      bundle_id: Type.Optional(Type.String({ maxLength: 128 })),
      package_name: Type.Optional(Type.String({ maxLength: 128 })),
    }),
  }),
})

const tags = ['wechatpay-v3']

export async function v3PrepayRoutes(scope: V3Scope, deps: V3PrepayDeps) {
  scope.post(
    '/pay/transactions/jsapi',
    {
      schema: { tags, summary: 'JSAPI/小程序下单 (place a JSAPI order)', body: JsapiOrder },
      // WeChat's own words when the payer is missing: "JSAPI支付必须传openid".
      attachValidation: true,
    },
    async (request) => {
      if (request.validationError !== undefined) {
        const missingPayer = (request.body as { payer?: unknown } | undefined)?.payer === undefined
        if (missingPayer) {
          throw new V3Error(
            400,
            'PARAM_ERROR',
            'JSAPI支付必须传openid / payer.openid is required',
            {
              field: 'payer.openid',
              location: 'body',
            },
          )
        }
        throw request.validationError
      }
      const merchantId = sameMerchant(request.v3Merchant, request.body.mchid)
      const { kind } = await placeOrder(deps, merchantId, request.body, {
        tradeType: 'JSAPI',
        payerOpenId: request.body.payer.openid,
      })
      return { prepay_id: kind.prepayId }
    },
  )
  scope.post(
    '/pay/transactions/app',
    { schema: { tags, summary: 'APP下单 (place an App order)', body: orderBody({}) } },
    async (request) => {
      const merchantId = sameMerchant(request.v3Merchant, request.body.mchid)
      const { kind } = await placeOrder(deps, merchantId, request.body, { tradeType: 'APP' })
      return { prepay_id: kind.prepayId }
    },
  )
  scope.post(
    '/pay/transactions/h5',
    { schema: { tags, summary: 'H5下单 (place an H5 order)', body: H5Order } },
    async (request) => {
      const merchantId = sameMerchant(request.v3Merchant, request.body.mchid)
      const { order, kind } = await placeOrder(deps, merchantId, request.body, {
        tradeType: 'MWEB',
        // Validated by H5Order: scene_info and its h5_info are required here.
        extra: (request.body.scene_info as unknown as { h5_info: unknown }).h5_info,
      })
      const pkg = deps.merchantApi.h5Package(kind.prepayId)
      // The wallet's origin, as in every order's pay URL.
      const base = order.payUrl.slice(0, order.payUrl.indexOf('/pay/o/'))
      return { h5_url: `${base}/pay/h5?prepay_id=${kind.prepayId}&package=${pkg}` }
    },
  )
}
