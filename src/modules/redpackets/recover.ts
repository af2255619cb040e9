/**
 * The recovery sweep (recurring job `redpackets.recover`): whatever a crash or a lost job left
 * half done is finished here, with the same idempotency keys the request would have used.
 * 1. Claimed slots with no credit after `recoverAfterMs` → credited (`rp:<packet>:<slot>`).
 * 2. ACTIVE packets past their expiry (their job lost or late) → expired and returned.
 * 3. EXPIRED packets whose return did not complete → returned.
 * 4. Packets still SENDING after `sendingStaleMs` → ACTIVE when the ledger has the send transfer,
 *    else FAILED with the limit claim released.
 */
import type { RedPacketsContext } from './context.ts'
import { RECOVERY_BATCH_MAX } from './context.ts'
import { expirePacket, packetFinished, returnRemainder } from './expire.ts'
import { creditBatch } from './credit.ts'
import { packetFacts } from './packet-facts.ts'
import { failPacket, fundPacket } from './send.ts'

export interface RecoveryReport {
  slotsCredited: number
  packetsExpired: number
  packetsSettled: number
}

export async function recoverRedPackets(ctx: RedPacketsContext): Promise<RecoveryReport> {
  const slotsCredited = await creditStrandedSlots(ctx)
  const now = new Date(ctx.clock.nowMs())
  const due = await ctx.db
    .selectFrom('red_packets')
    .select(['id', 'status'])
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'ACTIVE'), eb('expires_at', '<=', now)]),
        eb.and([eb('status', '=', 'EXPIRED'), eb('returned_fen', 'is', null)]),
      ]),
    )
    .orderBy('expires_at')
    .limit(RECOVERY_BATCH_MAX)
    .execute()
  for (const packet of due) {
    if (packet.status === 'ACTIVE') await expirePacket(ctx, packet.id)
    else await returnRemainder(ctx, packet.id)
  }
  const packetsSettled = await settleStaleSending(ctx)
  return { slotsCredited, packetsExpired: due.length, packetsSettled }
}

async function creditStrandedSlots(ctx: RedPacketsContext): Promise<number> {
  const before = new Date(ctx.clock.nowMs() - ctx.rules.recoverAfterMs)
  const stranded = await ctx.db
    .selectFrom('red_packet_opens')
    .select(['packet_id', 'slot', 'user_id', 'opened_at'])
    .where('transfer_id', 'is', null)
    .where('opened_at', '<=', before)
    .orderBy('opened_at')
    .limit(RECOVERY_BATCH_MAX)
    .execute()
  const byPacket = new Map<string, typeof stranded>()
  for (const row of stranded)
    byPacket.set(row.packet_id, [...(byPacket.get(row.packet_id) ?? []), row])
  for (const [packetId, rows] of byPacket) {
    const facts = await packetFacts(ctx, packetId)
    const refused = await creditBatch(
      ctx,
      rows.map((row) => ({
        facts,
        userId: row.user_id,
        slot: row.slot,
        openedAtMs: new Date(row.opened_at).getTime(),
      })),
    )
    // A refused credit (the opener's account closed meanwhile) stays for the next sweep.
    const firstRefusal = refused.find((error) => error !== undefined)
    if (firstRefusal !== undefined) throw firstRefusal
    if (rows.some((row) => row.slot === facts.shares - 1)) await packetFinished(ctx, facts)
  }
  return stranded.length
}

async function settleStaleSending(ctx: RedPacketsContext): Promise<number> {
  const before = new Date(ctx.clock.nowMs() - ctx.rules.sendingStaleMs)
  const stale = await ctx.db
    .selectFrom('red_packets')
    .select('id')
    .where('status', '=', 'SENDING')
    .where('created_at', '<=', before)
    .limit(RECOVERY_BATCH_MAX)
    .execute()
  for (const { id } of stale) {
    const sent = await ctx.ledger.findTransferByKey(`rp:${id}:send`)
    if (sent !== undefined) await fundPacket(ctx, id)
    else await failPacket(ctx, id, [`rp:${id}:year`, `rp:${id}:ever`])
  }
  return stale.length
}
