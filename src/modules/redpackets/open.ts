/**
 * Opening (拆红包), the storm path. The only contended row is the packet's counters, and it is
 * held for one statement: a conditional UPDATE … RETURNING takes the next slot (0, 1, 2… in
 * opening order) and inserts the opener's row in the same statement (one open per person: the
 * unique key on packet and user refuses a second). No other work happens under that lock, and
 * when no slot is left the same round trip says why, so an empty packet never touches the ledger.
 * The amount of slot i follows from the packet's seed (fairness.ts); the credit from escrow to the
 * opener's balance is queued (credit.ts), so concurrent openers' credits leave in batches on the
 * ledger's set path. A crash after the claim and before the credit leaves a slot with no transfer:
 * the recovery sweep credits it with the same key. Once a packet is known empty or over, later
 * openers are answered from memory (its openers are read once, for "you already opened it").
 * Round trips of a successful open: the caller (1, src/http/auth.ts), membership (1), the claim
 * (1), the opener's balance account (the first time only) and a share of one credit batch.
 */
import { sql } from 'kysely'
import { assert } from '../../shared/assert.ts'
import { DomainError } from '../../shared/errors.ts'
import { SQLSTATE } from '../../shared/sqlstate.ts'
import type { PacketFacts, RedPacketsContext } from './context.ts'
import { loadPacketRow, packetFacts, remember } from './packet-facts.ts'
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
  opener?: { canReceive: boolean },
): Promise<OpenedShare> {
  const facts = await packetFacts(ctx, packetId)
  await checkAudience(ctx, facts, userId, opener)
  const closed = ctx.closed.get(packetId)
  if (closed !== undefined) throw await refusal(ctx, facts, userId, closed)
  const slot = await claimSlot(ctx, facts, userId)
  const last = slot === facts.shares - 1
  const openedAtMs = ctx.clock.nowMs()
  // Read (or cached) before the credit is queued, so a batch never waits on one opener's lookup.
  await ctx.balanceAccount(userId)
  await ctx.credit({ facts, userId, slot, openedAtMs })
  if (last) {
    remember(ctx.closed, packetId, 'REDPACKET_EMPTY')
    await packetFinished(ctx, facts)
  }
  return { packetId, slot, amountFen: facts.amountsFen[slot] as number, last }
}

/** Who may open: verified and not frozen; the recipient of a one-to-one or exclusive packet. */
async function checkAudience(
  ctx: RedPacketsContext,
  facts: PacketFacts,
  userId: string,
  opener: { canReceive: boolean } | undefined,
) {
  if (facts.kind === 'single' || facts.kind === 'exclusive') {
    if (userId !== facts.recipientId) throw new DomainError('REDPACKET_NOT_FOR_YOU')
  } else if (
    facts.conversationId === null ||
    !(await ctx.conversations.isMember(facts.conversationId, userId))
  ) {
    throw new DomainError('REDPACKET_NOT_FOR_YOU')
  }
  const canReceive = opener?.canReceive ?? (await ctx.security.canReceive(userId))
  if (!canReceive) throw new DomainError('KYC_REQUIRED')
}

interface ClaimAnswer {
  slot: number | null
  mine: number | null
  opened_count: number
  shares: number
  status: string
  expired: boolean
}

/**
 * The one statement under the packet row's lock: the next slot, its amount and the opener's row;
 * when there is none, in the same round trip, why not as of the statement's snapshot (and
 * whether this person already holds a share).
 */
