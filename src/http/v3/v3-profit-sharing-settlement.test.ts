/**
 * 分账 through wechatpay-node-v3, unmodified (its createHttp seam), in platform-certificate mode,
 * and what it means for T+1 settlement: a payment placed for sharing is not paid out with the
 * day's takings; what was shared is settled to the receiving merchant; the rest is paid out
 * only after the unfreeze call — every payout exact to the fen; a return after the receiver was
 * settled fails with BALANCE_NOT_ENOUGH and moves nothing; `ledger check` stays clean.
 */
import { publicEncrypt, constants } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { shanghaiDate } from '../../shared/shanghai-time.ts'
import { testDatabaseKind } from '../../test-support/database.ts'
import { expectBooksAgree } from '../../test-support/payments.ts'
import {
  merchantBalanceFen,
  netFen,
  nextDay,
  openV3Shop,
  outNo,
  paidOrder,
  type SharingWorld,
  startSharingWorld,
  type V3Shop,
} from '../../test-support/profit-sharing.ts'
import { nodeV3Client } from '../../test-support/wechatpay-sdks.ts'

let world: SharingWorld
let sharer: V3Shop
let partner: V3Shop
// biome-ignore lint: the SDK ships no types.
let pay: any

beforeAll(async () => {
  world = await startSharingWorld()
  sharer = await openV3Shop(world, '证书模式总店', 'cert')
  partner = await openV3Shop(world, '证书模式伙伴')
  pay = nodeV3Client(world.baseUrl, sharer.credentials, sharer.privateKeyPem).pay
})

afterAll(async () => {
  await world?.close()
})

/** node-v3's own publicEncrypt, with the platform certificate the merchant downloaded. */
function encryptName(name: string): string {
  const certificate = sharer.credentials.platform_keys[0]?.pem as string
  return pay.publicEncrypt(name, certificate, constants.RSA_PKCS1_OAEP_PADDING)
}

