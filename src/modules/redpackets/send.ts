/**
 * Sending: the rules, the sender's payment confirmation (purpose REDPACKET, counted against the
 * account-class limit), then the packet row (SENDING) with its seed and commitment, the limit
 * claim, and the money moved at once from the sender's balance into escrow:redpacket with the key
 * `rp:<packet>:send`. Only then is the packet ACTIVE, its 24-hour return scheduled (a job per
 * packet) and its card posted. A crash in between leaves a SENDING row the recovery sweep
 * settles: ACTIVE when the ledger has the transfer, FAILED (limit released) when it has not.
 */
import { randomBytes } from 'node:crypto'
import { DomainError } from '../../shared/errors.ts'
import { randomId } from '../../shared/crypto.ts'
import { commitmentOf } from './fairness.ts'
import { RED_PACKET_JOB_EXPIRE, type RedPacketsContext } from './context.ts'
import { loadPacketRow } from './packet-facts.ts'
import { cardSummary, senderRecord } from './packet-records.ts'
import {
  checkPacket,
  type CheckedPacket,
  requestHash,
  type SendRedPacketInput,
} from './send-rules.ts'

export async function sendRedPacket(
  ctx: RedPacketsContext,
  senderId: string,
  input: SendRedPacketInput,
): Promise<string> {
  const packet = await checkPacket(ctx, senderId, input)
  const hash = requestHash(packet)
  const existing = await existingPacket(ctx, senderId, input.idempotencyKey, hash)
  if (existing !== undefined && existing.status !== 'SENDING') return existing.id
  await ctx.security.confirmPayment({
    userId: senderId,
    amountFen: packet.totalFen,
    purpose: 'REDPACKET',
    countsAgainstBalanceLimit: true,
    method: input.method,
    ...(input.smsCode ? { smsCode: input.smsCode } : {}),
  })
  const packetId =
    existing?.id ?? (await insertPacket(ctx, senderId, input.idempotencyKey, hash, packet))
  await fundPacket(ctx, packetId)
  return packetId
}

async function existingPacket(
  ctx: RedPacketsContext,
  senderId: string,
  idempotencyKey: string,
  hash: string,
) {
  const row = await ctx.db
    .selectFrom('red_packets')
    .select(['id', 'status', 'request_hash'])
    .where('sender_id', '=', senderId)
    .where('idempotency_key', '=', idempotencyKey)
    .executeTakeFirst()
  if (row === undefined) return undefined
  if (row.request_hash !== hash) throw new DomainError('IDEMPOTENCY_CONFLICT')
  if (row.status === 'FAILED') throw new DomainError('IDEMPOTENCY_CONFLICT', { status: 'FAILED' })
  return row
}

async function insertPacket(
  ctx: RedPacketsContext,
  senderId: string,
  idempotencyKey: string,
  hash: string,
  packet: CheckedPacket,
): Promise<string> {
  const id = randomId('rp', 20)
  const seedHex = randomBytes(32).toString('hex')
  const nowMs = ctx.clock.nowMs()
  const inserted = await ctx.db
    .insertInto('red_packets')
    .values({
      id,
      sender_id: senderId,
      conversation_id: packet.conversationId,
      kind: packet.kind,
      split: packet.split,
      recipient_id: packet.recipientId,
      total_fen: packet.totalFen,
      shares: packet.shares,
      message: packet.message,
      cover: packet.cover,
      seed_hex: seedHex,
      commitment_hex: commitmentOf(seedHex, id),
      status: 'SENDING',
      returned_fen: null,
      idempotency_key: idempotencyKey,
      request_hash: hash,
      send_transfer_id: null,
      return_transfer_id: null,
      created_at: new Date(nowMs),
      expires_at: new Date(nowMs + ctx.rules.expiryMs),
      finished_at: null,
    })
    .onConflict((conflict) => conflict.constraint('red_packets_idempotency').doNothing())
    .returning('id')
    .executeTakeFirst()
  if (inserted !== undefined) return inserted.id
  // A concurrent request with the same key won: continue with its packet.
  const winner = await existingPacket(ctx, senderId, idempotencyKey, hash)
  if (winner === undefined) throw new DomainError('SYSTEM_BUSY')
  return winner.id
}

