/**
 * Transfer to a bank card (own or another person's, at a supported bank), two-phase like a
 * withdrawal: amount and fee are held on the sender's balance (pending, `tr:<id>:hold`), the
 * bank is credited with the transfer id as its idempotent request id, and the hold is posted
 * or voided by its answer. No answer (timeout, crash) leaves it PROCESSING until the resolver
 * learns the outcome from the bank (resolveCard). Fee: 0.1%, at least 0.10 and at most 25 yuan.
 */
import type { MoneyResult } from '../../adapters/bank/index.ts'
import { DomainError } from '../../shared/errors.ts'
import { walletCodeForBank } from '../cards/index.ts'
import type { User } from '../identity/index.ts'
import type { TransfersContext } from './context.ts'
import { classClaimIds, dailyClaimIds, precheckDaily } from './limits.ts'
import type { Recipient } from './recipients.ts'
import { insertTransfer } from './insert.ts'
import type { SendInput } from './send.ts'
import { partyNames, writeRecords } from './transfer-records.ts'
import { loadTransfer, type TransferRow } from './transfer-rows.ts'

type CardRecipient = Extract<Recipient, { kind: 'CARD' }>

export function cardFeeFen(ctx: TransfersContext, amountFen: number): number {
  const { cardFeePerMille, cardFeeMinFen, cardFeeMaxFen } = ctx.rules
  const feeFen = Math.floor((amountFen * cardFeePerMille + 500) / 1000)
  return Math.min(cardFeeMaxFen, Math.max(cardFeeMinFen, feeFen))
}

function clearingAccount(ctx: TransfersContext, bankCode: string) {
  return ctx.ledger
    .findAccount({
      ownerKind: 'platform',
      ownerId: 'platform',
      purpose: `bank_clearing:${bankCode.toLowerCase()}`,
      currency: 'CNY',
    })
    .then((account) => {
      if (account === undefined) throw new DomainError('CARD_NOT_SUPPORTED')
      return account
    })
}

export async function sendToCard(
  ctx: TransfersContext,
  sender: User,
  card: CardRecipient,
  input: SendInput & { note: string },
): Promise<TransferRow> {
  const feeFen = cardFeeFen(ctx, input.amountFen)
  await precheckDaily(ctx, sender.id, input.amountFen)
  await ctx.security.confirmPayment({
    userId: sender.id,
    amountFen: input.amountFen + feeFen,
    purpose: 'TRANSFER',
    // Money to one's own same-name card does not count against the class (PBoC No. 43 Art. 11).
    countsAgainstBalanceLimit: !card.own,
    method: input.method,
    ...(input.smsCode ? { smsCode: input.smsCode } : {}),
    ...(input.ip ? { ip: input.ip } : {}),
  })
  const row = await insertTransfer(ctx, sender.id, input, {
    kind: 'CARD',
    note: input.note,
    delayMs: 0,
    recipient: card,
    values: {
      status: 'PROCESSING',
      card_bank_code: card.bankCode,
      card_last4: card.last4,
      card_holder_name: card.holderName,
      card_number_enc: ctx.secrets.encrypt(card.cardNumber),
      own_card: card.own,
      fee_fen: feeFen,
    },
  })
  if (row.status !== 'PROCESSING' || row.send_transfer_id !== null) return row
  await holdCardTransfer(ctx, row)
  return sendCardToBank(ctx, row.id)
}

async function holdCardTransfer(ctx: TransfersContext, row: TransferRow): Promise<void> {
  const amountFen = Number(row.amount_fen)
  const feeFen = Number(row.fee_fen)
  try {
    if (!row.own_card)
      await ctx.security.recordBalancePayment(
        row.sender_id,
        amountFen + feeFen,
        undefined,
        `tr:${row.id}`,
      )
    const balance = await ctx.balanceAccount(row.sender_id)
    const clearing = await clearingAccount(ctx, row.card_bank_code ?? '')
    const legs = [{ debitAccountId: balance.id, creditAccountId: clearing.id, amountFen }]
    if (feeFen > 0)
      legs.push({ debitAccountId: balance.id, creditAccountId: ctx.fees.id, amountFen: feeFen })
    const hold = await ctx.ledger.createTransfer({
      kind: 'pending',
      idempotencyKey: `tr:${row.id}:hold`,
      code: 'TRANSFER',
      legs,
      metadata: { transfer: row.id },
    })
    await ctx.db
      .updateTable('transfers')
      .set({ send_transfer_id: hold.transferId })
      .where('id', '=', row.id)
      .execute()
  } catch (error) {
    if (error instanceof DomainError) await finishCard(ctx, row.id, 'FAILED', error.code)
    throw error
  }
}