describe(`v3 profit sharing with wechatpay-node-v3 and settlement on ${testDatabaseKind()}`, () => {
  it('keeps a shared payment out of settlement until it is unfrozen, to the fen', async () => {
    const platformSerial = sharer.credentials.platform_keys[0]?.id as string
    const added = await pay.profitsharing_receivers_add({
      type: 'MERCHANT_ID',
      account: partner.merchantId,
      name: encryptName(partner.legalName),
      relation_type: 'SUPPLIER',
      wx_serial_no: platformSerial,
    })
    expect(added.status, JSON.stringify(added)).toBe(200)
    expect(pay.privateDecrypt(added.data.name)).toBe(partner.legalName)
    // Without wx_serial_no node-v3 sends the merchant's own serial: every platform key is tried.
    const again = await pay.profitsharing_receivers_add({
      type: 'MERCHANT_ID',
      account: partner.merchantId,
      name: publicEncrypt(
        { key: sharer.credentials.platform_keys[0]?.pem as string, oaepHash: 'sha1' },
        Buffer.from(partner.legalName),
      ).toString('base64'),
      relation_type: 'PARTNER',
    })
    expect(again.status, JSON.stringify(again)).toBe(200)
    expect(again.data.relation_type).toBe('PARTNER')

    const day = shanghaiDate(world.clock.nowMs())
    const shared = await paidOrder(world, sharer, world.zhang, 10_000, true)
    const plain = await paidOrder(world, sharer, world.zhang, 2_000, false)
    // Placed for sharing, and no sharing call before settlement: settlement's hook freezes it.
    const untouched = await paidOrder(world, sharer, world.zhang, 3_000, true)
    const untouchedNet = await netFen(world.app, sharer.merchantId, untouched.transactionId)
    const sharedNet = await netFen(world.app, sharer.merchantId, shared.transactionId)
    const plainNet = await netFen(world.app, sharer.merchantId, plain.transactionId)
    const order = await pay.create_profitsharing_orders({
      transaction_id: shared.transactionId,
      out_order_no: outNo('NVO'),
      receivers: [
        { type: 'MERCHANT_ID', account: partner.merchantId, amount: 2_000, description: '供货款' },
      ],
      unfreeze_unsplit: false,
    })
    expect(order.status, JSON.stringify(order)).toBe(200)
    expect(order.data).toMatchObject({ state: 'FINISHED', receivers: [{ result: 'SUCCESS' }] })
    const queried = await pay.query_profitsharing_orders(
      shared.transactionId,
      order.data.out_order_no,
    )
    expect(queried.data).toEqual(order.data)

    nextDay(world)
    await world.app.settlement.run()
    // The sharer is paid the plain payment only; the partner what it was given.
    expect(await world.app.settlement.get(sharer.merchantId, day)).toMatchObject({
      payoutFen: plainNet,
      status: expect.stringMatching(/PAYING|PAID/),
    })
    expect(await world.app.settlement.get(partner.merchantId, day)).toMatchObject({
      payoutFen: 2_000,
    })
    expect(await merchantBalanceFen(world.app, sharer.merchantId, 'merchant_sharing_frozen')).toBe(
      sharedNet - 2_000 + untouchedNet,
    )
    expect((await pay.query_profitsharing_amounts(untouched.transactionId)).data).toEqual({
      transaction_id: untouched.transactionId,
      unsplit_amount: untouchedNet,
    })
    const amounts = await pay.query_profitsharing_amounts(shared.transactionId)
    expect(amounts.data).toEqual({
      transaction_id: shared.transactionId,
      unsplit_amount: sharedNet - 2_000,
    })

    const unfreezeNo = outNo('NVU')
    const unfrozen = await pay.profitsharing_orders_unfreeze({
      transaction_id: shared.transactionId,
      out_order_no: unfreezeNo,
      description: '解冻全部剩余资金',
    })
    expect(unfrozen.status, JSON.stringify(unfrozen)).toBe(200)
    expect(unfrozen.data).toMatchObject({
      out_order_no: unfreezeNo,
      state: 'FINISHED',
      receivers: [
        {
          type: 'MERCHANT_ID',
          account: sharer.merchantId,
          amount: sharedNet - 2_000,
          description: '解冻全部剩余资金',
          result: 'SUCCESS',
        },
      ],
    })
    expect((await pay.query_profitsharing_amounts(shared.transactionId)).data.unsplit_amount).toBe(
      0,
    )
    const afterUnfreeze = await pay.create_profitsharing_orders({
      transaction_id: shared.transactionId,
      out_order_no: outNo('NVO'),
      receivers: [
        { type: 'MERCHANT_ID', account: partner.merchantId, amount: 1, description: '再分' },
      ],
      unfreeze_unsplit: false,
    })
    expect(afterUnfreeze.status).toBe(400)
    expect(JSON.parse(afterUnfreeze.error)).toMatchObject({ code: 'INVALID_REQUEST' })

    const unfreezeDay = shanghaiDate(world.clock.nowMs())
    nextDay(world)
    await world.app.settlement.run()
    expect(await world.app.settlement.get(sharer.merchantId, unfreezeDay)).toMatchObject({
      payoutFen: sharedNet - 2_000,
    })
    // Both days together: everything the sharer kept, nothing twice, nothing lost.
    const settled = await merchantBalanceFen(world.app, sharer.merchantId, 'merchant_settled')
    const paidOut = (await world.app.settlement.list({ merchantId: sharer.merchantId })).reduce(
      (sum, report) => sum + report.payoutFen,
      0,
    )
    expect(paidOut).toBe(plainNet + sharedNet - 2_000)
    expect(settled).toBeLessThanOrEqual(paidOut)
    expect(await merchantBalanceFen(world.app, sharer.merchantId, 'merchant_sharing_frozen')).toBe(
      untouchedNet,
    )

    // The partner was settled: a return finds its pending empty and moves nothing.
    const returned = await pay.profitsharing_return_orders({
      out_order_no: order.data.out_order_no,
      out_return_no: outNo('NVR'),
      return_mchid: partner.merchantId,
      amount: 500,
      description: '退回',
    })
    expect(returned.status, JSON.stringify(returned)).toBe(200)
    expect(returned.data).toMatchObject({ result: 'FAILED', fail_reason: 'BALANCE_NOT_ENOUGH' })
    const returnQueried = await pay.query_profitsharing_return_orders(
      returned.data.out_return_no,
      order.data.out_order_no,
    )
    expect(returnQueried.data).toEqual(returned.data)

    const deleted = await pay.profitsharing_receivers_delete({
      type: 'MERCHANT_ID',
      account: partner.merchantId,
    })
    expect(deleted.data).toEqual({ type: 'MERCHANT_ID', account: partner.merchantId })
    await expectBooksAgree(world.app)
  })
})
