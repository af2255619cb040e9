/**
 * A packet's fixed facts (kind, audience, total, shares, the amounts its seed gives), read once
 * and kept in a bounded per-process map: the open path then touches only the counters row.
 */
import { DomainError } from '../../shared/errors.ts'
import { type Split, splitShares } from './fairness.ts'
import {
  PACKET_CACHE_MAX,
  type PacketFacts,
  type RedPacketKind,
  type RedPacketsContext,
} from './context.ts'
import type { RedPacketRow as PacketRow } from './redpackets-tables.ts'

export async function loadPacketRow(
  ctx: RedPacketsContext,
  packetId: string,
): Promise<PacketRow | undefined> {
  if (!/^rp_[A-Za-z0-9_-]{8,40}$/.test(packetId)) return undefined
  const row = await ctx.db
    .selectFrom('red_packets')
    .selectAll()
    .where('id', '=', packetId)
    .executeTakeFirst()
  return row as PacketRow | undefined
}

export async function packetFacts(ctx: RedPacketsContext, packetId: string): Promise<PacketFacts> {
  const cached = ctx.facts.get(packetId)
  if (cached !== undefined) return cached
  const row = await loadPacketRow(ctx, packetId)
  // A packet still being paid for (or whose payment failed) is not there for anyone yet.
  if (row === undefined || row.status === 'SENDING' || row.status === 'FAILED')
    throw new DomainError('NOT_FOUND', { resource: 'redpacket' })
  const facts = factsOf(row, await senderName(ctx, row.sender_id))
  remember(ctx.facts, packetId, facts)
  return facts
}

export function factsOf(row: PacketRow, name: string): PacketFacts {
  const totalFen = Number(row.total_fen)
  const split = row.split as Split
  return {
    id: row.id,
    senderId: row.sender_id,
    senderName: name,
    conversationId: row.conversation_id,
    kind: row.kind as RedPacketKind,
    split,
    recipientId: row.recipient_id,
    totalFen,
    shares: row.shares,
    message: row.message,
    cover: row.cover,
    expiresAtMs: new Date(row.expires_at).getTime(),
    amountsFen: splitShares({
      seedHex: row.seed_hex,
      packetId: row.id,
      split,
      totalFen,
      shares: row.shares,
    }),
  }
}

async function senderName(ctx: RedPacketsContext, userId: string): Promise<string> {
  const [person] = await ctx.conversations.people([userId])
  return person?.displayName ?? '零钱用户'
}

/** Insertion-ordered map as a bounded cache: the oldest entry goes first. */
export function remember<Value>(map: Map<string, Value>, key: string, value: Value): void {
  if (map.size >= PACKET_CACHE_MAX) {
    const oldest = map.keys().next().value
    if (oldest !== undefined) map.delete(oldest)
  }
  map.set(key, value)
}

/** What the first `openedCount` openers got, together. */
export function openedFen(facts: PacketFacts, openedCount: number): number {
  let sum = 0
  for (let slot = 0; slot < openedCount; slot++) sum += facts.amountsFen[slot] as number
  return sum
}