async function sendCardToBank(ctx: TransfersContext, transferId: string): Promise<TransferRow> {
  const row = await loadTransfer(ctx.db, transferId)
  await ctx.db
    .updateTable('transfers')
    .set({ bank_attempts: row.bank_attempts + 1 })
    .where('id', '=', transferId)
    .execute()
  const result = await ctx.bank.credit({
    requestId: row.id,
    cardNumber: ctx.secrets.decrypt(row.card_number_enc ?? ''),
    amountFen: Number(row.amount_fen),
    purpose: 'WITHDRAW',
  })
  return settleCard(ctx, transferId, result)
}

/** Applies the bank's answer; idempotent (deterministic ledger keys, conditional update). */
async function settleCard(
  ctx: TransfersContext,
  transferId: string,
  result: MoneyResult,
): Promise<TransferRow> {
  const row = await loadTransfer(ctx.db, transferId)
  if (row.status !== 'PROCESSING' || result.outcome === 'UNKNOWN') return row
  const holdId = Number(row.send_transfer_id)
  if (result.outcome === 'SUCCEEDED') {
    const posted = await ctx.ledger.createTransfer({
      kind: 'post',
      idempotencyKey: `tr:${row.id}:post`,
      pendingId: holdId,
      metadata: {
        transfer: row.id,
        bankRequestId: row.id,
        bankProcessedAtMs: result.processedAtMs,
      },
    })
    return finishCard(ctx, row.id, 'SUCCEEDED', null, posted.transferId)
  }
  await ctx.ledger.createTransfer({
    kind: 'void',
    idempotencyKey: `tr:${row.id}:void`,
    pendingId: holdId,
    metadata: { transfer: row.id },
  })
  return finishCard(ctx, row.id, 'FAILED', walletCodeForBank(result.code))
}

/** PROCESSING → SUCCEEDED or FAILED, once; a failure gives every claim back with it. */
async function finishCard(
  ctx: TransfersContext,
  transferId: string,
  status: 'SUCCEEDED' | 'FAILED',
  failureCode: string | null,
  settleTransferId?: number,
): Promise<TransferRow> {
  const row = await loadTransfer(ctx.db, transferId)
  const names = await partyNames(ctx, row)
  const nowMs = ctx.clock.nowMs()
  await ctx.db.transaction().execute(async (trx) => {
    const moved = await trx
      .updateTable('transfers')
      .set({
        status,
        failure_code: failureCode,
        settle_transfer_id: settleTransferId ?? null,
        updated_at: new Date(nowMs),
        completed_at: new Date(nowMs),
      })
      .where('id', '=', transferId)
      .where('status', '=', 'PROCESSING')
      .returningAll()
      .executeTakeFirst()
    if (moved === undefined) return
    if (status === 'FAILED')
      await ctx.quota.release([...dailyClaimIds(transferId), ...classClaimIds(transferId)], trx)
    await writeRecords(ctx, moved, names, trx)
  })
  return loadTransfer(ctx.db, transferId)
}

/**
 * Drives a card transfer whose request did not finish: the bank is asked what became of the
 * request id and it is re-sent when the bank never saw it (idempotent at the bank by id).
 */
export async function resolveCard(ctx: TransfersContext, row: TransferRow): Promise<TransferRow> {
  if (row.status !== 'PROCESSING') return row
  if (row.send_transfer_id === null) {
    // Crashed before the hold was recorded: the bank was never called. Release any hold.
    const hold = await ctx.ledger.findTransferByKey(`tr:${row.id}:hold`)
    if (hold !== undefined && (await ctx.ledger.isPending(hold.id))) {
      await ctx.ledger.createTransfer({
        kind: 'void',
        idempotencyKey: `tr:${row.id}:void`,
        pendingId: hold.id,
      })
    }
    return finishCard(ctx, row.id, 'FAILED', 'SYSTEM_BUSY')
  }
  const status = await ctx.bank.getRequest(row.id)
  if (status.outcome === 'NOT_FOUND') return sendCardToBank(ctx, row.id)
  return settleCard(ctx, row.id, status)
}
