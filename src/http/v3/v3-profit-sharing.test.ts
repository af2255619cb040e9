/**
 * 分账 through wechatpay-axios-plugin, unmodified, in public-key mode (it verifies every answer's
 * signature): receivers added with names encrypted with our platform key (and answered
 * encrypted with the merchant's key), a payment placed for sharing split between another
 * merchant and a wallet user (by openid), idempotent orders, the 30 % rule, amounts left, a
 * return, and the errors — every fen accounted for in the ledger.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDatabaseKind } from '../../test-support/database.ts'
import { balanceOf } from '../../test-support/wallet-user.ts'
import {
  failure,
  merchantBalanceFen,
  netFen,
  openV3Shop,
  outNo,
  paidOrder,
  type SharingWorld,
  startSharingWorld,
  type V3Shop,
} from '../../test-support/profit-sharing.ts'
import { expectBooksAgree } from '../../test-support/payments.ts'
import { axiosClient, axiosPlugin } from '../../test-support/wechatpay-sdks.ts'

let world: SharingWorld
let sharer: V3Shop
let partner: V3Shop
// biome-ignore lint: the SDK ships no types.
let wxpay: any
let liOpenId: string

beforeAll(async () => {
  world = await startSharingWorld()
  sharer = await openV3Shop(world, '分账总店')
  partner = await openV3Shop(world, '分账伙伴')
  wxpay = axiosClient(world.baseUrl, sharer.credentials, sharer.privateKeyPem)
  // Li paid the sharer once: that is how a merchant learns a user's openid.
  const { outTradeNo } = await paidOrder(world, sharer, world.li, 100, false)
  const queried = await wxpay.v3.pay.transactions.outTradeNo.$out_trade_no$.get({
    params: { mchid: sharer.credentials.mchid },
    out_trade_no: outTradeNo,
  })
  liOpenId = queried.data.payer.openid
})

afterAll(async () => {
  await world?.close()
})

const platformKey = () => sharer.credentials.platform_keys[0] as { id: string; pem: string }

function addReceiver(body: Record<string, unknown>) {
  return wxpay.v3.profitsharing.receivers.add.post(
    { appid: sharer.credentials.appid, ...body },
    { headers: { 'Wechatpay-Serial': platformKey().id } },
  )
}

describe(`v3 profit sharing with axios-plugin on ${testDatabaseKind()}`, () => {
  it('adds receivers with encrypted names: another merchant and a wallet user by openid', async () => {
    const { Rsa } = axiosPlugin
    const added = await addReceiver({
      type: 'MERCHANT_ID',
      account: partner.merchantId,
      name: Rsa.encrypt(partner.legalName, platformKey().pem),
      relation_type: 'PARTNER',
    })
    expect(added.status).toBe(200)
    expect(added.data).toMatchObject({
      type: 'MERCHANT_ID',
      account: partner.merchantId,
      relation_type: 'PARTNER',
    })
    expect(Rsa.decrypt(added.data.name, sharer.privateKeyPem)).toBe(partner.legalName)
    const user = await addReceiver({
      type: 'PERSONAL_OPENID',
      account: liOpenId,
      relation_type: 'CUSTOM',
      custom_relation: '推广员',
    })
    expect(user.data).toEqual({
      type: 'PERSONAL_OPENID',
      account: liOpenId,
      relation_type: 'CUSTOM',
      custom_relation: '推广员',
    })
    const wrongName = failure(
      await addReceiver({
        type: 'MERCHANT_ID',
        account: partner.merchantId,
        name: Rsa.encrypt('别的公司', platformKey().pem),
        relation_type: 'PARTNER',
      }).catch((error: never) => error),
    )
    expect(wrongName.status).toBe(400)
    expect(wrongName.data).toMatchObject({ code: 'INVALID_REQUEST' })
    const strangerOpenId = failure(
      await addReceiver({
        type: 'PERSONAL_OPENID',
        account: 'o_nobody_paid_this_merchant_',
        relation_type: 'USER',
      }).catch((error: never) => error),
    )
    expect(strangerOpenId.data).toMatchObject({ code: 'INVALID_REQUEST' })
    const garbled = failure(
      await addReceiver({
        type: 'MERCHANT_ID',
        account: partner.merchantId,
        name: Buffer.from('not encrypted').toString('base64'),
        relation_type: 'PARTNER',
      }).catch((error: never) => error),
    )
    expect(garbled.data).toMatchObject({ code: 'PARAM_ERROR', detail: { field: 'name' } })
  })

  it('splits a payment to the fen, idempotently, within 30 %, and returns a share', async () => {
    const { transactionId } = await paidOrder(world, sharer, world.zhang, 10_000, true)
    const net = await netFen(world.app, sharer.merchantId, transactionId)
    const amounts = () =>
      wxpay.v3.profitsharing.transactions.$transaction_id$.amounts.get({
        transaction_id: transactionId,
      })
    expect((await amounts()).data).toEqual({ transaction_id: transactionId, unsplit_amount: net })
    expect(await merchantBalanceFen(world.app, sharer.merchantId, 'merchant_sharing_frozen')).toBe(
      net,
    )
    const liBefore = (await balanceOf(world.app, world.li)).balanceFen
    const partnerBefore = await merchantBalanceFen(
      world.app,
      partner.merchantId,
      'merchant_pending',
    )
    const outOrderNo = outNo('PSO')
    const order = {
      appid: sharer.credentials.appid,
      transaction_id: transactionId,
      out_order_no: outOrderNo,
      receivers: [
        {
          type: 'MERCHANT_ID',
          account: partner.merchantId,
          amount: 1_500,
          description: '分给伙伴',
        },
        { type: 'PERSONAL_OPENID', account: liOpenId, amount: 1_000, description: '推广佣金' },
      ],
      unfreeze_unsplit: false,
    }
    const shared = await wxpay.v3.profitsharing.orders.post(order)
    expect(shared.data).toMatchObject({
      transaction_id: transactionId,
      out_order_no: outOrderNo,
      order_id: expect.stringMatching(/^30\d{26}$/),
      state: 'FINISHED',
      receivers: [
        { account: partner.merchantId, amount: 1_500, result: 'SUCCESS' },
        { account: liOpenId, amount: 1_000, result: 'SUCCESS', type: 'PERSONAL_OPENID' },
      ],
    })
    expect(shared.data.receivers[0].create_time).toMatch(/\+08:00$/)
    const again = await wxpay.v3.profitsharing.orders.post(order)
    expect(again.data).toEqual(shared.data)
    const queried = await wxpay.v3.profitsharing.orders.$out_order_no$.get({
      out_order_no: outOrderNo,
      params: { transaction_id: transactionId },
    })
    expect(queried.data).toEqual(shared.data)
    expect((await amounts()).data.unsplit_amount).toBe(net - 2_500)
    expect((await balanceOf(world.app, world.li)).balanceFen).toBe(liBefore + 1_000)
    expect(await merchantBalanceFen(world.app, partner.merchantId, 'merchant_pending')).toBe(
      partnerBefore + 1_500,
    )
    // 30 % of 10 000 is 3 000: 2 500 are shared, 501 more is one fen too many.
    const tooMuch = failure(
      await wxpay.v3.profitsharing.orders
        .post({
          ...order,
          out_order_no: outNo('PSO'),
          receivers: [{ ...order.receivers[1], amount: 501 }],
        })
        .catch((error: never) => error),
    )
    expect(tooMuch.status).toBe(403)
    expect(tooMuch.data).toMatchObject({ code: 'RULE_LIMIT' })
    const otherContent = failure(
      await wxpay.v3.profitsharing.orders
        .post({ ...order, receivers: [order.receivers[0]] })
        .catch((error: never) => error),
    )
    expect(otherContent.status).toBe(400)
    expect(otherContent.data).toMatchObject({ code: 'INVALID_REQUEST' })

    const returnOrder = {
      out_order_no: outOrderNo,
      out_return_no: outNo('PSR'),
      return_mchid: partner.merchantId,
      amount: 400,
      description: '退回部分分账',
    }
    const sharerPendingBefore = await merchantBalanceFen(
      world.app,
      sharer.merchantId,
      'merchant_pending',
    )
    const returned = await wxpay.v3.profitsharing.returnOrders.post(returnOrder)
    expect(returned.data).toMatchObject({
      order_id: shared.data.order_id,
      out_order_no: outOrderNo,
      out_return_no: returnOrder.out_return_no,
      return_id: expect.stringMatching(/^31\d{26}$/),
      return_mchid: partner.merchantId,
      amount: 400,
      result: 'SUCCESS',
    })
    expect((await wxpay.v3.profitsharing.returnOrders.post(returnOrder)).data).toEqual(
      returned.data,
    )
    const returnQueried = await wxpay.v3.profitsharing.returnOrders.$out_return_no$.get({
      out_return_no: returnOrder.out_return_no,
      params: { out_order_no: outOrderNo },
    })
    expect(returnQueried.data).toEqual(returned.data)
    expect(await merchantBalanceFen(world.app, sharer.merchantId, 'merchant_pending')).toBe(
      sharerPendingBefore + 400,
    )
    expect(await merchantBalanceFen(world.app, partner.merchantId, 'merchant_pending')).toBe(
      partnerBefore + 1_100,
    )
    // The partner got 1 500 and gave 400 back: 1 101 more is more than it can return.
    const overReturn = failure(
      await wxpay.v3.profitsharing.returnOrders
        .post({ ...returnOrder, out_return_no: outNo('PSR'), amount: 1_101 })
        .catch((error: never) => error),
    )
    expect(overReturn.status).toBe(403)
    expect(overReturn.data).toMatchObject({ code: 'NOT_ENOUGH' })
    await expectBooksAgree(world.app)
  })

  it('answers WeChat’s errors for unknown orders, receivers and payments not placed for sharing', async () => {
    const plain = await paidOrder(world, sharer, world.zhang, 2_000, false)
    const refuse = (body: Record<string, unknown>) =>
      wxpay.v3.profitsharing.orders
        .post({
          appid: sharer.credentials.appid,
          transaction_id: plain.transactionId,
          out_order_no: outNo('PSO'),
          receivers: [
            { type: 'MERCHANT_ID', account: partner.merchantId, amount: 100, description: '分' },
          ],
          unfreeze_unsplit: true,
          ...body,
        })
        .catch((error: never) => failure(error))
    const notForSharing = await refuse({})
    expect(notForSharing.status).toBe(400)
    expect(notForSharing.data).toMatchObject({ code: 'INVALID_REQUEST' })
    const sharing = await paidOrder(world, sharer, world.zhang, 2_000, true)
    const unknownReceiver = await refuse({
      transaction_id: sharing.transactionId,
      receivers: [{ type: 'MERCHANT_ID', account: '1999999999', amount: 100, description: '分' }],
    })
    expect(unknownReceiver.data).toMatchObject({ code: 'INVALID_REQUEST' })
    const foreignPayment = await refuse({ transaction_id: '4200000000000000000000000000' })
    expect(foreignPayment.status).toBe(404)
    expect(foreignPayment.data).toMatchObject({ code: 'RESOURCE_NOT_EXISTS' })
    const missing = await wxpay.v3.profitsharing.orders.$out_order_no$
      .get({ out_order_no: 'NO_SUCH_ORDER', params: { transaction_id: sharing.transactionId } })
      .catch((error: never) => failure(error))
    expect(missing.status).toBe(404)
    expect(missing.data).toMatchObject({ code: 'RESOURCE_NOT_EXISTS' })
    const noAmounts = await wxpay.v3.profitsharing.transactions.$transaction_id$.amounts.get({
      transaction_id: plain.transactionId,
    })
    expect(noAmounts.data).toEqual({ transaction_id: plain.transactionId, unsplit_amount: 0 })
    await expectBooksAgree(world.app)
  })
})
