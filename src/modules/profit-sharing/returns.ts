/**
 * Returns (分账回退, POST /v3/profitsharing/return-orders), idempotent by out_return_no: money a
 * merchant receiver got from an order goes back from its merchant_pending to the sharer's
 * (`ps:return:<return id>`). As on WeChat, only merchant receivers can be asked to return. The
 * amount is claimed on the order's receiver row (never more than it got minus what it returned)
 * in the transaction that writes the return; when the receiver's pending holds too little (it
 * was settled already) the return ends FAILED with BALANCE_NOT_ENOUGH and the claim goes back.
 */
import type { Selectable } from 'kysely'
import { DomainError, isDomainError } from '../../shared/errors.ts'
import { SQLSTATE } from '../../shared/sqlstate.ts'
import { pendingAccount } from './accounts.ts'
import type { ProfitSharingContext } from './context.ts'
import { contentHash, newReturnId } from './ids.ts'
import { findOrderRow } from './order-rows.ts'
import type { ProfitSharingTables } from './profit-sharing-tables.ts'

type ReturnRow = Selectable<ProfitSharingTables['profit_sharing_returns']>

export interface ReturnInput {
  order: { outOrderNo: string } | { orderId: string }
  outReturnNo: string
  returnMchid: string
  amountFen: number
  description: string
}

export interface SharingReturn {
  id: string
  orderId: string
  outOrderNo: string
  outReturnNo: string
  returnMchid: string
  amountFen: number
  description: string
  result: 'PROCESSING' | 'SUCCESS' | 'FAILED'
  failReason: string | null
  createdAtMs: number
  finishedAtMs: number | null
}

async function toReturn(ctx: ProfitSharingContext, row: ReturnRow): Promise<SharingReturn> {
  const order = await findOrderRow(ctx, row.merchant_id, { orderId: row.order_id })
  return {
    id: row.id,
    orderId: row.order_id,
    outOrderNo: order?.out_order_no ?? '',
    outReturnNo: row.out_return_no,
    returnMchid: row.return_mchid,
    amountFen: Number(row.amount_fen),
    description: row.description,
    result: row.result as SharingReturn['result'],
    failReason: row.fail_reason,
    createdAtMs: new Date(row.created_at).getTime(),
    finishedAtMs: row.finished_at === null ? null : new Date(row.finished_at).getTime(),
  }
}

function findReturnRow(ctx: ProfitSharingContext, merchantId: string, outReturnNo: string) {
  return ctx.db
    .selectFrom('profit_sharing_returns')
    .selectAll()
    .where('merchant_id', '=', merchantId)
    .where('out_return_no', '=', outReturnNo)
    .executeTakeFirst()
}

/** The order and its merchant receiver the return takes money back from. */
async function sharedTo(ctx: ProfitSharingContext, merchantId: string, input: ReturnInput) {
  const order = await findOrderRow(ctx, merchantId, input.order)
  if (order === undefined || order.kind !== 'SHARE') {
    throw new DomainError('NOT_FOUND', { resource: 'profit sharing order' })
  }
  const receiver = await ctx.db
    .selectFrom('profit_sharing_order_receivers')
    .selectAll()
    .where('order_id', '=', order.id)
    .where('type', '=', 'MERCHANT_ID')
    .where('account', '=', input.returnMchid)
    .where('result', '=', 'SUCCESS')
    .orderBy('seq')
    .executeTakeFirst()
  if (receiver === undefined) {
    throw new DomainError('PROFIT_SHARING_RECEIVER_UNKNOWN', { returnMchid: input.returnMchid })
  }
  return { order, receiver }
}

