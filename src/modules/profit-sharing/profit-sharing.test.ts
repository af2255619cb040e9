/**
 * The profit-sharing module under concurrency and retries: the same out_order_no sent at once
 * is one order; orders racing for the same unsplit money never share more than it (nor than
 * the 30 % rule); an unfreeze racing with an order leaves the books exact; a return is claimed
 * once; the ledger shows every split with its order in the metadata.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDatabaseKind } from '../../test-support/database.ts'
import { expectBooksAgree } from '../../test-support/payments.ts'
import {
  merchantBalanceFen,
  netFen,
  openV3Shop,
  outNo,
  paidOrder,
  type SharingWorld,
  startSharingWorld,
  type V3Shop,
} from '../../test-support/profit-sharing.ts'

let world: SharingWorld
let sharer: V3Shop
let partner: V3Shop

beforeAll(async () => {
  world = await startSharingWorld()
  sharer = await openV3Shop(world, '并发总店')
  partner = await openV3Shop(world, '并发伙伴')
  await world.app.profitSharing.addReceiver(sharer.merchantId, {
    appId: sharer.credentials.appid,
    target: { type: 'MERCHANT_ID', account: partner.merchantId },
    name: partner.legalName,
    relationType: 'PARTNER',
  })
})

afterAll(async () => {
  await world?.close()
})

const toPartner = (amountFen: number) => [
  { type: 'MERCHANT_ID', account: partner.merchantId, amountFen, description: '并发分账' },
]

describe(`profit sharing under concurrency on ${testDatabaseKind()}`, () => {
  it('answers one order for one out_order_no sent eight times at once', async () => {
    const { transactionId } = await paidOrder(world, sharer, world.zhang, 10_000, true)
    const input = {
      paymentId: transactionId,
      outOrderNo: outNo('CC'),
      receivers: toPartner(700),
      unfreezeUnsplit: false,
    }
    const orders = await Promise.all(
      Array.from({ length: 8 }, () => world.app.profitSharing.share(sharer.merchantId, input)),
    )
    expect(new Set(orders.map((order) => order.id)).size).toBe(1)
    expect(orders[0]?.receivers[0]?.result).toBe('SUCCESS')
    const net = await netFen(world.app, sharer.merchantId, transactionId)
    expect(await world.app.profitSharing.unsplitFen(sharer.merchantId, transactionId)).toBe(
      net - 700,
    )
    const transfer = await world.app.ledger.findTransferByKey(`ps:order:${orders[0]?.id}:0`)
    expect(transfer?.metadata).toMatchObject({ order: orders[0]?.id, profitSharing: 'share' })
    expect(transfer?.legs).toEqual([expect.objectContaining({ amountFen: 700 })])
  })

  it('never shares more than the rule allows when orders race, and unfreezes the exact rest', async () => {
    const { transactionId } = await paidOrder(world, sharer, world.zhang, 10_000, true)
    const net = await netFen(world.app, sharer.merchantId, transactionId)
    const frozenBefore = await merchantBalanceFen(
      world.app,
      sharer.merchantId,
      'merchant_sharing_frozen',
    )
    const partnerBefore = await merchantBalanceFen(
      world.app,
      partner.merchantId,
      'merchant_pending',
    )
    // Six orders of 1 000 fen race for a 3 000 fen limit: exactly three win.
    const outcomes = await Promise.allSettled(
      Array.from({ length: 6 }, () =>
        world.app.profitSharing.share(sharer.merchantId, {
          paymentId: transactionId,
          outOrderNo: outNo('CR'),
          receivers: toPartner(1_000),
          unfreezeUnsplit: false,
        }),
      ),
    )
    const won = outcomes.filter((outcome) => outcome.status === 'fulfilled')
    expect(won).toHaveLength(3)
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') {
        expect(outcome.reason).toMatchObject({ code: 'PROFIT_SHARING_RATIO_EXCEEDED' })
      }
    }
    const unfreezeNo = outNo('CU')
    const [unfrozen, again] = await Promise.all([
      world.app.profitSharing.unfreeze(sharer.merchantId, {
        paymentId: transactionId,
        outOrderNo: unfreezeNo,
        description: '解冻',
      }),
      world.app.profitSharing.unfreeze(sharer.merchantId, {
        paymentId: transactionId,
        outOrderNo: unfreezeNo,
        description: '解冻',
      }),
    ])
    expect(again.id).toBe(unfrozen.id)
    expect(unfrozen.unfreezeFen).toBe(net - 3_000)
    expect(await merchantBalanceFen(world.app, partner.merchantId, 'merchant_pending')).toBe(
      partnerBefore + 3_000,
    )
    // Frozen when first shared, and all of it gone again: 3 000 shared, the rest unfrozen.
    expect(await merchantBalanceFen(world.app, sharer.merchantId, 'merchant_sharing_frozen')).toBe(
      frozenBefore,
    )
    await expect(
      world.app.profitSharing.share(sharer.merchantId, {
        paymentId: transactionId,
        outOrderNo: outNo('CL'),
        receivers: toPartner(1),
        unfreezeUnsplit: false,
      }),
    ).rejects.toMatchObject({ code: 'PROFIT_SHARING_FINISHED' })
    await expectBooksAgree(world.app)
  })

  it('claims a return once when the same out_return_no and rival returns race', async () => {
    const { transactionId } = await paidOrder(world, sharer, world.zhang, 10_000, true)
    const partnerBefore = await merchantBalanceFen(
      world.app,
      partner.merchantId,
      'merchant_pending',
    )
    const order = await world.app.profitSharing.share(sharer.merchantId, {
      paymentId: transactionId,
      outOrderNo: outNo('CT'),
      receivers: toPartner(1_000),
      unfreezeUnsplit: true,
    })
    const returnInput = (outReturnNo: string) => ({
      order: { outOrderNo: order.outOrderNo },
      outReturnNo,
      returnMchid: partner.merchantId,
      amountFen: 400,
      description: '回退',
    })
    const same = outNo('CRN')
    const outcomes = await Promise.allSettled([
      world.app.profitSharing.returnShare(sharer.merchantId, returnInput(same)),
      world.app.profitSharing.returnShare(sharer.merchantId, returnInput(same)),
      world.app.profitSharing.returnShare(sharer.merchantId, returnInput(outNo('CRN'))),
      world.app.profitSharing.returnShare(sharer.merchantId, returnInput(outNo('CRN'))),
    ])
    const succeeded = outcomes.flatMap((outcome) =>
      outcome.status === 'fulfilled' && outcome.value.result === 'SUCCESS' ? [outcome.value] : [],
    )
    // 1 000 fen shared: two returns of 400 fit, a third does not.
    expect(new Set(succeeded.map((returned) => returned.id)).size).toBe(2)
    // The twins are one return: both answer it, or both find the money claimed by the rivals.
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') {
        expect(outcome.reason).toMatchObject({ code: 'NOT_ENOUGH' })
      }
    }
    const [twin, twinAgain] = outcomes
    expect(twin?.status).toBe(twinAgain?.status)
    expect(await merchantBalanceFen(world.app, partner.merchantId, 'merchant_pending')).toBe(
      partnerBefore + 1_000 - 800,
    )
    await expectBooksAgree(world.app)
  })
})
