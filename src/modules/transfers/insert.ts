/**
 * The transfer row's birth: a SENDING (or, for a card, PROCESSING) row written together with the
 * sender's daily claims, idempotent by the sender's client key (a retry answers its row).
 */
import { randomId } from '../../shared/crypto.ts'
import { DomainError } from '../../shared/errors.ts'
import type { TransfersContext } from './context.ts'
import { claimDaily } from './limits.ts'
import type { Recipient } from './recipients.ts'
import type { SendInput } from './send.ts'
import { requestHash, type TransferKind, type TransferRow } from './transfer-rows.ts'

/** The row a retried key already made, or undefined; another request under the key conflicts. */
export async function existingFor(
  ctx: TransfersContext,
  senderId: string,
  input: SendInput,
): Promise<TransferRow | undefined> {
  const row = await ctx.db
    .selectFrom('transfers')
    .selectAll()
    .where('sender_id', '=', senderId)
    .where('idempotency_key', '=', input.idempotencyKey)
    .executeTakeFirst()
  if (row === undefined) return undefined
  if (row.request_hash !== requestHash([input.to, input.amountFen, (input.note ?? '').trim()]))
    throw new DomainError('IDEMPOTENCY_CONFLICT')
  return row
}

/** Thrown inside the insert's transaction to roll back its claims when the key exists. */
class KeyTakenError extends Error {}

/** The new SENDING row with its daily claims, or the row of a concurrent request with the key. */
export async function insertTransfer(
  ctx: TransfersContext,
  senderId: string,
  input: SendInput,
  shape: {
    kind: TransferKind
    note: string
    delayMs: number
    recipient: Recipient
    values?: Partial<TransferRow>
  },
): Promise<TransferRow> {
  const nowMs = ctx.clock.nowMs()
  const id = randomId('tr', 20)
  const availableAtMs = nowMs + shape.delayMs
  const recipient = shape.recipient
  const row: TransferRow = {
    id,
    sender_id: senderId,
    kind: shape.kind,
    recipient_user_id: recipient.kind === 'USER' ? recipient.user.id : null,
    recipient_phone: recipient.kind === 'PHONE' ? recipient.phone : null,
    card_bank_code: null,
    card_last4: null,
    card_holder_name: null,
    card_number_enc: null,
    own_card: false,
    amount_fen: input.amountFen,
    fee_fen: 0,
    note: shape.note,
    status: 'SENDING',
    return_reason: null,
    delay_ms: shape.delayMs,
    available_at: new Date(availableAtMs),
    expires_at: new Date(availableAtMs + ctx.rules.acceptWindowMs),
    idempotency_key: input.idempotencyKey,
    request_hash: requestHash([input.to, input.amountFen, shape.note]),
    send_transfer_id: null,
    settle_transfer_id: null,
    failure_code: null,
    bank_attempts: 0,
    created_at: new Date(nowMs),
    updated_at: new Date(nowMs),
    completed_at: null,
    ...shape.values,
  }
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      await claimDaily(ctx, trx, { id, senderId, amountFen: input.amountFen, atMs: nowMs })
      const inserted = await trx
        .insertInto('transfers')
        .values(row)
        .onConflict((conflict) => conflict.constraint('transfers_idempotency').doNothing())
        .returningAll()
        .executeTakeFirst()
      if (inserted === undefined) throw new KeyTakenError()
      return inserted
    })
  } catch (error) {
    if (!(error instanceof KeyTakenError)) throw error
    return (await existingFor(ctx, senderId, input)) as TransferRow
  }
}