export async function returnShare(
  ctx: ProfitSharingContext,
  merchantId: string,
  input: ReturnInput,
): Promise<SharingReturn> {
  const hash = contentHash([input.order, input.returnMchid, input.amountFen, input.description])
  const existing = await findReturnRow(ctx, merchantId, input.outReturnNo)
  if (existing !== undefined) {
    if (existing.request_hash !== hash) {
      throw new DomainError('PROFIT_SHARING_NO_USED', { outReturnNo: input.outReturnNo })
    }
    return finishReturn(ctx, existing)
  }
  const { order, receiver } = await sharedTo(ctx, merchantId, input)
  const nowDate = new Date(ctx.clock.nowMs())
  const id = newReturnId(nowDate.getTime())
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const claimed = await trx
        .updateTable('profit_sharing_order_receivers')
        .set((eb) => ({ returned_fen: eb('returned_fen', '+', input.amountFen) }))
        .where('order_id', '=', order.id)
        .where('seq', '=', receiver.seq)
        .where((eb) => eb('amount_fen', '>=', eb('returned_fen', '+', input.amountFen)))
        .executeTakeFirst()
      if (claimed.numUpdatedRows !== 1n) {
        throw new DomainError('NOT_ENOUGH', {
          returnableFen: Number(receiver.amount_fen) - Number(receiver.returned_fen),
        })
      }
      await trx
        .insertInto('profit_sharing_returns')
        .values({
          id,
          merchant_id: merchantId,
          out_return_no: input.outReturnNo,
          order_id: order.id,
          receiver_seq: receiver.seq,
          return_mchid: input.returnMchid,
          amount_fen: input.amountFen,
          description: input.description,
          request_hash: hash,
          result: 'PROCESSING',
          created_at: nowDate,
        })
        .execute()
    })
  } catch (error) {
    // A twin with the same number claimed first (its money, or the row): it is the answer.
    const twin = await findReturnRow(ctx, merchantId, input.outReturnNo)
    if (twin !== undefined || (error as { code?: string }).code === SQLSTATE.uniqueViolation) {
      return returnShare(ctx, merchantId, input)
    }
    throw error
  }
  return finishReturn(ctx, (await findReturnRow(ctx, merchantId, input.outReturnNo)) as ReturnRow)
}

/** Moves a PROCESSING return's money (idempotent); answers any return as it stands. */
export async function finishReturn(
  ctx: ProfitSharingContext,
  row: ReturnRow,
): Promise<SharingReturn> {
  if (row.result !== 'PROCESSING') return toReturn(ctx, row)
  const [from, to] = await Promise.all([
    pendingAccount(ctx, row.return_mchid),
    pendingAccount(ctx, row.merchant_id),
  ])
  let result: { result: 'SUCCESS' | 'FAILED'; fail_reason: string | null; transfer_id?: number }
  try {
    const created = await ctx.ledger.createTransfer({
      kind: 'posted',
      idempotencyKey: `ps:return:${row.id}`,
      code: 'PROFIT_SHARING_RETURN',
      legs: [
        { debitAccountId: from.id, creditAccountId: to.id, amountFen: Number(row.amount_fen) },
      ],
      metadata: { profitSharing: 'return', return: row.id, order: row.order_id },
    })
    result = { result: 'SUCCESS', fail_reason: null, transfer_id: created.transferId }
  } catch (error) {
    if (!isDomainError(error)) throw error
    const reason = error.code === 'NOT_ENOUGH' ? 'BALANCE_NOT_ENOUGH' : 'ACCOUNT_ABNORMAL'
    result = { result: 'FAILED', fail_reason: reason }
  }
  await ctx.db.transaction().execute(async (trx) => {
    const ended = await trx
      .updateTable('profit_sharing_returns')
      .set({ ...result, finished_at: new Date(ctx.clock.nowMs()) })
      .where('id', '=', row.id)
      .where('result', '=', 'PROCESSING')
      .executeTakeFirst()
    if (ended.numUpdatedRows === 1n && result.result === 'FAILED') {
      await trx
        .updateTable('profit_sharing_order_receivers')
        .set((eb) => ({ returned_fen: eb('returned_fen', '-', Number(row.amount_fen)) }))
        .where('order_id', '=', row.order_id)
        .where('seq', '=', row.receiver_seq)
        .execute()
    }
  })
  return toReturn(ctx, (await findReturnRow(ctx, row.merchant_id, row.out_return_no)) as ReturnRow)
}

/** The merchant's return for the order, or NOT_FOUND. */
export async function getReturn(
  ctx: ProfitSharingContext,
  merchantId: string,
  outReturnNo: string,
  outOrderNo: string,
): Promise<SharingReturn> {
  const row = await findReturnRow(ctx, merchantId, outReturnNo)
  const found = row === undefined ? undefined : await toReturn(ctx, row)
  if (found === undefined || found.outOrderNo !== outOrderNo) {
    throw new DomainError('NOT_FOUND', { resource: 'profit sharing return' })
  }
  return found
}

/** PROCESSING returns of the merchant (interrupted by a crash): finished. */
export async function finishInterruptedReturns(ctx: ProfitSharingContext, merchantId: string) {
  const rows = await ctx.db
    .selectFrom('profit_sharing_returns')
    .selectAll()
    .where('merchant_id', '=', merchantId)
    .where('result', '=', 'PROCESSING')
    .execute()
  for (const row of rows) await finishReturn(ctx, row)
}
