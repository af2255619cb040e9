/**
 * The monthly statement (月账单): income and expense of one Shanghai calendar month, spending by
 * merchant category and the top merchants. Only records whose money moved count (see
 * RECORD_STATUSES_NOT_COUNTED); money between the user's own card and balance (top-ups,
 * withdrawals) is shown apart as 不计收支, as statements do. Sums are SQL bigint sums, read
 * back as integers.
 */
import { sql } from 'kysely'
import { DomainError } from '../../shared/errors.ts'
import { isCalendarMonth } from '../../shared/shanghai-time.ts'
import {
  RECORD_KINDS_OWN_MONEY,
  RECORD_STATUSES_NOT_COUNTED,
  type RecordsContext,
  STATEMENT_TOP_MERCHANTS,
} from './context.ts'
import { applyRecordFilter } from './record-filter.ts'

export interface MonthlyStatement {
  month: string
  incomeFen: number
  incomeCount: number
  expenseFen: number
  expenseCount: number
  /** Top-ups (in) and withdrawals (out, fee included): the user's own money, 不计收支. */
  ownMoney: { inFen: number; outFen: number }
  /** Expense by merchant category, largest first; `category` null: not a merchant spend. */
  categories: { category: string | null; amountFen: number; count: number }[]
  /** Merchants the user spent most with this month, largest first. */
  topMerchants: { id: string | null; name: string; amountFen: number; count: number }[]
}

function countedRecords(ctx: RecordsContext, userId: string, month: string) {
  return applyRecordFilter(ctx.db.selectFrom('money_records'), userId, { month }).where(
    'status',
    'not in',
    [...RECORD_STATUSES_NOT_COUNTED],
  )
}

const isOwnMoney = sql<boolean>`source_kind in (${sql.join([...RECORD_KINDS_OWN_MONEY])})`
const sumFen = sql<string>`coalesce(sum(amount_fen), 0)`
const countRows = sql<string>`count(*)`

async function totals(ctx: RecordsContext, userId: string, month: string) {
  const rows = await countedRecords(ctx, userId, month)
    .select(['direction', isOwnMoney.as('own'), sumFen.as('fen'), countRows.as('n')])
    .groupBy([sql`1`, sql`2`]) // by position: the IN list's parameters differ per use
    .execute()
  const pick = (direction: string, own: boolean) =>
    rows.find((row) => row.direction === direction && Boolean(row.own) === own)
  const fen = (direction: string, own: boolean) => Number(pick(direction, own)?.fen ?? 0)
  const count = (direction: string, own: boolean) => Number(pick(direction, own)?.n ?? 0)
  return {
    incomeFen: fen('in', false),
    incomeCount: count('in', false),
    expenseFen: fen('out', false),
    expenseCount: count('out', false),
    ownMoney: { inFen: fen('in', true), outFen: fen('out', true) },
  }
}

function spending(ctx: RecordsContext, userId: string, month: string) {
  return countedRecords(ctx, userId, month)
    .where('direction', '=', 'out')
    .where('source_kind', 'not in', [...RECORD_KINDS_OWN_MONEY])
}

export async function monthlyStatement(
  ctx: RecordsContext,
  userId: string,
  month: string,
): Promise<MonthlyStatement> {
  if (!isCalendarMonth(month)) throw new DomainError('INVALID_REQUEST', { field: 'month' })
  const categories = await spending(ctx, userId, month)
    .select(['category', sumFen.as('fen'), countRows.as('n')])
    .groupBy('category')
    .orderBy(sql`2`, 'desc')
    .execute()
  const merchants = await spending(ctx, userId, month)
    .where('counterparty_kind', '=', 'merchant')
    .select([
      'counterparty_id',
      sql<string>`max(counterparty_name)`.as('name'),
      sumFen.as('fen'),
      countRows.as('n'),
    ])
    .groupBy('counterparty_id')
    .orderBy(sql`3`, 'desc')
    .orderBy(sql`2`)
    .limit(STATEMENT_TOP_MERCHANTS)
    .execute()
  return {
    month,
    ...(await totals(ctx, userId, month)),
    categories: categories.map((row) => ({
      category: row.category,
      amountFen: Number(row.fen),
      count: Number(row.n),
    })),
    topMerchants: merchants.map((row) => ({
      id: row.counterparty_id,
      name: row.name,
      amountFen: Number(row.fen),
      count: Number(row.n),
    })),
  }
}
