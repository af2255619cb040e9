/**
 * Profit-sharing orders on the v3 wire: request (idempotent by out_order_no), query, unfreeze,
 * and returns (回退, idempotent by out_return_no) with their query. Money moves synchronously,
 * so an order answers FINISHED with each receiver's result (SUCCESS, or CLOSED with a reason).
 */
import { Type } from 'typebox'
import { V3Error } from '../../modules/merchant-api/index.ts'
import type { V3Scope } from './plugin.ts'
import { sharingOrderView, sharingReturnView } from './profit-sharing-view.ts'
import {
  ACCOUNT,
  APPID,
  checkAppId,
  decryptName,
  RECEIVER_TYPE,
  signer,
  TAGS,
  TRANSACTION_ID,
  type V3ProfitSharingDeps,
} from './profit-sharing-wire.ts'

const OUT_NO = Type.String({ pattern: '^[0-9A-Za-z_\\-|*@]{1,64}$' })
const AMOUNT = Type.Integer({ minimum: 1, maximum: 100_000_000_000 })
const DESCRIPTION = Type.String({ minLength: 1, maxLength: 80 })

const ShareOrder = Type.Object({
  appid: APPID,
  transaction_id: TRANSACTION_ID,
  out_order_no: OUT_NO,
  receivers: Type.Array(
    Type.Object({
      type: RECEIVER_TYPE,
      account: ACCOUNT,
      name: Type.Optional(Type.String({ minLength: 1, maxLength: 1024 })),
      amount: AMOUNT,
      description: DESCRIPTION,
    }),
    { minItems: 1, maxItems: 50 },
  ),
  unfreeze_unsplit: Type.Boolean(),
})

async function shareRoute(scope: V3Scope, deps: V3ProfitSharingDeps) {
  scope.post(
    '/profitsharing/orders',
    { schema: { tags: TAGS, summary: '请求分账 (share a payment)', body: ShareOrder } },
    async (request) => {
      const merchantId = signer(request.v3Merchant)
      const body = request.body
      await checkAppId(deps, merchantId, body.appid)
      const serial = request.headers['wechatpay-serial']
      const receivers = []
      for (const [index, receiver] of body.receivers.entries()) {
        const field = `receivers[${index}].name`
        receivers.push({
          type: receiver.type,
          account: receiver.account,
          name: await decryptName(deps, merchantId, serial, receiver.name, field),
          amountFen: receiver.amount,
          description: receiver.description,
        })
      }
      const order = await deps.profitSharing.share(merchantId, {
        paymentId: body.transaction_id,
        outOrderNo: body.out_order_no,
        receivers,
        unfreezeUnsplit: body.unfreeze_unsplit,
      })
      return sharingOrderView(order)
    },
  )
}

async function queryRoute(scope: V3Scope, deps: V3ProfitSharingDeps) {
  scope.get(
    '/profitsharing/orders/:out_order_no',
    {
      schema: {
        tags: TAGS,
        summary: '查询分账结果 (query a sharing order)',
        params: Type.Object({ out_order_no: OUT_NO }),
        querystring: Type.Object({ transaction_id: TRANSACTION_ID }),
      },
    },
    async (request) => {
      const merchantId = signer(request.v3Merchant)
      const order = await deps.profitSharing.getOrder(
        merchantId,
        request.params.out_order_no,
        request.query.transaction_id,
      )
      return sharingOrderView(order)
    },
  )
}

async function unfreezeRoute(scope: V3Scope, deps: V3ProfitSharingDeps) {
  scope.post(
    '/profitsharing/orders/unfreeze',
    {
      schema: {
        tags: TAGS,
        summary: '解冻剩余资金 (unfreeze what is left)',
        body: Type.Object({
          transaction_id: TRANSACTION_ID,
          out_order_no: OUT_NO,
          description: DESCRIPTION,
        }),
      },
    },
    async (request) => {
      const merchantId = signer(request.v3Merchant)
      const body = request.body
      const order = await deps.profitSharing.unfreeze(merchantId, {
        paymentId: body.transaction_id,
        outOrderNo: body.out_order_no,
        description: body.description,
      })
      return sharingOrderView(order)
    },
  )
}

const ReturnOrder = Type.Object({
  order_id: Type.Optional(Type.String({ pattern: '^[0-9]{1,64}$' })),
  out_order_no: Type.Optional(OUT_NO),
  out_return_no: OUT_NO,
  return_mchid: Type.String({ minLength: 1, maxLength: 32 }),
  amount: AMOUNT,
  description: DESCRIPTION,
})

async function returnRoutes(scope: V3Scope, deps: V3ProfitSharingDeps) {
  scope.post(
    '/profitsharing/return-orders',
    { schema: { tags: TAGS, summary: '请求分账回退 (return a share)', body: ReturnOrder } },
    async (request) => {
      const merchantId = signer(request.v3Merchant)
      const body = request.body
      const order =
        body.out_order_no !== undefined
          ? { outOrderNo: body.out_order_no }
          : body.order_id !== undefined
            ? { orderId: body.order_id }
            : undefined
      if (order === undefined) {
        throw new V3Error(400, 'PARAM_ERROR', '缺少 out_order_no 或 order_id / name the order', {
          field: 'out_order_no',
          location: 'body',
        })
      }
      const returned = await deps.profitSharing.returnShare(merchantId, {
        order,
        outReturnNo: body.out_return_no,
        returnMchid: body.return_mchid,
        amountFen: body.amount,
        description: body.description,
      })
      return sharingReturnView(returned)
    },
  )
  scope.get(
    '/profitsharing/return-orders/:out_return_no',
    {
      schema: {
        tags: TAGS,
        summary: '查询分账回退结果 (query a return)',
        params: Type.Object({ out_return_no: OUT_NO }),
        querystring: Type.Object({ out_order_no: OUT_NO }),
      },
    },
    async (request) => {
      const merchantId = signer(request.v3Merchant)
      const returned = await deps.profitSharing.getReturn(
        merchantId,
        request.params.out_return_no,
        request.query.out_order_no,
      )
      return sharingReturnView(returned)
    },
  )
}

export async function v3ProfitSharingOrderRoutes(scope: V3Scope, deps: V3ProfitSharingDeps) {
  await shareRoute(scope, deps)
  await queryRoute(scope, deps)
  await unfreezeRoute(scope, deps)
  await returnRoutes(scope, deps)
}
