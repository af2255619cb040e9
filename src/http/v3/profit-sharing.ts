/**
 * 分账 on the v3 wire (reference §6.8): receivers add/delete and the amount left to split here,
 * orders, unfreeze and returns in profit-sharing-orders.ts. Each calls the profit-sharing module;
 * what is WeChat's (field names, encrypted names, codes) stays in these files.
 *
 * PERSONAL_OPENID receivers are wallet users. A user's openid under a merchant's appid is the
 * `payer.openid` our order queries answer (merchantApi.openIdFor: a keyed hash of appid and user, stable and
 * revealing neither); a merchant learns openids only from its payers, so the openid is looked up
 * among the users who paid that merchant (its most recent OPENID_SCAN_PAYMENTS_MAX payments).
 */
import { Type } from 'typebox'
import { V3Error } from '../../modules/merchant-api/index.ts'
import {
  RELATION_TYPES,
  type ReceiverTarget,
  type RelationType,
} from '../../modules/profit-sharing/index.ts'
import type { V3Scope } from './plugin.ts'
import { v3ProfitSharingOrderRoutes } from './profit-sharing-orders.ts'
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

export type { V3ProfitSharingDeps } from './profit-sharing-wire.ts'

const OPENID_SCAN_PAYMENTS_MAX = 5_000

async function userOfOpenId(
  deps: V3ProfitSharingDeps,
  merchantId: string,
  appId: string,
  openId: string,
) {
  let cursor: string | undefined
  for (let scanned = 0; scanned < OPENID_SCAN_PAYMENTS_MAX;) {
    const page = await deps.payments.listMerchantPayments(merchantId, {
      status: 'SUCCESS',
      limit: 100,
      cursor,
    })
    const payer = page.payments.find(
      (payment) => deps.merchantApi.openIdFor(appId, payment.userId) === openId,
    )
    if (payer !== undefined) return payer.userId
    scanned += page.payments.length
    if (page.nextCursor === null) break
    cursor = page.nextCursor
  }
  throw new V3Error(
    400,
    'INVALID_REQUEST',
    '无效的 openid / no payer of this merchant has that openid',
    {
      field: 'account',
      location: 'body',
    },
  )
}

const AddReceiver = Type.Object({
  appid: APPID,
  type: RECEIVER_TYPE,
  account: ACCOUNT,
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 1024 })),
  relation_type: Type.Union(RELATION_TYPES.map((relation) => Type.Literal(relation))),
  custom_relation: Type.Optional(Type.String({ minLength: 1, maxLength: 10 })),
})

async function addReceiverRoute(scope: V3Scope, deps: V3ProfitSharingDeps) {
  scope.post(
    '/profitsharing/receivers/add',
    { schema: { tags: TAGS, summary: '添加分账接收方 (add a receiver)', body: AddReceiver } },
    async (request) => {
      const merchantId = signer(request.v3Merchant)
      const body = request.body
      await checkAppId(deps, merchantId, body.appid)
      const name = await decryptName(
        deps,
        merchantId,
        request.headers['wechatpay-serial'],
        body.name,
        'name',
      )
      const target: ReceiverTarget =
        body.type === 'MERCHANT_ID'
          ? { type: 'MERCHANT_ID', account: body.account }
          : {
              type: 'PERSONAL_OPENID',
              account: body.account,
              userId: await userOfOpenId(deps, merchantId, body.appid, body.account),
            }
      const receiver = await deps.profitSharing.addReceiver(merchantId, {
        appId: body.appid,
        target,
        name,
        relationType: body.relation_type as RelationType,
        customRelation: body.custom_relation,
      })
      const encrypted =
        receiver.name === null
          ? undefined
          : await deps.merchantApi.encryptForMerchant(merchantId, receiver.name)
      return {
        type: receiver.type,
        account: receiver.account,
        ...(encrypted === undefined ? {} : { name: encrypted }),
        relation_type: receiver.relationType,
        ...(receiver.customRelation === null ? {} : { custom_relation: receiver.customRelation }),
      }
    },
  )
}

async function deleteReceiverRoute(scope: V3Scope, deps: V3ProfitSharingDeps) {
  scope.post(
    '/profitsharing/receivers/delete',
    {
      schema: {
        tags: TAGS,
        summary: '删除分账接收方 (delete a receiver)',
        body: Type.Object({ appid: APPID, type: RECEIVER_TYPE, account: ACCOUNT }),
      },
    },
    async (request) => {
      const merchantId = signer(request.v3Merchant)
      const { appid, type, account } = request.body
      await checkAppId(deps, merchantId, appid)
      await deps.profitSharing.deleteReceiver(merchantId, type, account)
      return { type, account }
    },
  )
}

async function amountsRoute(scope: V3Scope, deps: V3ProfitSharingDeps) {
  scope.get(
    '/profitsharing/transactions/:transaction_id/amounts',
    {
      schema: {
        tags: TAGS,
        summary: '查询剩余待分金额 (amount left to split)',
        params: Type.Object({ transaction_id: TRANSACTION_ID }),
      },
    },
    async (request) => {
      const merchantId = signer(request.v3Merchant)
      const transactionId = request.params.transaction_id
      const unsplitFen = await deps.profitSharing.unsplitFen(merchantId, transactionId)
      return { transaction_id: transactionId, unsplit_amount: unsplitFen }
    },
  )
}

export async function v3ProfitSharingRoutes(scope: V3Scope, deps: V3ProfitSharingDeps) {
  await addReceiverRoute(scope, deps)
  await deleteReceiverRoute(scope, deps)
  await v3ProfitSharingOrderRoutes(scope, deps)
  await amountsRoute(scope, deps)
}
