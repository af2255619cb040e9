/**
 * What users read about a packet outside its page: the 账单 records (the sender's "sent", the
 * return of what was left, each opener's "received") and the card summary in the conversation.
 */
import type { RecordEntry } from '../records/index.ts'
import type { PacketFacts, RedPacketsContext } from './context.ts'
import type { RedPacketRow as RedPacketsTable } from './redpackets-tables.ts'

type SummaryRow = Pick<
  RedPacketsTable,
  'id' | 'kind' | 'message' | 'cover' | 'status' | 'shares' | 'sender_id' | 'recipient_id'
>

/** The chat card: enough for the bubble, never the amounts (those are on the packet page). */
export function cardSummary(row: SummaryRow, openedCount: number): Record<string, unknown> {
  return {
    kind: row.kind,
    message: row.message,
    cover: row.cover,
    status: row.status === 'SENDING' ? 'ACTIVE' : row.status,
    shares: row.shares,
    openedCount,
    recipientId: row.recipient_id,
  }
}

export async function senderRecord(
  ctx: RedPacketsContext,
  row: Pick<
    RedPacketsTable,
    | 'id'
    | 'sender_id'
    | 'total_fen'
    | 'kind'
    | 'shares'
    | 'message'
    | 'status'
    | 'recipient_id'
    | 'send_transfer_id'
    | 'created_at'
  >,
): Promise<RecordEntry> {
  const balance = await ctx.balanceAccount(row.sender_id)
  const status = row.status === 'ACTIVE' ? 'SENT' : row.status
  return {
    userId: row.sender_id,
    sourceKind: 'REDPACKET',
    sourceId: row.id,
    direction: 'out',
    amountFen: Number(row.total_fen),
    status,
    title: '发出红包',
    counterparty: { kind: 'platform', name: row.message },
    method: { kind: 'balance' },
    ...(row.send_transfer_id === null
      ? {}
      : { balance: { accountId: balance.id, transferId: Number(row.send_transfer_id) } }),
    detail: { packetId: row.id, kind: row.kind, shares: row.shares, recipientId: row.recipient_id },
    occurredAtMs: new Date(row.created_at).getTime(),
  }
}

export async function openerRecord(
  ctx: RedPacketsContext,
  facts: PacketFacts,
  open: { userId: string; slot: number; transferId: number; openedAtMs: number },
): Promise<RecordEntry> {
  const balance = await ctx.balanceAccount(open.userId)
  return {
    userId: open.userId,
    sourceKind: 'REDPACKET',
    sourceId: `${facts.id}:${open.slot}`,
    direction: 'in',
    amountFen: facts.amountsFen[open.slot] as number,
    status: 'RECEIVED',
    title: `${facts.senderName}的红包`.slice(0, 100),
    counterparty: { kind: 'user', id: facts.senderId, name: facts.senderName.slice(0, 100) },
    method: { kind: 'balance' },
    balance: { accountId: balance.id, transferId: open.transferId },
    detail: { packetId: facts.id, slot: open.slot, message: facts.message },
    occurredAtMs: open.openedAtMs,
  }
}

export async function returnRecord(
  ctx: RedPacketsContext,
  facts: PacketFacts,
  returned: { amountFen: number; transferId: number; atMs: number },
): Promise<RecordEntry> {
  const balance = await ctx.balanceAccount(facts.senderId)
  return {
    userId: facts.senderId,
    sourceKind: 'REDPACKET',
    sourceId: `${facts.id}:return`,
    direction: 'in',
    amountFen: returned.amountFen,
    status: 'RETURNED',
    title: '红包退款',
    counterparty: { kind: 'platform', name: '零钱' },
    method: { kind: 'balance' },
    balance: { accountId: balance.id, transferId: returned.transferId },
    detail: { packetId: facts.id, reason: 'EXPIRED_24H' },
    occurredAtMs: returned.atMs,
  }
}
