/**
 * The balance transfer's state machine. Every step is a conditional update of the row (`WHERE
 * status = …`: of two racing steps exactly one wins) next to a ledger transfer with a
 * deterministic key, so any step can be run again — by the request, the scheduled job or the
 * resolver after a crash — and the books move once:
 *
 *   SENDING ──`tr:<id>:send` sender→escrow──▶ DELAYED ──(delay passed)──▶ PENDING
 *      │ (balance or limit refused)             │ cancel                    │ accept │ return / 24 h
 *      ▼                                        ▼                           ▼        ▼
 *    FAILED                                 RETURNING ◀──────────────── ACCEPTING  RETURNING
 *                                               │ `tr:<id>:settle` escrow→sender     │ escrow→recipient
 *                                               ▼                                    ▼
 *                                 CANCELLED / RETURNED / EXPIRED                  ACCEPTED
 */
import { DomainError } from '../../shared/errors.ts'
import { announceArrival, announceSettled } from './announce.ts'
import { TRANSFER_JOB, type TransfersContext, type TransfersDb } from './context.ts'
import { classClaimIds, dailyClaimIds } from './limits.ts'
import { partyNames, writeRecords } from './transfer-records.ts'
import { loadTransfer, type TransferRow, type TransferStatus } from './transfer-rows.ts'

export type ReturnReason = 'RETURNED' | 'EXPIRED' | 'CANCELLED'

const ms = (date: Date) => new Date(date).getTime()

/**
 * Moves the row from one of `from` to `to` with `set`, writing the records of the new state in
 * the same transaction; undefined when another step got there first.
 */
async function moveRow(
  ctx: TransfersContext,
  row: TransferRow,
  from: TransferStatus,
  to: TransferStatus,
  set: Partial<TransferRow> = {},
  onMoved?: (trx: TransfersDb, moved: TransferRow) => Promise<void>,
): Promise<TransferRow | undefined> {
  const names = await partyNames(ctx, { ...row, ...set })
  const nowMs = ctx.clock.nowMs()
  return ctx.db.transaction().execute(async (trx) => {
    const moved = await trx
      .updateTable('transfers')
      .set({ ...set, status: to, updated_at: new Date(nowMs) })
      .where('id', '=', row.id)
      .where('status', '=', from)
      .returningAll()
      .executeTakeFirst()
    if (moved === undefined) return undefined
    await writeRecords(ctx, moved, names, trx)
    await onMoved?.(trx, moved)
    return moved
  })
}

/** Telling people never undoes nor fails a money movement that already committed. */
async function told(ctx: TransfersContext, transferId: string, telling: Promise<void>) {
  await telling.catch((error: unknown) => ctx.onResolveError?.(transferId, error))
}

/** Due dates for the job runner, scheduled before any money moves (idempotent by key). */
export async function scheduleDeadlines(ctx: TransfersContext, row: TransferRow): Promise<void> {
  const payload = { transferId: row.id }
  if (Number(row.delay_ms) > 0) {
    await ctx.jobs.schedule({
      kind: TRANSFER_JOB.arrive,
      key: row.id,
      payload,
      runAtMs: ms(row.available_at),
    })
  }
  await ctx.jobs.schedule({
    kind: TRANSFER_JOB.expire,
    key: row.id,
    payload,
    runAtMs: ms(row.expires_at),
  })
}

/** SENDING → FAILED, giving every claim back; only while nothing left the sender. */
async function failSend(ctx: TransfersContext, row: TransferRow, code: string): Promise<void> {
  await moveRow(
    ctx,
    row,
    'SENDING',
    'FAILED',
    { failure_code: code, completed_at: new Date(ctx.clock.nowMs()) },
    async (trx) => {
      await ctx.quota.release([...dailyClaimIds(row.id), ...classClaimIds(row.id)], trx)
    },
  )
}

/**
 * SENDING → DELAYED or PENDING: claims the class limit, schedules the deadlines, then posts
 * the money into escrow. A refusal (balance, limit) fails the transfer and is thrown.
 */
export async function completeSend(ctx: TransfersContext, row: TransferRow): Promise<TransferRow> {
  if (row.status !== 'SENDING') return row
  const amountFen = Number(row.amount_fen)
  let sendTransferId: number
  try {
    await ctx.security.recordBalancePayment(row.sender_id, amountFen, undefined, `tr:${row.id}`)
    await scheduleDeadlines(ctx, row)
    const sender = await ctx.balanceAccount(row.sender_id)
    const sent = await ctx.ledger.createTransfer({
      kind: 'posted',
      idempotencyKey: `tr:${row.id}:send`,
      code: 'TRANSFER',
      legs: [{ debitAccountId: sender.id, creditAccountId: ctx.escrow.id, amountFen }],
      metadata: { transfer: row.id },
    })
    sendTransferId = sent.transferId
  } catch (error) {
    if (error instanceof DomainError) await failSend(ctx, row, error.code)
    throw error
  }
  const arrived = ms(row.available_at) <= ctx.clock.nowMs()
  const set = { send_transfer_id: sendTransferId }
  const moved = await moveRow(ctx, row, 'SENDING', arrived ? 'PENDING' : 'DELAYED', set)
  if (moved === undefined) return refundIfFailed(ctx, row.id)
  if (arrived) await told(ctx, moved.id, announceArrival(ctx, moved, await partyNames(ctx, moved)))
  return moved
}

