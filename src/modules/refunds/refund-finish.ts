/**
 * A refund's status changes, each in one transaction with what goes with it: SUCCESS adds to the
 * payment's succeeded total and tells the payments module (so the payment reads 部分退款 /
 * 已退款); CLOSED gives the refunded amount and its fee back to the payment's room; every change
 * rewrites the customer's record. Conditional on the refund still being unfinished, so a second
 * call (a retry, the resolver racing the request) changes nothing.
 */
import type { Kysely } from 'kysely'
import type { Db } from '../../adapters/db/index.ts'
import type { RefundsContext, RefundStatus } from './context.ts'
import {
  type RefundRecordFacts,
  notifyQuietly,
  recordFacts,
  upsertRefundRecord,
} from './refund-record.ts'
import { loadRefund, type RefundRow } from './refund-rows.ts'

export interface FinishFacts {
  failureCode?: string | null
  /** The balance refund's posted transfer. */
  transferId?: number
  /** The customer's balance account, for the record's balance after. */
  balanceAccountId?: number
  /** ABNORMAL: the bank request id the next attempt uses. */
  nextBankRequestId?: string
}

export async function finishRefund(
  ctx: RefundsContext,
  refundId: string,
  status: Exclude<RefundStatus, 'PROCESSING'>,
  facts: FinishFacts = {},
): Promise<RefundRow> {
  const before = await loadRefund(ctx.db, refundId)
  if (before.status === 'SUCCESS' || before.status === 'CLOSED') return before
  const record = await recordFacts(ctx, before)
  const nowMs = ctx.clock.nowMs()
  const final = status !== 'ABNORMAL'
  const changed = await ctx.db.transaction().execute(async (trx) => {
    // Locks in one order everywhere — the payment's totals, then the refund — as the insert
    // does (its ON CONFLICT waits on a refund row being updated): never a deadlock.
    await trx
      .selectFrom('refund_payments')
      .select('payment_id')
      .where('payment_id', '=', before.payment_id)
      .forUpdate()
      .execute()
    const row = await trx
      .updateTable('refunds')
      .set({
        status,
        failure_code: facts.failureCode ?? null,
        ...(facts.transferId !== undefined ? { ledger_transfer_id: facts.transferId } : {}),
        ...(facts.nextBankRequestId ? { bank_request_id: facts.nextBankRequestId } : {}),
        updated_at: new Date(nowMs),
        ...(final ? { finished_at: new Date(nowMs), next_attempt_at: null } : {}),
      })
      .where('id', '=', refundId)
      .where('status', 'in', ['PROCESSING', 'ABNORMAL'])
      .returningAll()
      .executeTakeFirst()
    if (row === undefined) return undefined
    if (status === 'SUCCESS') await addSucceeded(ctx, trx, row)
    if (status === 'CLOSED') await giveBackRoom(trx, row, nowMs)
    const withBalance: RefundRecordFacts =
      facts.transferId !== undefined && facts.balanceAccountId !== undefined
        ? {
            ...record,
            balance: { accountId: facts.balanceAccountId, transferId: facts.transferId },
          }
        : record
    await upsertRefundRecord(ctx, row, withBalance, trx as unknown as Kysely<unknown>)
    return row
  })
  if (changed === undefined) return loadRefund(ctx.db, refundId)
  const notice = { refundId, amountFen: Number(changed.amount_fen), storeName: record.storeName }
  if (status === 'SUCCESS') await notifyQuietly(ctx, changed.user_id, 'refund_succeeded', notice)
  if (status === 'ABNORMAL' && before.status === 'PROCESSING')
    await notifyQuietly(ctx, changed.user_id, 'refund_abnormal', notice)
  return changed
}

async function addSucceeded(
  ctx: RefundsContext,
  trx: Kysely<import('./refunds-tables.ts').RefundsTables>,
  row: RefundRow,
): Promise<void> {
  const payment = await trx
    .updateTable('refund_payments')
    .set((eb) => ({
      succeeded_fen: eb('succeeded_fen', '+', Number(row.amount_fen)),
      updated_at: new Date(ctx.clock.nowMs()),
    }))
    .where('payment_id', '=', row.payment_id)
    .returning('succeeded_fen')
    .executeTakeFirstOrThrow()
  // In this transaction: the payment's refunded total and its record change with the refund.
  await ctx.payments.noteRefunded(
    row.payment_id,
    Number(payment.succeeded_fen),
    trx as unknown as Db,
  )
}

async function giveBackRoom(
  trx: Kysely<import('./refunds-tables.ts').RefundsTables>,
  row: RefundRow,
  nowMs: number,
): Promise<void> {
  await trx
    .updateTable('refund_payments')
    .set((eb) => ({
      refunded_fen: eb('refunded_fen', '-', Number(row.amount_fen)),
      fee_back_fen: eb('fee_back_fen', '-', Number(row.fee_back_fen)),
      coupon_back_fen: eb('coupon_back_fen', '-', Number(row.coupon_back_fen)),
      updated_at: new Date(nowMs),
    }))
    .where('payment_id', '=', row.payment_id)
    .execute()
}
