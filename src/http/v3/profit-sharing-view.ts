/**
 * Profit-sharing orders and returns as WeChat Pay v3 shows them (reference §6.8): amounts in fen,
 * times RFC 3339 +08:00. An order that ends the sharing lists what went back to the merchant as
 * one more receiver, the merchant itself, as WeChat's 解冻给分账方 entry does.
 */
import type { SharingOrder, SharingReturn } from '../../modules/profit-sharing/index.ts'
import { rfc3339Shanghai } from '../../shared/shanghai-time.ts'

export const UNFREEZE_DESCRIPTION = '解冻给分账方'

function finishTime(ms: number | null): { finish_time?: string } {
  return ms === null ? {} : { finish_time: rfc3339Shanghai(ms) }
}

export function sharingOrderView(order: SharingOrder) {
  const createTime = rfc3339Shanghai(order.createdAtMs)
  const finished = order.state === 'FINISHED' ? order.finishedAtMs : null
  const receivers = order.receivers.map((receiver) => ({
    amount: receiver.amountFen,
    description: receiver.description,
    type: receiver.type,
    account: receiver.account,
    result: receiver.result,
    ...(receiver.failReason === null ? {} : { fail_reason: receiver.failReason }),
    detail_id: receiver.detailId,
    create_time: createTime,
    ...finishTime(receiver.result === 'PENDING' ? null : finished),
  }))
  if (order.unfreezes && order.unfreezeFen > 0) {
    receivers.push({
      amount: order.unfreezeFen,
      description: order.unfreezeDescription ?? UNFREEZE_DESCRIPTION,
      type: 'MERCHANT_ID',
      account: order.merchantId,
      result: finished === null ? 'PENDING' : 'SUCCESS',
      detail_id: `37${order.id.slice(2)}`,
      create_time: createTime,
      ...finishTime(finished),
    })
  }
  return {
    transaction_id: order.paymentId,
    out_order_no: order.outOrderNo,
    order_id: order.id,
    state: order.state,
    receivers,
  }
}

export function sharingReturnView(sharingReturn: SharingReturn) {
  return {
    order_id: sharingReturn.orderId,
    out_order_no: sharingReturn.outOrderNo,
    out_return_no: sharingReturn.outReturnNo,
    return_id: sharingReturn.id,
    return_mchid: sharingReturn.returnMchid,
    amount: sharingReturn.amountFen,
    description: sharingReturn.description,
    result: sharingReturn.result,
    ...(sharingReturn.failReason === null ? {} : { fail_reason: sharingReturn.failReason }),
    create_time: rfc3339Shanghai(sharingReturn.createdAtMs),
    ...finishTime(sharingReturn.finishedAtMs),
  }
}
