/**
 * The resolver (a recurring job): drives payments a request did not finish. A balance payment
 * left PROCESSING (crash, lost connection) is SUCCESS when its ledger transfer exists and FAILED
 * otherwise; a card payment asks the bank what happened to its request id, re-sends it when the
 * bank never saw it (the bank is idempotent by request id: never a double debit) and settles
 * the hold. USERPAYING payments not confirmed in time close, giving back what they held.
 */
import type { PaymentsContext } from './context.ts'
import { sendToBank, settleCard, succeed } from './execute.ts'
import { pruneCodes } from './payment-codes.ts'
import { type PaymentRow, transition } from './payment-rows.ts'

const RESOLVE_BATCH_DEFAULT = 100

export async function resolveUnsettled(
  ctx: PaymentsContext,
  options: { olderThanMs?: number; limit?: number } = {},
): Promise<number> {
  const nowMs = ctx.clock.nowMs()
  const cutoff = new Date(nowMs - (options.olderThanMs ?? ctx.rules.resolveAfterMs))
  const limit = options.limit ?? RESOLVE_BATCH_DEFAULT
  const processing = await ctx.db
    .selectFrom('payments')
    .selectAll()
    .where('status', '=', 'PROCESSING')
    .where('updated_at', '<=', cutoff)
    .orderBy('created_at')
    .limit(limit)
    .execute()
  let settled = 0
  for (const row of processing) {
    try {
      const after = await resolveOne(ctx, row)
      if (after.status !== row.status) settled += 1
    } catch (error) {
      // One payment that cannot be settled now must not hold up the others.
      ctx.onResolveError?.(row.id, error)
    }
  }
  const unconfirmed = await ctx.db
    .selectFrom('payments')
    .select('id')
    .where('status', '=', 'USERPAYING')
    .where('confirm_by', '<=', new Date(nowMs))
    .limit(limit)
    .execute()
  for (const { id } of unconfirmed) {
    const { changed } = await transition(ctx, id, { from: ['USERPAYING'], to: 'CLOSED' })
    if (changed) settled += 1
  }
  await pruneCodes(ctx)
  return settled
}

async function resolveOne(ctx: PaymentsContext, row: PaymentRow): Promise<PaymentRow> {
  if (row.method_kind === 'balance') {
    const transfer = await ctx.ledger.findTransferByKey(`pay:${row.id}`)
    if (transfer !== undefined) {
      return succeed(ctx, row, transfer.id, (await ctx.balanceAccount(row.user_id)).id)
    }
    return (
      await transition(ctx, row.id, {
        from: ['PROCESSING'],
        to: 'FAILED',
        failure: { code: 'SYSTEM_BUSY', details: {} },
      })
    ).row
  }
  if (row.method_kind !== 'card') {
    // A 免密 payment that crashed before its method was chosen: nothing moved.
    return (
      await transition(ctx, row.id, {
        from: ['PROCESSING'],
        to: 'FAILED',
        failure: { code: 'SYSTEM_BUSY', details: {} },
      })
    ).row
  }
  if (row.hold_transfer_id === null) {
    const hold = await ctx.ledger.findTransferByKey(`pay:${row.id}:hold`)
    if (hold !== undefined && (await ctx.ledger.isPending(hold.id))) {
      await ctx.ledger.createTransfer({
        kind: 'void',
        idempotencyKey: `pay:${row.id}:void`,
        pendingId: hold.id,
      })
    }
    return (
      await transition(ctx, row.id, {
        from: ['PROCESSING'],
        to: 'FAILED',
        failure: { code: 'SYSTEM_BUSY', details: {} },
      })
    ).row
  }
  const status = await ctx.bank.getRequest(row.id)
  if (status.outcome === 'NOT_FOUND') {
    const card = await ctx.cards.cardForBank(row.user_id, row.card_id as string, {
      includeUnbound: true,
    })
    return sendToBank(ctx, row.id, card.cardNumber).catch(rethrowUnlessFailed)
  }
  return settleCard(ctx, row.id, status).catch(rethrowUnlessFailed)
}

/** settleCard throws the bank's refusal for the payer's request; the resolver has no payer. */
function rethrowUnlessFailed(error: unknown): never | PaymentRow {
  if (error instanceof Error && error.name === 'DomainError')
    return { status: 'FAILED' } as PaymentRow
  throw error
}
