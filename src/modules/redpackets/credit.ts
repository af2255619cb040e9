/**
 * Crediting claimed slots: escrow → the opener's balance, key `rp:<packet>:<slot>`. Concurrent
 * openers' credits (of any packets) leave together: while `CREDIT_IN_FLIGHT_MAX` batches are
 * being written, new credits queue and go as the next batch — one ledger call on its set path
 * (`createTransfers`), one statement for all their 账单 records, one statement marking the slots
 * credited. With no load a credit leaves at once (no timer). Every step is idempotent and ordered
 * so that a crash anywhere leaves the slot unmarked: the recovery sweep (recover.ts) then sends
 * it through `creditBatch` again and the ledger answers the transfer that already exists.
 */
import { sql } from 'kysely'
import { DomainError } from '../../shared/errors.ts'
import type { PacketFacts, RedPacketsContext } from './context.ts'
import { openerRecord } from './packet-records.ts'

export interface ClaimedSlot {
  userId: string
  slot: number
  openedAtMs: number
}

export interface SlotCredit extends ClaimedSlot {
  facts: PacketFacts
}

/** Batches being written at once: about what a small pool serves without queueing. */
export const CREDIT_IN_FLIGHT_MAX = 2
/** Slots per batch (the ledger takes up to 4,096 transfers a call). */
export const CREDIT_BATCH_MAX = 500

/** One result per slot, in order: undefined when credited, else why not. */
export async function creditBatch(
  ctx: RedPacketsContext,
  credits: readonly SlotCredit[],
): Promise<(DomainError | undefined)[]> {
  const escrow = await ctx.escrowAccount()
  const balances = await Promise.all(credits.map((credit) => ctx.balanceAccount(credit.userId)))
  const outcomes = await ctx.ledger.createTransfers(
    credits.map((credit, index) => ({
      kind: 'posted' as const,
      idempotencyKey: `rp:${credit.facts.id}:${credit.slot}`,
      code: 'REDPACKET_GRAB',
      legs: [
        {
          debitAccountId: escrow.id,
          creditAccountId: (balances[index] as { id: number }).id,
          amountFen: credit.facts.amountsFen[credit.slot] as number,
        },
      ],
      metadata: { redpacket: credit.facts.id, slot: credit.slot },
    })),
  )
  const credited: { credit: SlotCredit; transferId: number }[] = []
  const results = outcomes.map((outcome, index) => {
    if (!outcome.ok) return new DomainError(outcome.code, outcome.details)
    credited.push({ credit: credits[index] as SlotCredit, transferId: outcome.transferId })
    return undefined
  })
  if (credited.length === 0) return results
  // Records before the mark: a crash between them leaves the slot unmarked, so it is retried.
  const records = await Promise.all(
    credited.map(({ credit, transferId }) =>
      openerRecord(ctx, credit.facts, { ...credit, transferId }),
    ),
  )
  await ctx.records.upsertMany(records)
  await markCredited(ctx, credited)
  return results
}

/** One statement for the batch: amount and transfer on each slot not marked yet. */
async function markCredited(
  ctx: RedPacketsContext,
  credited: readonly { credit: SlotCredit; transferId: number }[],
): Promise<void> {
  const packetIds = credited.map(({ credit }) => credit.facts.id)
  const slots = credited.map(({ credit }) => credit.slot)
  const amounts = credited.map(({ credit }) => credit.facts.amountsFen[credit.slot] as number)
  const transferIds = credited.map(({ transferId }) => transferId)
  await sql`
    UPDATE red_packet_opens AS o SET amount_fen = v.amount_fen, transfer_id = v.transfer_id
    FROM unnest(${packetIds}::text[], ${slots}::int[], ${amounts}::bigint[],
      ${transferIds}::bigint[]) AS v(packet_id, slot, amount_fen, transfer_id)
    WHERE o.packet_id = v.packet_id AND o.slot = v.slot AND o.transfer_id IS NULL
  `.execute(ctx.db)
}

interface Waiting {
  credit: SlotCredit
  resolve(): void
  reject(error: unknown): void
}

/** The in-process queue the open path hands its credit to (group commit of credits). */
export class CreditQueue {
  readonly #ctx: () => RedPacketsContext
  #queue: Waiting[] = []
  #inFlight = 0

  constructor(ctx: () => RedPacketsContext) {
    this.#ctx = ctx
  }

  /** Resolves once the slot is credited, its record written and the slot marked. */
  credit(credit: SlotCredit): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#queue.push({ credit, resolve, reject })
      this.#pump()
    })
  }

  #pump(): void {
    while (this.#inFlight < CREDIT_IN_FLIGHT_MAX && this.#queue.length > 0) {
      const batch = this.#queue.splice(0, CREDIT_BATCH_MAX)
      this.#inFlight += 1
      void this.#send(batch)
    }
  }

  async #send(batch: Waiting[]): Promise<void> {
    try {
      const results = await creditBatch(
        this.#ctx(),
        batch.map((waiting) => waiting.credit),
      )
      batch.forEach((waiting, index) => {
        const refused = results[index]
        if (refused === undefined) waiting.resolve()
        else waiting.reject(refused)
      })
    } catch (error) {
      for (const waiting of batch) waiting.reject(error)
    } finally {
      this.#inFlight -= 1
      this.#pump()
    }
  }
}
