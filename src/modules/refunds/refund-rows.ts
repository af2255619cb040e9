/** Refund rows as the API reads them, and the lookups every refund step shares. */
import { createHash, randomInt } from 'node:crypto'
import type { Selectable } from 'kysely'
import { randomDigits } from '../../shared/crypto.ts'
import { DomainError } from '../../shared/errors.ts'
import { shanghaiDate } from '../../shared/shanghai-time.ts'
import {
  REFUND_LIST_LIMIT_MAX,
  type RefundsContext,
  type RefundsDb,
  type RefundStatus,
} from './context.ts'
import type { RefundsTables } from './refunds-tables.ts'

export type RefundRow = Selectable<RefundsTables['refunds']>

export interface Refund {
  /** 29 digits, like WeChat Pay's refund_id. */
  id: string
  merchantId: string
  outRefundNo: string
  paymentId: string
  userId: string
  amountFen: number
  feeBackFen: number
  reason: string | null
  requestId: string | null
  channel: 'BALANCE' | 'CARD'
  card: { cardId: string; bankCode: string } | null
  status: RefundStatus
  failureCode: string | null
  bankAttempts: number
  nextAttemptAtMs: number | null
  createdAtMs: number
  finishedAtMs: number | null
}

const ms = (date: Date | null) => (date === null ? null : new Date(date).getTime())

export function toRefund(row: RefundRow): Refund {
  return {
    id: row.id,
    merchantId: row.merchant_id,
    outRefundNo: row.out_refund_no,
    paymentId: row.payment_id,
    userId: row.user_id,
    amountFen: Number(row.amount_fen),
    feeBackFen: Number(row.fee_back_fen),
    reason: row.reason,
    requestId: row.request_id,
    channel: row.channel as Refund['channel'],
    card: row.card_id === null ? null : { cardId: row.card_id, bankCode: row.bank_code ?? '' },
    status: row.status as RefundStatus,
    failureCode: row.failure_code,
    bankAttempts: row.bank_attempts,
    nextAttemptAtMs: ms(row.next_attempt_at),
    createdAtMs: new Date(row.created_at).getTime(),
    finishedAtMs: ms(row.finished_at),
  }
}

/** 50 + 30 + the Shanghai date + 17 random digits (WeChat Pay's refund_id has 29). */
export function newRefundId(nowMs: number): string {
  return `5030${shanghaiDate(nowMs).replaceAll('-', '')}${randomInt(1, 10)}${randomDigits(16)}`
}

/** The same request always hashes the same: a retried refund number with other content conflicts. */
export function refundHash(parts: readonly unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 22)
}

export async function loadRefund(db: RefundsDb, refundId: string): Promise<RefundRow> {
  const row = await db
    .selectFrom('refunds')
    .selectAll()
    .where('id', '=', refundId)
    .executeTakeFirst()
  if (row === undefined) throw new DomainError('REFUND_NOT_FOUND')
  return row
}

export async function findByOutRefundNo(
  db: RefundsDb,
  merchantId: string,
  outRefundNo: string,
): Promise<RefundRow | undefined> {
  return db
    .selectFrom('refunds')
    .selectAll()
    .where('merchant_id', '=', merchantId)
    .where('out_refund_no', '=', outRefundNo)
    .executeTakeFirst()
}

/** A merchant's refund by its id or its refund number; another merchant's is NOT_FOUND. */
export async function getMerchantRefund(
  ctx: RefundsContext,
  merchantId: string,
  ref: { refundId: string } | { outRefundNo: string },
): Promise<Refund> {
  const row =
    'refundId' in ref
      ? await ctx.db
          .selectFrom('refunds')
          .selectAll()
          .where('id', '=', ref.refundId)
          .where('merchant_id', '=', merchantId)
          .executeTakeFirst()
      : await findByOutRefundNo(ctx.db, merchantId, ref.outRefundNo)
  if (row === undefined) throw new DomainError('REFUND_NOT_FOUND')
  return toRefund(row)
}

export interface RefundListQuery {
  paymentId?: string | undefined
  status?: RefundStatus | undefined
  /** Newest first; pass the last refund's createdAtMs and id to page on. */
  before?: { createdAtMs: number; id: string } | undefined
  limit?: number | undefined
}

export async function listRefunds(
  ctx: RefundsContext,
  scope: { merchantId?: string; userId?: string; statuses?: readonly RefundStatus[] },
  query: RefundListQuery = {},
): Promise<Refund[]> {
  const limit = Math.min(query.limit ?? 20, REFUND_LIST_LIMIT_MAX)
  let select = ctx.db.selectFrom('refunds').selectAll()
  if (scope.merchantId !== undefined) select = select.where('merchant_id', '=', scope.merchantId)
  if (scope.userId !== undefined) select = select.where('user_id', '=', scope.userId)
  if (scope.statuses !== undefined) select = select.where('status', 'in', [...scope.statuses])
  if (query.paymentId !== undefined) select = select.where('payment_id', '=', query.paymentId)
  if (query.status !== undefined) select = select.where('status', '=', query.status)
  const before = query.before
  if (before !== undefined) {
    const at = new Date(before.createdAtMs)
    select = select.where((eb) =>
      eb.or([
        eb('created_at', '<', at),
        eb.and([eb('created_at', '=', at), eb('id', '<', before.id)]),
      ]),
    )
  }
  const rows = await select
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
  return rows.map(toRefund)
}