/** Claim the limit, move the money, activate; idempotent, so a retry or the sweep may repeat it. */
export async function fundPacket(ctx: RedPacketsContext, packetId: string): Promise<void> {
  const row = await loadPacketRow(ctx, packetId)
  if (row === undefined || row.status !== 'SENDING') return
  const totalFen = Number(row.total_fen)
  let claimIds: string[] = []
  try {
    claimIds = (
      await ctx.security.recordBalancePayment(row.sender_id, totalFen, undefined, `rp:${row.id}`)
    ).claimIds
    const [balance, escrow] = await Promise.all([
      ctx.balanceAccount(row.sender_id),
      ctx.escrowAccount(),
    ])
    const sent = await ctx.ledger.createTransfer({
      kind: 'posted',
      idempotencyKey: `rp:${row.id}:send`,
      code: 'REDPACKET_SEND',
      legs: [{ debitAccountId: balance.id, creditAccountId: escrow.id, amountFen: totalFen }],
      metadata: { redpacket: row.id },
    })
    await activate(ctx, row.id, sent.transferId)
  } catch (error) {
    if (!(error instanceof DomainError)) throw error
    await failPacket(ctx, row.id, claimIds)
    throw error
  }
}

async function activate(ctx: RedPacketsContext, packetId: string, transferId: number) {
  const row = await ctx.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('red_packets')
      .set({ status: 'ACTIVE', send_transfer_id: transferId })
      .where('id', '=', packetId)
      .where('status', '=', 'SENDING')
      .returningAll()
      .executeTakeFirst()
    if (updated !== undefined) await ctx.records.upsert(await senderRecord(ctx, updated), trx)
    return updated
  })
  if (row === undefined) {
    // The sweep gave up on this packet meanwhile (FAILED): the money goes straight back.
    await refundFailedSend(ctx, packetId)
    return
  }
  await ctx.jobs.schedule({
    kind: RED_PACKET_JOB_EXPIRE,
    key: `redpacket:${packetId}`,
    payload: { packetId },
    runAtMs: new Date(row.expires_at).getTime(),
  })
  if (row.conversation_id !== null) {
    await ctx.conversations.postCard({
      conversationId: row.conversation_id,
      senderId: row.sender_id,
      card: { kind: 'redpacket', refId: packetId, summary: cardSummary(row, 0) },
    })
  }
}

/** The payment did not happen: the packet is FAILED and the limit claim given back. */
export async function failPacket(ctx: RedPacketsContext, packetId: string, claimIds: string[]) {
  await ctx.db
    .updateTable('red_packets')
    .set({ status: 'FAILED', returned_fen: 0 })
    .where('id', '=', packetId)
    .where('status', '=', 'SENDING')
    .execute()
  if (claimIds.length > 0) await ctx.releaseClaims(claimIds)
}

/** The rare race above: the transfer went through after the packet was marked FAILED. */
async function refundFailedSend(ctx: RedPacketsContext, packetId: string): Promise<void> {
  const row = await loadPacketRow(ctx, packetId)
  if (row === undefined) return
  const [balance, escrow] = await Promise.all([
    ctx.balanceAccount(row.sender_id),
    ctx.escrowAccount(),
  ])
  await ctx.ledger.createTransfer({
    kind: 'posted',
    idempotencyKey: `rp:${row.id}:return`,
    code: 'REDPACKET_REFUND',
    legs: [
      { debitAccountId: escrow.id, creditAccountId: balance.id, amountFen: Number(row.total_fen) },
    ],
    metadata: { redpacket: row.id },
  })
}
