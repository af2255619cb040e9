/**
 * The bank side of an operation: the bank is asked with the operation id as its idempotent
 * request id, and the ledger hold is posted or voided by the answer. An answer that never came
 * leaves the operation PROCESSING until the resolver learns the outcome from the bank: never a
 * lost or doubled top-up.
 */
import type { MoneyResult } from '../../adapters/bank/index.ts'
import { publicBankDetails, walletCodeForBank } from '../cards/index.ts'
import type { WalletContext } from './context.ts'
import {
  finish,
  loadOperation,
  type Operation,
  type OperationRow,
  toOperation,
} from './operation-rows.ts'

const RESOLVE_BATCH_DEFAULT = 100

export async function sendToBank(
  ctx: WalletContext,
  operationId: string,
  cardNumber: string,
): Promise<Operation> {
  const row = await loadOperation(ctx, operationId)
  await ctx.db
    .updateTable('wallet_operations')
    .set({ bank_attempts: row.bank_attempts + 1 })
    .where('id', '=', operationId)
    .execute()
  const request = { requestId: row.id, cardNumber, amountFen: Number(row.amount_fen) }
  const result =
    row.kind === 'TOPUP'
      ? await ctx.bank.debit({ ...request, purpose: 'TOPUP' })
      : await ctx.bank.credit({ ...request, purpose: 'WITHDRAW' })
  return settle(ctx, operationId, result)
}

/** Applies the bank's answer; idempotent (deterministic ledger keys, conditional status update). */
async function settle(
  ctx: WalletContext,
  operationId: string,
  result: MoneyResult,
): Promise<Operation> {
  const row = await loadOperation(ctx, operationId)
  if (row.status !== 'PROCESSING' || result.outcome === 'UNKNOWN') return toOperation(ctx, row)
  const holdId = row.hold_transfer_id
  if (holdId === null) throw new Error(`operation ${operationId} has no hold`)
  if (result.outcome === 'SUCCEEDED') {
    const posted = await ctx.ledger.createTransfer({
      kind: 'post',
      idempotencyKey: `op:${row.id}:post`,
      pendingId: Number(holdId),
      metadata: { op: row.id, bankRequestId: row.id, bankProcessedAtMs: result.processedAtMs },
    })
    return finish(ctx, row.id, 'SUCCEEDED', null, posted.transferId)
  }
  await ctx.ledger.createTransfer({
    kind: 'void',
    idempotencyKey: `op:${row.id}:void`,
    pendingId: Number(holdId),
    metadata: { op: row.id },
  })
  return finish(ctx, row.id, 'FAILED', {
    code: walletCodeForBank(result.code),
    details: publicBankDetails(result.details),
  })
}

/**
 * Drives operations whose request did not finish (bank timeout, crash): asks the bank what
 * happened to the request id, re-sends it when the bank never saw it (the bank is idempotent
 * by request id, so this can never move money twice), and settles the hold accordingly.
 */
export async function resolveProcessing(
  ctx: WalletContext,
  options: { olderThanMs?: number; limit?: number } = {},
): Promise<number> {
  const cutoff = new Date(ctx.clock.nowMs() - (options.olderThanMs ?? ctx.rules.resolveAfterMs))
  const rows = await ctx.db
    .selectFrom('wallet_operations')
    .selectAll()
    .where('status', '=', 'PROCESSING')
    .where('created_at', '<=', cutoff)
    .orderBy('created_at')
    .limit(options.limit ?? RESOLVE_BATCH_DEFAULT)
    .execute()
  let settled = 0
  for (const row of rows) {
    try {
      const after = await resolveOne(ctx, row)
      if (after.status !== row.status) settled += 1
    } catch (error) {
      // One operation that cannot be settled now must not hold up the others; it stays
      // PROCESSING and is tried again on the next sweep.
      ctx.onResolveError?.(row.id, error)
    }
  }
  return settled
}

async function resolveOne(ctx: WalletContext, row: OperationRow): Promise<Operation> {
  if (row.hold_transfer_id === null) {
    // Crashed before the hold was recorded: the bank was never called. Release any hold.
    const hold = await ctx.ledger.findTransferByKey(`op:${row.id}:hold`)
    if (hold !== undefined && (await ctx.ledger.isPending(hold.id))) {
      await ctx.ledger.createTransfer({
        kind: 'void',
        idempotencyKey: `op:${row.id}:void`,
        pendingId: hold.id,
      })
    }
    return finish(ctx, row.id, 'FAILED', { code: 'SYSTEM_BUSY', details: {} })
  }
  const status = await ctx.bank.getRequest(row.id)
  if (status.outcome === 'NOT_FOUND') {
    const card = await ctx.cards.cardForBank(row.user_id, row.card_id, { includeUnbound: true })
    return sendToBank(ctx, row.id, card.cardNumber)
  }
  return settle(ctx, row.id, status)
}
