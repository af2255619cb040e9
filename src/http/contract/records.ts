/** The record list (账单), one record's page, the monthly statement and its CSV export. */
import { type Static, Type } from 'typebox'
import { Count, Fen, Localized, Nullable, PageLimit, strict, TimestampMs } from './common.ts'

/** The records module's limits and lists (the routes pin them equal at compile time). */
export const RECORD_PAGE_SIZE_MAX = 100
export const RECORD_AMOUNT_FEN_MAX = 100_000_000_000
export const RECORD_SEARCH_LENGTH_MAX = 50
export const RECORD_SOURCE_KINDS = [
  'TOPUP',
  'WITHDRAW',
  'PAYMENT',
  'REFUND',
  'TRANSFER',
  'REDPACKET',
] as const
export const RECORD_DIRECTIONS = ['in', 'out', 'none'] as const

export const RecordSourceKind = Type.Enum(RECORD_SOURCE_KINDS)
export type RecordSourceKind = Static<typeof RecordSourceKind>
export const RecordDirection = Type.Enum(RECORD_DIRECTIONS)
export type RecordDirection = Static<typeof RecordDirection>

/** A Shanghai calendar month. */
export const Month = Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM' })
const RecordAmountFen = () => Type.Integer({ minimum: 0, maximum: RECORD_AMOUNT_FEN_MAX })

export const RecordMethodView = Type.Union([
  Type.Object({ kind: Type.Literal('balance') }),
  Type.Object({ kind: Type.Literal('card'), cardId: Type.String(), label: Type.String() }),
  Type.Object({ kind: Type.Literal('none') }),
])

export const RecordView = Type.Object({
  id: Type.String(),
  sourceKind: RecordSourceKind,
  /** The producer's id (operation, payment, refund…): what its own pages are keyed by. */
  sourceId: Type.String(),
  direction: RecordDirection,
  amountFen: Fen(),
  /** The producer's status word: PROCESSING, SUCCEEDED, SUCCESS, FAILED, REFUNDED… */
  status: Type.String(),
  /** done: the money moved; pending: not yet; failed: it never will. */
  outcome: Type.Enum(['done', 'pending', 'failed'] as const),
  title: Type.String(),
  counterparty: Type.Object({
    kind: Type.String(),
    id: Nullable(Type.String()),
    name: Type.String(),
  }),
  method: RecordMethodView,
  category: Nullable(Type.String()),
  balanceAfterFen: Nullable(Fen()),
  /** The producer's detail (order number, refund history, fee…), shown on the record's page. */
  detail: Nullable(Type.Record(Type.String(), Type.Unknown())),
  occurredAtMs: TimestampMs(),
  updatedAtMs: TimestampMs(),
})
export type RecordView = Static<typeof RecordView>

export const RecordFilterQuery = Type.Object(
  {
    month: Type.Optional(Month),
    sourceKind: Type.Optional(RecordSourceKind),
    direction: Type.Optional(RecordDirection),
    minAmountFen: Type.Optional(RecordAmountFen()),
    maxAmountFen: Type.Optional(RecordAmountFen()),
    search: Type.Optional(
      Type.String({ minLength: 1, maxLength: RECORD_SEARCH_LENGTH_MAX, pattern: '\\S' }),
    ),
  },
  strict,
)

export const RecordListQuery = Type.Object(
  {
    ...RecordFilterQuery.properties,
    limit: Type.Optional(PageLimit(RECORD_PAGE_SIZE_MAX)),
    cursor: Type.Optional(Type.String({ pattern: '^[0-9]{1,15}\\.[0-9]{1,15}$', maxLength: 31 })),
  },
  strict,
)
export type RecordListQuery = Static<typeof RecordListQuery>

export const RecordPage = Type.Object({
  records: Type.Array(RecordView),
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: Nullable(Type.String()),
})
export type RecordPage = Static<typeof RecordPage>

export const RecordParams = Type.Object({ recordId: Type.String({ pattern: '^[0-9]{1,15}$' }) })

export const StatementParams = Type.Object({ month: Month })

export const StatementView = Type.Object({
  month: Type.String(),
  incomeFen: Fen(),
  incomeCount: Count(),
  expenseFen: Fen(),
  expenseCount: Count(),
  /** Top-ups and withdrawals: the user's own money, neither income nor expense (不计收支). */
  ownMoney: Type.Object({ inFen: Fen(), outFen: Fen() }),
  categories: Type.Array(
    Type.Object({
      category: Nullable(Type.String()),
      /** The category's name (src/shared/merchant-categories.ts); null category: 其他. */
      label: Localized,
      amountFen: Fen(),
      count: Count(),
    }),
  ),
  topMerchants: Type.Array(
    Type.Object({
      id: Nullable(Type.String()),
      name: Type.String(),
      amountFen: Fen(),
      count: Count(),
    }),
  ),
})
export type StatementView = Static<typeof StatementView>

export const CsvQuery = Type.Object(
  { lang: Type.Optional(Type.Enum(['zh', 'en'] as const)) },
  strict,
)
