/**
 * Sending a transfer: checked (sender verified, recipient able to receive, amount, limits)
 * before the payment password is spent; then the SENDING row with its daily claims, and the
 * state machine takes it from there (transitions.ts). Idempotent by the sender's client key.
 */
import { DomainError } from '../../shared/errors.ts'
import { isValidAmountFen } from '../../shared/money.ts'
import type { User } from '../identity/index.ts'
import { sendToCard } from './card-transfer.ts'
import type { PaymentInput, TransfersContext } from './context.ts'
import { existingFor, insertTransfer } from './insert.ts'
import { precheckDaily } from './limits.ts'
import { type Destination, resolveRecipient } from './recipients.ts'
import { delayHoursOf } from './settings.ts'
import { completeSend } from './transitions.ts'
import { TRANSFER_NOTE_LENGTH_MAX, type TransferRow } from './transfer-rows.ts'

const IDEMPOTENCY_KEY_PATTERN = /^[\w.:-]{1,64}$/

export interface SendInput extends PaymentInput {
  idempotencyKey: string
  to: Destination
  amountFen: number
  note?: string
}

export function checkSendInput(ctx: TransfersContext, input: SendInput): string {
  const amountFenMax = ctx.rules.amountFenMax
  if (!isValidAmountFen(input.amountFen) || input.amountFen > amountFenMax)
    throw new DomainError('INVALID_AMOUNT', { maxFen: amountFenMax })
  if (
    typeof input.idempotencyKey !== 'string' ||
    !IDEMPOTENCY_KEY_PATTERN.test(input.idempotencyKey)
  )
    throw new DomainError('INVALID_REQUEST', {
      reason: 'idempotencyKey: 1-64 letters, digits, _ . : -',
    })
  const note = (input.note ?? '').trim()
  if ([...note].length > TRANSFER_NOTE_LENGTH_MAX)
    throw new DomainError('INVALID_REQUEST', {
      reason: `note: at most ${TRANSFER_NOTE_LENGTH_MAX} characters`,
    })
  return note
}

/** The verified, unfrozen sender; KYC_REQUIRED before anything else when unverified. */
export async function loadSender(ctx: TransfersContext, senderId: string): Promise<User> {
  const sender = await ctx.identity.getUser(senderId)
  if (sender.status === 'frozen') throw new DomainError('ACCOUNT_FROZEN')
  if (sender.status === 'restricted') throw new DomainError('ACCOUNT_RESTRICTED')
  if (!sender.verified) throw new DomainError('KYC_REQUIRED')
  return sender
}

export async function sendTransfer(
  ctx: TransfersContext,
  senderId: string,
  input: SendInput,
): Promise<TransferRow> {
  const note = checkSendInput(ctx, input)
  const existing = await existingFor(ctx, senderId, input)
  if (existing !== undefined) return existing
  const sender = await loadSender(ctx, senderId)
  const recipient = await resolveRecipient(ctx, sender, input.to)
  if (recipient.kind === 'CARD') return sendToCard(ctx, sender, recipient, { ...input, note })
  await precheckDaily(ctx, senderId, input.amountFen)
  await ctx.security.confirmPayment({
    userId: senderId,
    amountFen: input.amountFen,
    purpose: 'TRANSFER',
    countsAgainstBalanceLimit: true,
    method: input.method,
    ...(input.smsCode ? { smsCode: input.smsCode } : {}),
    ...(input.ip ? { ip: input.ip } : {}),
  })
  const delayMs = (await delayHoursOf(ctx, senderId)) * 3600_000
  const row = await insertTransfer(ctx, senderId, input, {
    kind: recipient.kind,
    note,
    delayMs,
    recipient,
  })
  return completeSend(ctx, row)
}
