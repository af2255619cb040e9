/**
 * The resolver: transfers a crash or a bank timeout left between two states (SENDING,
 * ACCEPTING, RETURNING, PROCESSING) for longer than `resolveAfterMs` are driven to their end
 * — the same idempotent steps the request would have taken (transitions.ts, card-transfer.ts).
 */
import type { TransfersContext } from './context.ts'
import { resolveCard } from './card-transfer.ts'
import { advance } from './transitions.ts'

const RESOLVE_BATCH_DEFAULT = 100

export async function resolveUnsettled(
  ctx: TransfersContext,
  options: { olderThanMs?: number; limit?: number } = {},
): Promise<number> {
  const cutoff = new Date(ctx.clock.nowMs() - (options.olderThanMs ?? ctx.rules.resolveAfterMs))
  const rows = await ctx.db
    .selectFrom('transfers')
    .selectAll()
    .where('status', 'in', ['SENDING', 'ACCEPTING', 'RETURNING', 'PROCESSING'])
    .where('updated_at', '<=', cutoff)
    .orderBy('updated_at')
    .limit(options.limit ?? RESOLVE_BATCH_DEFAULT)
    .execute()
  let settled = 0
  for (const row of rows) {
    try {
      const after = row.kind === 'CARD' ? await resolveCard(ctx, row) : await advance(ctx, row.id)
      if (after.status !== row.status) settled += 1
    } catch (error) {
      // One transfer that cannot be settled now must not hold up the others.
      ctx.onResolveError?.(row.id, error)
    }
  }
  return settled
}
