/**
 * What the customer sees of a refund: a record (sourceKind REFUND, direction in) upserted in
 * the same transaction as each status change, and a notice when it arrives or is held up.
 */
import type { Kysely } from 'kysely'
import type { RecordMethod } from '../records/index.ts'
import type { RefundsContext } from './context.ts'
import { customerBackFen } from './refund-coupon.ts'
import type { RefundRow } from './refund-rows.ts'

export interface RefundRecordFacts {
  storeName: string
  method: RecordMethod
  /** The customer's balance transfer, for balance refunds that succeeded. */
  balance?: { accountId: number; transferId: number }
}

export async function recordFacts(ctx: RefundsContext, row: RefundRow): Promise<RefundRecordFacts> {
  const merchant = await ctx.merchants.get(row.merchant_id)
  if (row.channel === 'BALANCE' || row.card_id === null) {
    return { storeName: merchant.storeName, method: { kind: 'balance' } }
  }
  const card = await ctx.cards.cardForBank(row.user_id, row.card_id, { includeUnbound: true })
  return {
    storeName: merchant.storeName,
    method: { kind: 'card', cardId: card.id, label: `${card.bankName.zh}(${card.last4})` },
  }
}

export async function upsertRefundRecord(
  ctx: RefundsContext,
  row: RefundRow,
  facts: RefundRecordFacts,
  executor: Kysely<unknown>,
): Promise<void> {
  await ctx.records.upsert(
    {
      userId: row.user_id,
      sourceKind: 'REFUND',
      sourceId: row.id,
      direction: 'in',
      // What comes back to the customer: a coupon's share goes to its funder (refund-coupon.ts).
      amountFen: customerBackFen(row),
      status: row.status,
      title: facts.storeName.slice(0, 100),
      counterparty: { kind: 'merchant', id: row.merchant_id, name: facts.storeName.slice(0, 100) },
      method: facts.method,
      ...(facts.balance ? { balance: facts.balance } : {}),
      detail: {
        refundId: row.id,
        paymentId: row.payment_id,
        outRefundNo: row.out_refund_no,
        reason: row.reason,
        requestId: row.request_id,
        ...(Number(row.coupon_back_fen) > 0
          ? { refundAmountFen: Number(row.amount_fen), couponBackFen: Number(row.coupon_back_fen) }
          : {}),
      },
      occurredAtMs: new Date(row.created_at).getTime(),
    },
    executor,
  )
}

/** Notices never fail the money movement they tell about: it has already happened. */
export async function notifyQuietly(
  ctx: RefundsContext,
  userId: string,
  kind: Parameters<RefundsContext['identity']['notify']>[1],
  detail: Record<string, unknown>,
): Promise<void> {
  try {
    await ctx.identity.notify(userId, kind, detail)
  } catch (error) {
    ctx.onResolveError?.(String(detail.refundId ?? detail.requestId ?? ''), error)
  }
}
