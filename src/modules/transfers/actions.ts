/**
 * What the two people do with a balance transfer: the recipient accepts (收款) or returns it
 * (退还), the sender cancels it during the delayed-arrival window. Each is one conditional step
 * (transitions.ts), so an accept racing the 24-hour return has exactly one outcome; a second
 * accept of an accepted transfer answers the accepted transfer.
 */
import { DomainError } from '../../shared/errors.ts'
import type { User } from '../identity/index.ts'
import type { TransfersContext } from './context.ts'
import { partyNames } from './transfer-records.ts'
import { assertCanReceive } from './recipients.ts'
import { advance, finishSettle, startSettle } from './transitions.ts'
import { roleOf, toTransfer, type Transfer, type TransferRow } from './transfer-rows.ts'

export interface TransferView extends Transfer {
  /** The other person as this user sees them (masked name, masked phone, the card). */
  counterpartyName: string
}

export async function viewOf(
  ctx: TransfersContext,
  row: TransferRow,
  user: { id: string; phone: string },
): Promise<TransferView> {
  const role = roleOf(row, user)
  if (role === undefined) throw new DomainError('NOT_FOUND', { resource: 'transfer' })
  const names = await partyNames(ctx, row)
  return {
    ...toTransfer(ctx, row, role),
    counterpartyName: role === 'sender' ? names.recipient : names.sender,
  }
}

/** The transfer with every due step applied first (a late job never shows a stale state). */
async function current(ctx: TransfersContext, user: User, transferId: string) {
  const row = await advance(ctx, transferId)
  const role = roleOf(row, user)
  if (role === undefined) throw new DomainError('NOT_FOUND', { resource: 'transfer' })
  return { row, role }
}

export async function getTransfer(ctx: TransfersContext, userId: string, transferId: string) {
  const user = await ctx.identity.getUser(userId)
  const { row } = await current(ctx, user, transferId)
  return viewOf(ctx, row, user)
}

function notPending(row: TransferRow): DomainError {
  if (row.status === 'EXPIRED') return new DomainError('TRANSFER_EXPIRED')
  return new DomainError('TRANSFER_NOT_PENDING', { status: row.status })
}

export async function acceptTransfer(
  ctx: TransfersContext,
  userId: string,
  transferId: string,
): Promise<TransferView> {
  const user = await ctx.identity.getUser(userId)
  const { row, role } = await current(ctx, user, transferId)
  if (role !== 'recipient') throw new DomainError('FORBIDDEN')
  if (row.status === 'ACCEPTED') return viewOf(ctx, row, user)
  if (row.status !== 'PENDING') throw notPending(row)
  // A phone transfer's claimant must have passed real-name by now (KYC_REQUIRED otherwise).
  if (!user.verified) throw new DomainError('KYC_REQUIRED')
  assertCanReceive(ctx, user)
  const started = await startSettle(ctx, row, { accept: true, recipientUserId: user.id })
  if (started === undefined) {
    const after = await advance(ctx, transferId)
    if (after.status === 'ACCEPTED' && after.recipient_user_id === user.id)
      return viewOf(ctx, after, user)
    throw notPending(after)
  }
  return viewOf(ctx, await finishSettle(ctx, started), user)
}

/** 退还 by the recipient, or the sender's cancel during the delay. */
export async function returnTransfer(
  ctx: TransfersContext,
  userId: string,
  transferId: string,
  as: 'recipient' | 'sender',
): Promise<TransferView> {
  const user = await ctx.identity.getUser(userId)
  const { row, role } = await current(ctx, user, transferId)
  if (role !== as) throw new DomainError('FORBIDDEN')
  const reason = as === 'sender' ? 'CANCELLED' : 'RETURNED'
  if (row.status === reason) return viewOf(ctx, row, user)
  const from = as === 'sender' ? 'DELAYED' : 'PENDING'
  if (row.status !== from) throw notPending(row)
  const started = await startSettle(ctx, row, { accept: false, reason })
  if (started === undefined) {
    const after = await advance(ctx, transferId)
    if (after.status === reason) return viewOf(ctx, after, user)
    throw notPending(after)
  }
  return viewOf(ctx, await finishSettle(ctx, started), user)
}
