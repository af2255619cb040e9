/**
 * Opening (拆红包), the storm path. The only contended row is the packet's counters, and it is
 * held for one statement: a conditional UPDATE … RETURNING takes the next slot (0, 1, 2… in
 * opening order) and inserts the opener's row in the same statement (one open per person: the
 * unique key on packet and user refuses a second). No other work happens under that lock.
 * The amount of slot i follows from the packet's seed (fairness.ts); the credit from escrow to the
 * opener's balance goes through the ledger's coalescing writer with the key `rp:<packet>:<slot>`,
 * so concurrent openers' credits leave in batches on its set path. A crash after the claim and
 * before the credit leaves a slot with no transfer: the recovery sweep credits it with the same key.
 * Once a packet is known empty or over, later openers are answered from memory.
 */
import { sql } from 'kysely'
import { assert } from '../../shared/assert.ts'
import { DomainError } from '../../shared/errors.ts'
import { SQLSTATE } from '../../shared/sqlstate.ts'
import type { PacketFacts, RedPacketsContext } from './context.ts'
import { loadPacketRow, packetFacts, remember } from './packet-facts.ts'
import { openerRecord } from './packet-records.ts'
import { packetFinished } from './expire.ts'

export interface OpenedShare {
  packetId: string
  slot: number
  amountFen: number
  /** True for the opener who emptied the packet. */
  last: boolean
}

export async function openRedPacket(
  ctx: RedPacketsContext,
  userId: string,
  packetId: string,
): Promise<OpenedShare> {
  const facts = await packetFacts(ctx, packetId)
  await checkAudience(ctx, facts, userId)
  const closed = ctx.closed.get(packetId)
  if (closed !== undefined) throw await refusal(ctx, facts, userId, closed)
  const slot = await claimSlot(ctx, facts, userId)
  const last = slot === facts.shares - 1
  await creditSlots(ctx, facts, [{ userId, slot, openedAtMs: ctx.clock.nowMs() }])
  if (last) {
    remember(ctx.closed, packetId, 'REDPACKET_EMPTY')
    await packetFinished(ctx, facts)
  }
  return { packetId, slot, amountFen: facts.amountsFen[slot] as number, last }
}

/** Who may open: verified and not frozen; the recipient of a one-to-one or exclusive packet. */
async function checkAudience(ctx: RedPacketsContext, facts: PacketFacts, userId: string) {
  if (facts.kind === 'single' || facts.kind === 'exclusive') {
    if (userId !== facts.recipientId) throw new DomainError('REDPACKET_NOT_FOR_YOU')
  } else if (
    facts.conversationId === null ||
    !(await ctx.conversations.isMember(facts.conversationId, userId))
  ) {
    throw new DomainError('REDPACKET_NOT_FOR_YOU')
  }
  if (!(await ctx.security.canReceive(userId))) throw new DomainError('KYC_REQUIRED')
}

/** The one statement under the packet row's lock: next slot and the opener's row, or nothing. */
async function claimSlot(ctx: RedPacketsContext, facts: PacketFacts, userId: string) {
  const now = new Date(ctx.clock.nowMs()).toISOString()
  let claimed: { slot: number } | undefined
  try {
    const result = await sql<{ slot: number }>`
      WITH claimed AS (
        UPDATE red_packets SET
          opened_count = opened_count + 1,
          status = CASE WHEN opened_count + 1 = shares THEN 'FINISHED' ELSE status END,
          finished_at = CASE WHEN opened_count + 1 = shares THEN ${now}::timestamptz END,
          returned_fen = CASE WHEN opened_count + 1 = shares THEN 0 END
        WHERE id = ${facts.id} AND status = 'ACTIVE' AND opened_count < shares
          AND expires_at > ${now}::timestamptz
        RETURNING opened_count - 1 AS slot
      )
      INSERT INTO red_packet_opens (packet_id, slot, user_id, opened_at)
      SELECT ${facts.id}, slot, ${userId}, ${now}::timestamptz FROM claimed
      RETURNING slot
    `.execute(ctx.db)
    claimed = result.rows[0]
  } catch (error) {
    if ((error as { code?: string }).code === SQLSTATE.uniqueViolation)
      throw new DomainError('REDPACKET_ALREADY_OPENED')
    throw error
  }
  if (claimed === undefined) throw await whyNoSlot(ctx, facts, userId)
  const slot = Number(claimed.slot)
  assert(slot >= 0 && slot < facts.shares, 'a claimed slot is within the shares')
  return slot
}

async function whyNoSlot(ctx: RedPacketsContext, facts: PacketFacts, userId: string) {
  const row = await loadPacketRow(ctx, facts.id)
  assert(row !== undefined, 'a packet with facts exists')
  // Not full means it is over: FINISHED always comes with every share opened.
  const reason = row.opened_count >= row.shares ? 'REDPACKET_EMPTY' : 'REDPACKET_EXPIRED'
  remember(ctx.closed, facts.id, reason)
  return refusal(ctx, facts, userId, reason)
}

/** Someone who already has a share hears so, even from an empty packet. */
async function refusal(
  ctx: RedPacketsContext,
  facts: PacketFacts,
  userId: string,
  code: 'REDPACKET_EMPTY' | 'REDPACKET_EXPIRED',
): Promise<DomainError> {
  const mine = await ctx.db
    .selectFrom('red_packet_opens')
    .select('slot')
    .where('packet_id', '=', facts.id)
    .where('user_id', '=', userId)
    .executeTakeFirst()
  if (mine !== undefined) return new DomainError('REDPACKET_ALREADY_OPENED', { slot: mine.slot })
  return new DomainError(code)
}

export interface ClaimedSlot {
  userId: string
  slot: number
  openedAtMs: number
}

/**
 * Credits claimed slots of one packet (one ledger batch) and marks them with the opener's record,
 * each in its own transaction. Idempotent: the ledger key is the slot's, the mark is conditional.
 */
export async function creditSlots(
  ctx: RedPacketsContext,
  facts: PacketFacts,
  slots: ClaimedSlot[],
): Promise<void> {
  const escrow = await ctx.escrowAccount()
  const transfers = await Promise.all(
    slots.map(async (claimed) => {
      const balance = await ctx.balanceAccount(claimed.userId)
      return ctx.ledger.createTransfer({
        kind: 'posted',
        idempotencyKey: `rp:${facts.id}:${claimed.slot}`,
        code: 'REDPACKET_GRAB',
        legs: [
          {
            debitAccountId: escrow.id,
            creditAccountId: balance.id,
            amountFen: facts.amountsFen[claimed.slot] as number,
          },
        ],
        metadata: { redpacket: facts.id, slot: claimed.slot },
      })
    }),
  )
  for (const [index, claimed] of slots.entries()) {
    const transferId = (transfers[index] as { transferId: number }).transferId
    const record = await openerRecord(ctx, facts, { ...claimed, transferId })
    await ctx.db.transaction().execute(async (trx) => {
      const marked = await trx
        .updateTable('red_packet_opens')
        .set({ amount_fen: facts.amountsFen[claimed.slot] as number, transfer_id: transferId })
        .where('packet_id', '=', facts.id)
        .where('slot', '=', claimed.slot)
        .where('transfer_id', 'is', null)
        .executeTakeFirst()
      if (marked.numUpdatedRows > 0n) await ctx.records.upsert(record, trx)
    })
  }
}
