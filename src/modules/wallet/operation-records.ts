/**
 * The 账单 record of a top-up or withdrawal (src/modules/records): written with the operation's
 * row in the same transaction on every status change (PROCESSING when the row is written,
 * SUCCEEDED or FAILED when it finishes), and for operations older than the records, once, by
 * backfillRecords. A withdrawal's record carries what left the balance: amount plus fee.
 */
import type { Kysely } from 'kysely'
import { SUPPORTED_BANKS } from '../../shared/bank-card.ts'
import { ERROR_MESSAGES, isErrorCode } from '../../shared/errors.ts'
import type { RecordEntry, RecordsService } from '../records/index.ts'
import type { WalletContext, WalletDb } from './context.ts'
import type { OperationRow } from './operation-rows.ts'

/** What the wallet needs of the records module (tests may leave it out). */
export type OperationRecords = Pick<RecordsService, 'upsert' | 'insertMissing'>

const BACKFILL_BATCH = 200

function failureMessage(code: string | null) {
  return code !== null && isErrorCode(code) ? ERROR_MESSAGES[code] : null
}

function bankNameZh(bankCode: string): string {
  return SUPPORTED_BANKS.find((bank) => bank.bankCode === bankCode)?.bankNameZh ?? bankCode
}

/** The record entry of `row`; `balance` names the posting that moved the balance. */
export function operationRecordEntry(
  row: OperationRow,
  balance: { accountId: number; transferId: number } | undefined,
): RecordEntry {
  const topUp = row.kind === 'TOPUP'
  const amountFen = Number(row.amount_fen)
  const feeFen = Number(row.fee_fen)
  const bank = bankNameZh(row.bank_code)
  return {
    userId: row.user_id,
    sourceKind: topUp ? 'TOPUP' : 'WITHDRAW',
    sourceId: row.id,
    direction: topUp ? 'in' : 'out',
    amountFen: topUp ? amountFen : amountFen + feeFen,
    status: row.status,
    title: topUp ? '零钱充值' : '零钱提现',
    counterparty: { kind: 'bank', id: row.bank_code, name: bank },
    method: { kind: 'card', cardId: row.card_id, label: `${bank}(${row.card_last4})` },
    ...(row.status === 'SUCCEEDED' && balance !== undefined ? { balance } : {}),
    detail: {
      operationId: row.id,
      amountFen,
      feeFen,
      bankCode: row.bank_code,
      cardLast4: row.card_last4,
      failureCode: row.failure_code,
      failureMessage: failureMessage(row.failure_code),
      completedAtMs: row.completed_at === null ? null : new Date(row.completed_at).getTime(),
    },
    occurredAtMs: new Date(row.created_at).getTime(),
  }
}

/** The posting of a past SUCCEEDED operation (backfill): found by its idempotency key. */
async function balanceOf(ctx: WalletContext, row: OperationRow) {
  if (row.status !== 'SUCCEEDED') return undefined
  const transferId = (await ctx.ledger.findTransferByKey(`op:${row.id}:post`))?.id
  if (transferId === undefined) return undefined
  const account = await ctx.ledger.findAccount({
    ownerKind: 'user',
    ownerId: row.user_id,
    purpose: 'balance',
    currency: 'CNY',
  })
  return account === undefined ? undefined : { accountId: account.id, transferId }
}

/**
 * Upserts the record of the operation `operationId` as `trx` (the caller's transaction) sees it.
 * `balance` is looked up before the transaction: the ledger has its own connections.
 */
export async function writeOperationRecord(
  ctx: WalletContext,
  trx: WalletDb,
  operationId: string,
  balance?: { accountId: number; transferId: number },
): Promise<void> {
  if (ctx.records === undefined) return
  const row = await trx
    .selectFrom('wallet_operations')
    .selectAll()
    .where('id', '=', operationId)
    .executeTakeFirstOrThrow()
  await ctx.records.upsert(operationRecordEntry(row, balance), trx as unknown as Kysely<unknown>)
}

/**
 * Writes the record of every operation that has none (operations from before the records
 * existed): keyset by id, a batch at a time; a record already there is left alone, so a run
 * after (or during) live status changes never overwrites one. Returns the operations seen.
 */
export async function backfillRecords(ctx: WalletContext): Promise<number> {
  const records = ctx.records
  if (records === undefined) return 0
  let seen = 0
  let afterId = ''
  for (;;) {
    const rows = await ctx.db
      .selectFrom('wallet_operations')
      .selectAll()
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(BACKFILL_BATCH)
      .execute()
    for (const row of rows) {
      await records.insertMissing(operationRecordEntry(row, await balanceOf(ctx, row)))
    }
    seen += rows.length
    const last = rows.at(-1)
    if (last === undefined || rows.length < BACKFILL_BATCH) return seen
    afterId = last.id
  }
}
