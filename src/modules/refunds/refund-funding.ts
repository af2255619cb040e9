/**
 * Where a refund's money comes from (wallet-rules §1.13, as WeChat Pay does): the merchant's
 * pending takings first; what they cannot cover, the platform advances on the merchant's refund
 * credit line, and settlement deducts it from the next payout (settlement's refunds deducted).
 * merchant_settled is not drawn on: every fen in it is already one payout's, on its way to the
 * bank card. Only when the line is used up too does the refund wait
 * (REFUND_MERCHANT_BALANCE_LOW): the resolver tries it again with backoff, operators see it.
 *
 * The split is read unlocked; the ledger's own limits (pending and the line never below zero)
 * are what hold, so a refund racing another one fails NOT_ENOUGH instead of overdrawing, and
 * waits like any other. A refund's transfer is created once under its key: a retry uses the
 * transfer that exists (the split of the first try), never a new split.
 */
import { DomainError, isDomainError } from '../../shared/errors.ts'
import type { Transfer, TransferLeg, TransferRequest } from '../ledger/index.ts'
import type { RefundsContext } from './context.ts'

export interface RefundSplit {
  fromPendingFen: number
  fromCreditFen: number
  creditAccountId: number | null
}

/** The merchant's line, granted (again, idempotently) up to the configured size. */
async function creditLine(ctx: RefundsContext, merchantId: string) {
  const accounts = await ctx.merchants.refundAdvanceAccounts(merchantId)
  const grantedFen = -(await ctx.ledger.getBalance(accounts.advance.id)).postedFen
  const lineFen = ctx.rules.advanceLineFen
  if (grantedFen < lineFen) {
    await ctx.ledger.createTransfer({
      kind: 'posted',
      // One key per line size: a re-run grants nothing twice; a larger line grants the rest.
      idempotencyKey: `refund-credit:${merchantId}:${lineFen}`,
      code: 'REFUND',
      legs: [
        {
          debitAccountId: accounts.advance.id,
          creditAccountId: accounts.credit.id,
          amountFen: lineFen - grantedFen,
        },
      ],
      metadata: { merchantId, lineFen },
    })
  }
  return {
    id: accounts.credit.id,
    availableFen: (await ctx.ledger.getBalance(accounts.credit.id)).availableFen,
  }
}

/**
 * Splits `amountFen` between pending (whose available money, plus `incomingFen` the same
 * transfer brings into it, counts) and the line; REFUND_MERCHANT_BALANCE_LOW when both together
 * fall short.
 */
export async function splitRefund(
  ctx: RefundsContext,
  merchantId: string,
  amountFen: number,
  incomingFen: number,
): Promise<RefundSplit> {
  const accounts = await ctx.merchants.accounts(merchantId)
  const pending = await ctx.ledger.getBalance(accounts.merchant_pending.id)
  const fromPendingFen = Math.min(amountFen, Math.max(0, pending.availableFen + incomingFen))
  const fromCreditFen = amountFen - fromPendingFen
  if (fromCreditFen === 0) return { fromPendingFen, fromCreditFen, creditAccountId: null }
  const line = await creditLine(ctx, merchantId)
  if (line.availableFen < fromCreditFen)
    throw new DomainError('REFUND_MERCHANT_BALANCE_LOW', {
      availableFen: fromPendingFen + Math.max(line.availableFen, 0),
      amountFen,
    })
  return { fromPendingFen, fromCreditFen, creditAccountId: line.id }
}

/** The legs paying `split` to `toAccountId`. */
export function splitLegs(
  split: RefundSplit,
  pendingId: number,
  toAccountId: number,
): TransferLeg[] {
  const legs: TransferLeg[] = []
  if (split.fromPendingFen > 0)
    legs.push({
      debitAccountId: pendingId,
      creditAccountId: toAccountId,
      amountFen: split.fromPendingFen,
    })
  if (split.fromCreditFen > 0 && split.creditAccountId !== null)
    legs.push({
      debitAccountId: split.creditAccountId,
      creditAccountId: toAccountId,
      amountFen: split.fromCreditFen,
    })
  return legs
}

/**
 * The refund's transfer under `idempotencyKey`: the one that exists, or one made now by
 * `build`. A concurrent attempt that made it first with another split wins (IDEMPOTENCY_CONFLICT
 * here): its transfer is the refund's.
 */
export async function onceByKey(
  ctx: RefundsContext,
  idempotencyKey: string,
  build: () => Promise<TransferRequest>,
): Promise<{ transferId: number }> {
  const existing: Transfer | undefined = await ctx.ledger.findTransferByKey(idempotencyKey)
  if (existing !== undefined) return { transferId: existing.id }
  try {
    return await ctx.ledger.createTransfer(await build())
  } catch (error) {
    if (!isDomainError(error) || error.code !== 'IDEMPOTENCY_CONFLICT') throw error
    const winner = await ctx.ledger.findTransferByKey(idempotencyKey)
    if (winner === undefined) throw error
    return { transferId: winner.id }
  }
}