async function claimSlot(ctx: RedPacketsContext, facts: PacketFacts, userId: string) {
  const now = new Date(ctx.clock.nowMs()).toISOString()
  let answer: ClaimAnswer | undefined
  try {
    const result = await sql<ClaimAnswer>`
      WITH mine AS (
        SELECT slot FROM red_packet_opens WHERE packet_id = ${facts.id} AND user_id = ${userId}
      ), claimed AS (
        UPDATE red_packets SET
          opened_count = opened_count + 1,
          status = CASE WHEN opened_count + 1 = shares THEN 'FINISHED' ELSE status END,
          finished_at = CASE WHEN opened_count + 1 = shares THEN ${now}::timestamptz END,
          returned_fen = CASE WHEN opened_count + 1 = shares THEN 0 END
        WHERE id = ${facts.id} AND status = 'ACTIVE' AND opened_count < shares
          AND expires_at > ${now}::timestamptz AND NOT EXISTS (SELECT 1 FROM mine)
        RETURNING opened_count - 1 AS slot
      ), opened AS (
        INSERT INTO red_packet_opens (packet_id, slot, user_id, opened_at)
        SELECT ${facts.id}, slot, ${userId}, ${now}::timestamptz FROM claimed
        RETURNING slot
      )
      SELECT (SELECT slot FROM opened) AS slot, (SELECT slot FROM mine) AS mine,
        p.opened_count, p.shares, p.status, p.expires_at <= ${now}::timestamptz AS expired
      FROM red_packets p WHERE p.id = ${facts.id}
    `.execute(ctx.db)
    answer = result.rows[0]
  } catch (error) {
    if ((error as { code?: string }).code === SQLSTATE.uniqueViolation)
      throw new DomainError('REDPACKET_ALREADY_OPENED')
    throw error
  }
  assert(answer !== undefined, 'a packet with facts exists')
  if (answer.slot === null) throw await whyNoSlot(ctx, facts, answer)
  const slot = Number(answer.slot)
  assert(slot >= 0 && slot < facts.shares, 'a claimed slot is within the shares')
  return slot
}

/**
 * The snapshot decides when it can: full means empty; over (expired, or no longer ACTIVE while not
 * full) means expired — no slot can be claimed after either, so the answer is final. A packet
 * that looked open in the snapshot changed while this statement waited for its lock: read again.
 */
async function whyNoSlot(ctx: RedPacketsContext, facts: PacketFacts, answer: ClaimAnswer) {
  if (answer.mine !== null)
    return new DomainError('REDPACKET_ALREADY_OPENED', { slot: Number(answer.mine) })
  let full = answer.opened_count >= answer.shares
  if (!full && answer.status === 'ACTIVE' && !answer.expired) {
    const row = await loadPacketRow(ctx, facts.id)
    assert(row !== undefined, 'a packet with facts exists')
    // Not full means it is over: FINISHED always comes with every share opened.
    full = row.opened_count >= row.shares
  }
  const reason = full ? 'REDPACKET_EMPTY' : 'REDPACKET_EXPIRED'
  remember(ctx.closed, facts.id, reason)
  return new DomainError(reason)
}

/** Someone who already has a share hears so, even from an empty packet. */
async function refusal(
  ctx: RedPacketsContext,
  facts: PacketFacts,
  userId: string,
  code: 'REDPACKET_EMPTY' | 'REDPACKET_EXPIRED',
): Promise<DomainError> {
  const slot = (await closedOpeners(ctx, facts.id)).get(userId)
  if (slot !== undefined) return new DomainError('REDPACKET_ALREADY_OPENED', { slot })
  return new DomainError(code)
}

/** A closed packet's openers never change again: read once per process, not once per refusal. */
function closedOpeners(ctx: RedPacketsContext, packetId: string): Promise<Map<string, number>> {
  let openers = ctx.closedOpeners.get(packetId)
  if (openers === undefined) {
    openers = ctx.db
      .selectFrom('red_packet_opens')
      .select(['user_id', 'slot'])
      .where('packet_id', '=', packetId)
      .execute()
      .then((rows) => new Map(rows.map((row) => [row.user_id, Number(row.slot)])))
    openers.catch(() => ctx.closedOpeners.delete(packetId))
    remember(ctx.closedOpeners, packetId, openers)
  }
  return openers
}
