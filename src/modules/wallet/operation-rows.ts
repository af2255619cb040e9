/**
 * Operation rows (wallet_operations): one per top-up or withdrawal, keyed by the client's
 * idempotency key, and the record views built from them (one operation, the record list).
 */
import { createHash } from 'node:crypto'
import { DomainError } from '../../shared/errors.ts'
import type { MoneyRequestInput, OperationKind, WalletContext } from './context.ts'
import { balanceAccount } from './accounts.ts'
import { operationClaimIds } from './limits.ts'
import { writeOperationRecord } from './operation-records.ts'
import type { WalletTables } from './wallet-tables.ts'

export type OperationRow = WalletTables['wallet_operations']

export interface Operation {
  id: string
  kind: OperationKind
  status: 'PROCESSING' | 'SUCCEEDED' | 'FAILED'
  amountFen: number
  feeFen: number
  card: { id: string; bankCode: string; last4: string }
  failure: { code: string; details: Record<string, unknown> } | null
  createdAtMs: number
  completedAtMs: number | null
  /** Withdrawals: when the money is expected on the card. */
  expectedArrivalAtMs: number | null
}

export const OPERATION_PAGE_SIZE_MAX = 100
const OPERATION_PAGE_SIZE_DEFAULT = 20

export function toOperation(ctx: WalletContext, row: OperationRow): Operation {
  const createdAtMs = new Date(row.created_at).getTime()
  return {
    id: row.id,
    kind: row.kind as Operation['kind'],
    status: row.status as Operation['status'],
    amountFen: Number(row.amount_fen),
    feeFen: Number(row.fee_fen),
    card: { id: row.card_id, bankCode: row.bank_code, last4: row.card_last4 },
    failure:
      row.failure_code === null
        ? null
        : { code: row.failure_code, details: row.failure_details ?? {} },
    createdAtMs,
    completedAtMs: row.completed_at === null ? null : new Date(row.completed_at).getTime(),
    expectedArrivalAtMs:
      row.kind === 'WITHDRAW' ? createdAtMs + ctx.rules.withdrawArrivalHours * 3600_000 : null,
  }
}

/** The same request always hashes the same: a retried key with other content is a conflict. */
export function requestHash(kind: string, input: MoneyRequestInput): string {
  return createHash('sha256')
    .update(JSON.stringify([kind, input.cardId, input.amountFen]))
    .digest('base64url')
    .slice(0, 22)
}

export async function loadOperation(
  ctx: WalletContext,
  operationId: string,
): Promise<OperationRow> {
  const row = await ctx.db
    .selectFrom('wallet_operations')
    .selectAll()
    .where('id', '=', operationId)
    .executeTakeFirst()
  if (row === undefined) throw new DomainError('NOT_FOUND', { resource: 'operation' })
  return row
}

export async function getOperation(
  ctx: WalletContext,
  userId: string,
  operationId: string,
): Promise<Operation> {
  const row = await loadOperation(ctx, operationId)
  if (row.user_id !== userId) throw new DomainError('NOT_FOUND', { resource: 'operation' })
  return toOperation(ctx, row)
}

export async function listOperations(
  ctx: WalletContext,
  userId: string,
  page: { limit?: number; beforeMs?: number } = {},
): Promise<Operation[]> {
  let query = ctx.db.selectFrom('wallet_operations').selectAll().where('user_id', '=', userId)
  if (page.beforeMs !== undefined) query = query.where('created_at', '<', new Date(page.beforeMs))
  const rows = await query
    .orderBy('created_at', 'desc')
    .limit(Math.min(page.limit ?? OPERATION_PAGE_SIZE_DEFAULT, OPERATION_PAGE_SIZE_MAX))
    .execute()
  return rows.map((row) => toOperation(ctx, row))
}

/** Returns the existing operation for a retried key, or undefined for a new request. */
export async function existingFor(
  ctx: WalletContext,
  userId: string,
  input: MoneyRequestInput,
  kind: OperationKind,
): Promise<Operation | undefined> {
  const row = await ctx.db
    .selectFrom('wallet_operations')
    .selectAll()
    .where('user_id', '=', userId)
    .where('idempotency_key', '=', input.idempotencyKey)
    .executeTakeFirst()
  if (row === undefined) return undefined
  if (row.request_hash !== requestHash(kind, input)) throw new DomainError('IDEMPOTENCY_CONFLICT')
  return toOperation(ctx, row)
}

async function postedBalance(ctx: WalletContext, operationId: string, postTransferId?: number) {
  if (postTransferId === undefined || ctx.records === undefined) return undefined
  const row = await loadOperation(ctx, operationId)
  return { accountId: (await balanceAccount(ctx, row.user_id)).id, transferId: postTransferId }
}

export async function recordHold(
  ctx: WalletContext,
  operationId: string,
  holdTransferId: number,
): Promise<void> {
  await ctx.db
    .updateTable('wallet_operations')
    .set({ hold_transfer_id: holdTransferId })
    .where('id', '=', operationId)
    .execute()
}

/**
 * PROCESSING → SUCCEEDED or FAILED, once: a second call changes nothing. A FAILED operation
 * gives its limit claims back in the same transaction (the give-back rule in limits.ts).
 */
export async function finish(
  ctx: WalletContext,
  operationId: string,
  status: 'SUCCEEDED' | 'FAILED',
  failure: { code: string; details: Record<string, unknown> } | null,
  /** SUCCEEDED: the posting that moved the balance (the record's balance after). */
  postTransferId?: number,
): Promise<Operation> {
  const nowMs = ctx.clock.nowMs()
  const balance = await postedBalance(ctx, operationId, postTransferId)
  await ctx.db.transaction().execute(async (trx) => {
    const finished = await trx
      .updateTable('wallet_operations')
      .set({
        status,
        failure_code: failure?.code ?? null,
        failure_details: failure?.details ?? null,
        updated_at: new Date(nowMs),
        completed_at: new Date(nowMs),
      })
      .where('id', '=', operationId)
      .where('status', '=', 'PROCESSING')
      .executeTakeFirst()
    if (finished.numUpdatedRows !== 1n) return
    if (status === 'FAILED') await ctx.quota.release(operationClaimIds(operationId), trx)
    await writeOperationRecord(ctx, trx, operationId, balance)
  })
  return toOperation(ctx, await loadOperation(ctx, operationId))
}
