/**
 * The packet page: who got what in opening order, best luck (手气最佳, once every share is opened),
 * and the fairness proof — the commitment from the start, the seed once finished or expired.
 */
import { DomainError } from '../../shared/errors.ts'
import { FAIRNESS_ALGORITHM, type Split } from './fairness.ts'
import type { RedPacketKind, RedPacketsContext, RedPacketsDb, RedPacketStatus } from './context.ts'
import { loadPacketRow, openedFen, packetFacts } from './packet-facts.ts'

export interface RedPacketOpening {
  slot: number
  userId: string
  name: string
  amountFen: number
  openedAtMs: number
  bestLuck: boolean
}

export interface RedPacketView {
  id: string
  kind: RedPacketKind
  split: Split
  senderId: string
  senderName: string
  conversationId: string | null
  recipientId: string | null
  totalFen: number
  shares: number
  openedCount: number
  openedFen: number
  message: string
  cover: string
  status: RedPacketStatus
  createdAtMs: number
  expiresAtMs: number
  finishedAtMs: number | null
  returnedFen: number | null
  openings: RedPacketOpening[]
  /** The viewer's own share, when they opened it. */
  myShare: RedPacketOpening | null
  fairness: { algorithm: string; commitment: string; seed: string | null }
}

export async function getRedPacket(
  ctx: RedPacketsContext,
  viewerId: string | null,
  packetId: string,
): Promise<RedPacketView> {
  const facts = await packetFacts(ctx, packetId)
  const row = await loadPacketRow(ctx, packetId)
  if (row === undefined) throw new DomainError('NOT_FOUND', { resource: 'redpacket' })
  if (viewerId !== null) await checkViewer(ctx, facts, viewerId)
  const opens = await ctx.db
    .selectFrom('red_packet_opens')
    .select(['slot', 'user_id', 'opened_at'])
    .where('packet_id', '=', packetId)
    .orderBy('slot')
    .execute()
  const names = new Map(
    (await ctx.conversations.people(opens.map((open) => open.user_id))).map((p) => [
      p.userId,
      p.displayName,
    ]),
  )
  const status = row.status as RedPacketStatus
  const bestSlot = status === 'FINISHED' ? bestLuckSlot(facts.amountsFen) : -1
  const openings = opens.map((open) => ({
    slot: open.slot,
    userId: open.user_id,
    name: names.get(open.user_id) ?? '零钱用户',
    amountFen: facts.amountsFen[open.slot] as number,
    openedAtMs: new Date(open.opened_at).getTime(),
    bestLuck: open.slot === bestSlot,
  }))
  const revealed = status === 'FINISHED' || status === 'EXPIRED'
  return {
    id: facts.id,
    kind: facts.kind,
    split: facts.split,
    senderId: facts.senderId,
    senderName: facts.senderName,
    conversationId: facts.conversationId,
    recipientId: facts.recipientId,
    totalFen: facts.totalFen,
    shares: facts.shares,
    openedCount: row.opened_count,
    openedFen: openedFen(facts, row.opened_count),
    message: facts.message,
    cover: facts.cover,
    status,
    createdAtMs: new Date(row.created_at).getTime(),
    expiresAtMs: facts.expiresAtMs,
    finishedAtMs: row.finished_at === null ? null : new Date(row.finished_at).getTime(),
    returnedFen: row.returned_fen === null ? null : Number(row.returned_fen),
    openings,
    myShare: openings.find((opening) => opening.userId === viewerId) ?? null,
    fairness: {
      algorithm: FAIRNESS_ALGORITHM,
      commitment: row.commitment_hex,
      seed: revealed ? row.seed_hex : null,
    },
  }
}

/** The largest share; on a tie the earlier opener (WeChat marks one person). */
export function bestLuckSlot(amountsFen: readonly number[]): number {
  let best = 0
  for (let slot = 1; slot < amountsFen.length; slot++)
    if ((amountsFen[slot] as number) > (amountsFen[best] as number)) best = slot
  return best
}

/** The sender, the recipient, or a member of the conversation; anyone else: NOT_FOUND. */
async function checkViewer(
  ctx: RedPacketsContext,
  facts: Awaited<ReturnType<typeof packetFacts>>,
  viewerId: string,
) {
  if (viewerId === facts.senderId || viewerId === facts.recipientId) return
  if (
    facts.conversationId !== null &&
    (await ctx.conversations.isMember(facts.conversationId, viewerId))
  )
    return
  throw new DomainError('NOT_FOUND', { resource: 'redpacket' })
}

/** The sender's packets, newest first (ids only: the page loads each). */
export async function listSentPackets(ctx: RedPacketsContext, senderId: string, limit: number) {
  const rows = await ctx.db
    .selectFrom('red_packets')
    .select('id')
    .where('sender_id', '=', senderId)
    .where('status', 'in', ['ACTIVE', 'FINISHED', 'EXPIRED'])
    .orderBy('created_at', 'desc')
    .limit(Math.min(Math.max(limit, 1), 50))
    .execute()
  return rows.map((row) => row.id)
}

/** What `lingqian redpacket verify` and the stand-alone script check: no names, credited amounts. */
export interface RedPacketProof {
  algorithm: string
  packetId: string
  split: Split
  totalFen: number
  shares: number
  status: string
  commitment: string
  seed: string | null
  /** In opening order; amountFen is what the ledger credited (null while being credited). */
  opens: { slot: number; userId: string; amountFen: number | null }[]
}

export async function redPacketProof(db: RedPacketsDb, packetId: string): Promise<RedPacketProof> {
  const row = await db
    .selectFrom('red_packets')
    .selectAll()
    .where('id', '=', packetId)
    .executeTakeFirst()
  if (row === undefined || row.status === 'SENDING' || row.status === 'FAILED')
    throw new DomainError('NOT_FOUND', { resource: 'redpacket' })
  const opens = await db
    .selectFrom('red_packet_opens')
    .select(['slot', 'user_id', 'amount_fen'])
    .where('packet_id', '=', packetId)
    .orderBy('slot')
    .execute()
  const revealed = row.status === 'FINISHED' || row.status === 'EXPIRED'
  return {
    algorithm: FAIRNESS_ALGORITHM,
    packetId: row.id,
    split: row.split as Split,
    totalFen: Number(row.total_fen),
    shares: row.shares,
    status: row.status,
    commitment: row.commitment_hex,
    seed: revealed ? row.seed_hex : null,
    opens: opens.map((open) => ({
      slot: open.slot,
      userId: open.user_id,
      amountFen: open.amount_fen === null ? null : Number(open.amount_fen),
    })),
  }
}