/**
 * A parallel step marked the transfer FAILED (the balance was short then) while this one's
 * send went through later: the money goes straight back, so nothing stays in escrow.
 */
async function refundIfFailed(ctx: TransfersContext, transferId: string): Promise<TransferRow> {
  const row = await loadTransfer(ctx.db, transferId)
  if (
    row.status !== 'FAILED' ||
    (await ctx.ledger.findTransferByKey(`tr:${row.id}:send`)) === undefined
  )
    return row
  const sender = await ctx.balanceAccount(row.sender_id)
  await ctx.ledger.createTransfer({
    kind: 'posted',
    idempotencyKey: `tr:${row.id}:settle`,
    code: 'TRANSFER',
    legs: [
      {
        debitAccountId: ctx.escrow.id,
        creditAccountId: sender.id,
        amountFen: Number(row.amount_fen),
      },
    ],
    metadata: { transfer: row.id, refund: true },
  })
  return row
}

/** DELAYED → PENDING once the delay passed: now the recipient sees it and is told. */
export async function arrive(ctx: TransfersContext, row: TransferRow): Promise<TransferRow> {
  if (row.status !== 'DELAYED' || ms(row.available_at) > ctx.clock.nowMs()) return row
  const moved = await moveRow(ctx, row, 'DELAYED', 'PENDING')
  if (moved === undefined) return loadTransfer(ctx.db, row.id)
  await told(ctx, moved.id, announceArrival(ctx, moved, await partyNames(ctx, moved)))
  return moved
}

/** PENDING (or DELAYED, to cancel) → ACCEPTING / RETURNING; undefined when another step won. */
export async function startSettle(
  ctx: TransfersContext,
  row: TransferRow,
  outcome: { accept: true; recipientUserId: string } | { accept: false; reason: ReturnReason },
): Promise<TransferRow | undefined> {
  const from: TransferStatus =
    !outcome.accept && outcome.reason === 'CANCELLED' ? 'DELAYED' : 'PENDING'
  let query = ctx.db
    .updateTable('transfers')
    .set(
      outcome.accept
        ? { status: 'ACCEPTING', recipient_user_id: outcome.recipientUserId }
        : { status: 'RETURNING', return_reason: outcome.reason },
    )
    .set({ updated_at: new Date(ctx.clock.nowMs()) })
    .where('id', '=', row.id)
    .where('status', '=', from)
  // A phone transfer is claimed once: by the first verified owner of the number.
  if (outcome.accept && row.recipient_user_id === null)
    query = query.where('recipient_user_id', 'is', null)
  return query.returningAll().executeTakeFirst()
}

/** ACCEPTING → ACCEPTED, RETURNING → its reason: the money leaves escrow once. */
export async function finishSettle(ctx: TransfersContext, row: TransferRow): Promise<TransferRow> {
  if (row.status !== 'ACCEPTING' && row.status !== 'RETURNING') return row
  const accepting = row.status === 'ACCEPTING'
  const toUserId = accepting ? (row.recipient_user_id as string) : row.sender_id
  const target = await ctx.balanceAccount(toUserId)
  const settled = await ctx.ledger.createTransfer({
    kind: 'posted',
    idempotencyKey: `tr:${row.id}:settle`,
    code: 'TRANSFER',
    legs: [
      {
        debitAccountId: ctx.escrow.id,
        creditAccountId: target.id,
        amountFen: Number(row.amount_fen),
      },
    ],
    metadata: {
      transfer: row.id,
      outcome: accepting ? 'ACCEPTED' : (row.return_reason ?? 'RETURNED'),
    },
  })
  const final = (accepting ? 'ACCEPTED' : row.return_reason) as TransferStatus
  const set = { settle_transfer_id: settled.transferId, completed_at: new Date(ctx.clock.nowMs()) }
  const moved = await moveRow(ctx, row, row.status, final, set, async (trx) => {
    if (!accepting) await ctx.quota.release(classClaimIds(row.id), trx)
  })
  if (moved === undefined) return loadTransfer(ctx.db, row.id)
  await told(ctx, moved.id, announceSettled(ctx, moved))
  return moved
}

/** PENDING past its deadline → back to the sender (the job's work; also on a late read). */
export async function expire(ctx: TransfersContext, row: TransferRow): Promise<TransferRow> {
  if (row.status !== 'PENDING' || ms(row.expires_at) > ctx.clock.nowMs()) return row
  const started = await startSettle(ctx, row, { accept: false, reason: 'EXPIRED' })
  return finishSettle(ctx, started ?? (await loadTransfer(ctx.db, row.id)))
}

/** Every step that is due for this transfer, in order (jobs, the resolver, reads). */
export async function advance(ctx: TransfersContext, transferId: string): Promise<TransferRow> {
  let row = await loadTransfer(ctx.db, transferId)
  if (row.kind === 'CARD') return row
  if (row.status === 'SENDING') {
    row = await completeSend(ctx, row).catch(async (error: unknown) => {
      if (error instanceof DomainError) return loadTransfer(ctx.db, transferId)
      throw error
    })
  }
  if (row.status === 'FAILED') return refundIfFailed(ctx, row.id)
  row = await arrive(ctx, row)
  row = await expire(ctx, row)
  return finishSettle(ctx, row)
}
