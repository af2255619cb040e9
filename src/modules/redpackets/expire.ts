/**
 * The end of a packet: finished (every share opened: best luck is marked, the seed shown) or
 * expired after 24 hours, when what nobody opened goes back to the sender. Expiry first closes the
 * counters (status EXPIRED, so no slot can be claimed after it), then returns total − the claimed
 * shares with the key `rp:<packet>:return`; claimed slots still being credited keep their money
 * in escrow until their credit, so the two never overlap. Every step is idempotent: the job per
 * packet, the sweep and a retry may all run it.
 */
import { DomainError } from '../../shared/errors.ts'
import type { PacketFacts, RedPacketsContext } from './context.ts'
import { loadPacketRow, openedFen, packetFacts, remember } from './packet-facts.ts'
import { cardSummary, returnRecord, senderRecord } from './packet-records.ts'

/** The job `redpackets.expire` (due at the packet's expiry) and the sweep call this. */
export async function expirePacket(ctx: RedPacketsContext, packetId: string): Promise<void> {
  const now = new Date(ctx.clock.nowMs())
  const closed = await ctx.db
    .updateTable('red_packets')
    .set({ status: 'EXPIRED', finished_at: now })
    .where('id', '=', packetId)
    .where('status', '=', 'ACTIVE')
    .where('expires_at', '<=', now)
    .returning('id')
    .executeTakeFirst()
  if (closed !== undefined) remember(ctx.closed, packetId, 'REDPACKET_EXPIRED')
  await returnRemainder(ctx, packetId)
}

/** For an EXPIRED packet not yet settled: the unopened remainder back to the sender. */
export async function returnRemainder(ctx: RedPacketsContext, packetId: string): Promise<void> {
  const row = await loadPacketRow(ctx, packetId)
  if (row === undefined || row.status !== 'EXPIRED' || row.returned_fen !== null) return
  const facts = await packetFacts(ctx, packetId)
  const remainderFen = facts.totalFen - openedFen(facts, row.opened_count)
  const atMs = ctx.clock.nowMs()
  let transferId: number | null = null
  if (remainderFen > 0) {
    const [balance, escrow] = await Promise.all([
      ctx.balanceAccount(facts.senderId),
      ctx.escrowAccount(),
    ])
    const returned = await ctx.ledger.createTransfer({
      kind: 'posted',
      idempotencyKey: `rp:${packetId}:return`,
      code: 'REDPACKET_REFUND',
      legs: [{ debitAccountId: escrow.id, creditAccountId: balance.id, amountFen: remainderFen }],
      metadata: { redpacket: packetId },
    })
    transferId = returned.transferId
  }
  const record =
    transferId === null
      ? undefined
      : await returnRecord(ctx, facts, { amountFen: remainderFen, transferId, atMs })
  const settled = await ctx.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('red_packets')
      .set({ returned_fen: remainderFen, return_transfer_id: transferId })
      .where('id', '=', packetId)
      .where('returned_fen', 'is', null)
      .returningAll()
      .executeTakeFirst()
    if (updated === undefined) return undefined
    await ctx.records.upsert(await senderRecord(ctx, updated), trx)
    if (record !== undefined) await ctx.records.upsert(record, trx)
    return updated
  })
  if (settled !== undefined) await updateCard(ctx, settled)
}

/** The last share was credited: the sender's record says so and the card shows it. */
export async function packetFinished(ctx: RedPacketsContext, facts: PacketFacts): Promise<void> {
  const row = await loadPacketRow(ctx, facts.id)
  if (row === undefined) throw new DomainError('NOT_FOUND', { resource: 'redpacket' })
  await ctx.records.upsert(await senderRecord(ctx, row))
  await updateCard(ctx, row)
}

async function updateCard(
  ctx: RedPacketsContext,
  row: Parameters<typeof cardSummary>[0] & { conversation_id: string | null; opened_count: number },
) {
  if (row.conversation_id === null) return
  await ctx.conversations.updateCard('redpacket', row.id, cardSummary(row, row.opened_count))
}
