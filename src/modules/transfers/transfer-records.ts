/**
 * The 账单 records of a transfer: the sender's line from the moment the money left, the
 * recipient's once it arrived for them (never during the delayed-arrival window), each upserted
 * in the same transaction as the status change that it shows.
 */
import { SUPPORTED_BANKS } from '../../shared/bank-card.ts'
import type { RecordEntry } from '../records/index.ts'
import type { TransfersContext, TransfersDb } from './context.ts'
import { maskName } from './recipients.ts'
import type { TransferRow } from './transfer-rows.ts'

export interface PartyNames {
  sender: string
  recipient: string
  /** Balance account ids, read before the transaction (PGlite has one connection). */
  senderAccountId: number
  recipientAccountId: number | null
}

/** The names each side sees of the other (masked real names, a masked phone, a bank card). */
export async function partyNames(ctx: TransfersContext, row: TransferRow): Promise<PartyNames> {
  const names = await displayNames(ctx, row)
  const senderAccountId = (await ctx.balanceAccount(row.sender_id)).id
  const recipientAccountId =
    row.recipient_user_id === null ? null : (await ctx.balanceAccount(row.recipient_user_id)).id
  return { ...names, senderAccountId, recipientAccountId }
}

async function displayNames(ctx: TransfersContext, row: TransferRow) {
  const sender = maskName((await ctx.identity.getUser(row.sender_id)).realName)
  if (row.kind === 'CARD') {
    const bank = SUPPORTED_BANKS.find((entry) => entry.bankCode === row.card_bank_code)
    const holder = maskName(row.card_holder_name)
    return {
      sender,
      recipient: `${holder} ${bank?.bankNameZh ?? row.card_bank_code}(${row.card_last4})`,
    }
  }
  if (row.recipient_user_id !== null) {
    const recipient = await ctx.identity.getUser(row.recipient_user_id)
    return { sender, recipient: maskName(recipient.realName) }
  }
  const phone = row.recipient_phone ?? ''
  return { sender, recipient: `${phone.slice(0, 3)}****${phone.slice(-4)}` }
}

const RECIPIENT_SEES: ReadonlySet<string> = new Set([
  'PENDING',
  'ACCEPTING',
  'RETURNING',
  'ACCEPTED',
  'RETURNED',
  'EXPIRED',
])

export async function writeRecords(
  ctx: TransfersContext,
  row: TransferRow,
  names: PartyNames,
  trx: TransfersDb,
): Promise<void> {
  if (row.status === 'SENDING' || (row.status === 'FAILED' && row.kind !== 'CARD')) return
  const base = {
    sourceKind: 'TRANSFER' as const,
    sourceId: row.id,
    amountFen: Number(row.amount_fen),
    status: row.status,
    method: { kind: 'balance' as const },
    occurredAtMs: new Date(row.created_at).getTime(),
  }
  const detail = {
    note: row.note,
    feeFen: Number(row.fee_fen),
    delayMs: Number(row.delay_ms),
    ...(row.return_reason ? { returnReason: row.return_reason } : {}),
  }
  const senderEntry: RecordEntry = {
    ...base,
    userId: row.sender_id,
    direction: 'out',
    title: row.kind === 'CARD' ? `转账到银行卡 ${names.recipient}` : `转账给${names.recipient}`,
    counterparty:
      row.kind === 'CARD'
        ? { kind: 'bank', name: names.recipient }
        : {
            kind: 'user',
            ...(row.recipient_user_id ? { id: row.recipient_user_id } : {}),
            name: names.recipient,
          },
    detail,
    ...(row.send_transfer_id !== null && row.kind !== 'CARD'
      ? { balance: { accountId: names.senderAccountId, transferId: Number(row.send_transfer_id) } }
      : {}),
  }
  await ctx.records.upsert(senderEntry, trx as never)
  if (row.recipient_user_id === null || !RECIPIENT_SEES.has(row.status)) return
  await ctx.records.upsert(
    {
      ...base,
      userId: row.recipient_user_id,
      direction: row.status === 'ACCEPTED' ? 'in' : 'none',
      title: `${names.sender}的转账`,
      counterparty: { kind: 'user', id: row.sender_id, name: names.sender },
      detail,
      ...(row.status === 'ACCEPTED' && row.settle_transfer_id !== null && names.recipientAccountId
        ? {
            balance: {
              accountId: names.recipientAccountId,
              transferId: Number(row.settle_transfer_id),
            },
          }
        : {}),
    },
    trx as never,
  )
}
