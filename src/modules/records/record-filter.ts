/**
 * The record filter the list, the statement and the CSV export share: a Shanghai calendar month,
 * the kind (type), the direction, an amount range in fen and a search over the counterparty's
 * name and the line's title. Every value is checked here, so the SQL only ever sees bounded,
 * well-formed input (a search term is escaped: `%` and `_` match themselves).
 */
import type { ExpressionBuilder, SelectQueryBuilder } from 'kysely'
import { DomainError } from '../../shared/errors.ts'
import { isCalendarMonth, shanghaiMonthRangeMs } from '../../shared/shanghai-time.ts'
import {
  RECORD_AMOUNT_FEN_MAX,
  RECORD_DIRECTIONS,
  RECORD_SEARCH_LENGTH_MAX,
  RECORD_SOURCE_KINDS,
  type RecordDirection,
  type RecordSourceKind,
} from './context.ts'
import type { RecordsTables } from './records-tables.ts'

export interface RecordFilter {
  /** A Shanghai calendar month, YYYY-MM. */
  month?: string
  sourceKind?: RecordSourceKind
  direction?: RecordDirection
  minAmountFen?: number
  maxAmountFen?: number
  /** Matches the counterparty's name (the merchant, the other person) or the title. */
  search?: string
}

function invalid(field: string, reason?: string): DomainError {
  return new DomainError('INVALID_REQUEST', { field, ...(reason ? { reason } : {}) })
}

function isAmount(value: number | undefined): boolean {
  return (
    value === undefined ||
    (Number.isSafeInteger(value) && value >= 0 && value <= RECORD_AMOUNT_FEN_MAX)
  )
}

export function checkRecordFilter(filter: RecordFilter): void {
  if (filter.month !== undefined && !isCalendarMonth(filter.month)) throw invalid('month')
  if (filter.sourceKind !== undefined && !RECORD_SOURCE_KINDS.includes(filter.sourceKind)) {
    throw invalid('sourceKind')
  }
  if (filter.direction !== undefined && !RECORD_DIRECTIONS.includes(filter.direction)) {
    throw invalid('direction')
  }
  if (!isAmount(filter.minAmountFen)) throw invalid('minAmountFen')
  if (!isAmount(filter.maxAmountFen)) throw invalid('maxAmountFen')
  const { minAmountFen, maxAmountFen } = filter
  if (minAmountFen !== undefined && maxAmountFen !== undefined && minAmountFen > maxAmountFen) {
    throw invalid('maxAmountFen', 'below minAmountFen')
  }
  const search = filter.search
  if (search !== undefined && (search.length > RECORD_SEARCH_LENGTH_MAX || search.trim() === '')) {
    throw invalid('search')
  }
}

/** `term` as a LIKE pattern that matches it literally anywhere in the text. */
export function containsPattern(term: string): string {
  return `%${term.trim().replace(/[\\%_]/g, (character) => `\\${character}`)}%`
}

function matchesSearch(eb: ExpressionBuilder<RecordsTables, 'money_records'>, search: string) {
  const pattern = containsPattern(search)
  // ILIKE: Latin names match in any case; Chinese has no case. `\` is LIKE's default escape.
  return eb.or([eb('counterparty_name', 'ilike', pattern), eb('title', 'ilike', pattern)])
}

/** The user's records narrowed by `filter` (checked first). */
export function applyRecordFilter<Output>(
  select: SelectQueryBuilder<RecordsTables, 'money_records', Output>,
  userId: string,
  filter: RecordFilter,
): SelectQueryBuilder<RecordsTables, 'money_records', Output> {
  checkRecordFilter(filter)
  let query = select.where('user_id', '=', userId)
  if (filter.month !== undefined) {
    const { startMs, endMs } = shanghaiMonthRangeMs(filter.month)
    query = query
      .where('occurred_at', '>=', new Date(startMs))
      .where('occurred_at', '<', new Date(endMs))
  }
  if (filter.sourceKind !== undefined) query = query.where('source_kind', '=', filter.sourceKind)
  if (filter.direction !== undefined) query = query.where('direction', '=', filter.direction)
  if (filter.minAmountFen !== undefined) {
    query = query.where('amount_fen', '>=', filter.minAmountFen)
  }
  if (filter.maxAmountFen !== undefined) {
    query = query.where('amount_fen', '<=', filter.maxAmountFen)
  }
  const search = filter.search
  if (search !== undefined) query = query.where((eb) => matchesSearch(eb, search))
  return query
}
