/** Settlement rows (one per merchant and day) and the report views built from them. */
import type { Selectable } from 'kysely'
import { DomainError } from '../../shared/errors.ts'
import type { SettlementContext } from './context.ts'
import type { SettlementTables } from './settlement-tables.ts'

export type SettlementRow = Selectable<SettlementTables['settlements']>

export const SETTLEMENT_STATUSES = [
  'SETTLING',
  'CARRIED',
  'PAYING',
  'PAID',
  'PAYOUT_FAILED',
] as const
export type SettlementStatus = (typeof SETTLEMENT_STATUSES)[number]

export const SETTLEMENT_PAGE_SIZE_MAX = 100

/**
 * One day's report: gross − refunds − fees = net; carried in + net − discounts − refunds deducted
 * − payout = carried out.
 */
export interface Settlement {
  id: string
  merchantId: string
  day: string
  payments: number
  grossFen: number
  refundsFen: number
  feesFen: number
  netFen: number
  carriedInFen: number
  discountsRepaidFen: number
  /** Refunds advanced after earlier payouts (the merchant's takings already paid out), deducted. */
  refundsDeductedFen: number
  payoutFen: number
  carriedOutFen: number
  status: SettlementStatus
  payout: {
    bankCode: string | null
    last4: string | null
    bankRef: string | null
    attempts: number
    failureCode: string | null
    paidAtMs: number | null
  }
  createdAtMs: number
}

export function settlementId(merchantId: string, day: string): string {
  return `settle:${merchantId}:${day}`
}

export function toSettlement(row: SettlementRow): Settlement {
  return {
    id: row.id,
    merchantId: row.merchant_id,
    day: row.day,
    payments: Number(row.payments),
    grossFen: Number(row.gross_fen),
    refundsFen: Number(row.refunds_fen),
    feesFen: Number(row.fees_fen),
    netFen: Number(row.net_fen),
    carriedInFen: Number(row.carried_in_fen),
    discountsRepaidFen: Number(row.discounts_repaid_fen),
    refundsDeductedFen: Number(row.refunds_deducted_fen),
    payoutFen: Number(row.payout_fen),
    carriedOutFen: Number(row.carried_out_fen),
    status: row.status as SettlementStatus,
    payout: {
      bankCode: row.bank_code,
      last4: row.card_last4,
      bankRef: row.bank_ref,
      attempts: Number(row.payout_attempt),
      failureCode: row.failure_code,
      paidAtMs: row.paid_at === null ? null : new Date(row.paid_at).getTime(),
    },
    createdAtMs: new Date(row.created_at).getTime(),
  }
}

export async function loadSettlementRow(
  ctx: SettlementContext,
  id: string,
): Promise<SettlementRow | undefined> {
  return ctx.db.selectFrom('settlements').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function getSettlement(
  ctx: SettlementContext,
  merchantId: string,
  day: string,
): Promise<Settlement> {
  const row = await loadSettlementRow(ctx, settlementId(merchantId, day))
  if (row === undefined) throw new DomainError('NOT_FOUND', { resource: 'settlement' })
  return toSettlement(row)
}

/** Newest day first; `beforeDay` pages on (keyset on the day). */
export async function listSettlements(
  ctx: SettlementContext,
  query: { merchantId?: string; beforeDay?: string; limit?: number },
): Promise<Settlement[]> {
  let select = ctx.db.selectFrom('settlements').selectAll()
  if (query.merchantId !== undefined) select = select.where('merchant_id', '=', query.merchantId)
  if (query.beforeDay !== undefined) select = select.where('day', '<', query.beforeDay)
  const limit = Math.min(Math.max(query.limit ?? 31, 1), SETTLEMENT_PAGE_SIZE_MAX)
  const rows = await select.orderBy('day', 'desc').orderBy('merchant_id').limit(limit).execute()
  return rows.map(toSettlement)
}

/** The last settled day of a merchant (its carry), or undefined before the first. */
export async function lastSettlementRow(
  ctx: SettlementContext,
  merchantId: string,
): Promise<SettlementRow | undefined> {
  return ctx.db
    .selectFrom('settlements')
    .selectAll()
    .where('merchant_id', '=', merchantId)
    .orderBy('day', 'desc')
    .limit(1)
    .executeTakeFirst()
}

/** Conditional status change: returns whether this call made it. */
export async function setStatus(
  ctx: SettlementContext,
  id: string,
  from: readonly SettlementStatus[],
  changes: Partial<Omit<SettlementRow, 'id'>> & { status: SettlementStatus },
): Promise<boolean> {
  const result = await ctx.db
    .updateTable('settlements')
    .set({ ...changes, updated_at: new Date(ctx.clock.nowMs()) })
    .where('id', '=', id)
    .where('status', 'in', [...from])
    .executeTakeFirst()
  return result.numUpdatedRows > 0n
}
