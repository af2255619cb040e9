/**
 * The record list (账单): the user's records filtered and keyset-paged, one record's page, the
 * monthly statement and a month's records as a CSV download (`/api/v1/me/...`).
 */
import type { IdentityService } from '../../modules/identity/index.ts'
import {
  type MoneyRecord,
  RECORD_AMOUNT_FEN_MAX as MODULE_AMOUNT_FEN_MAX,
  type RecordDirection as ModuleRecordDirection,
  RECORD_PAGE_SIZE_MAX as MODULE_PAGE_SIZE_MAX,
  RECORD_SEARCH_LENGTH_MAX as MODULE_SEARCH_LENGTH_MAX,
  type RecordSourceKind as ModuleRecordSourceKind,
  recordOutcome,
  type RecordsService,
} from '../../modules/records/index.ts'
import { MERCHANT_CATEGORIES } from '../../shared/merchant-categories.ts'
import { authenticate } from '../auth.ts'
import { AUTH_ERRORS, ErrorBody, type Same } from '../contract/common.ts'
import {
  CsvQuery,
  RECORD_AMOUNT_FEN_MAX,
  RECORD_PAGE_SIZE_MAX,
  RECORD_SEARCH_LENGTH_MAX,
  type RecordDirection,
  RecordListQuery,
  RecordPage,
  RecordParams,
  type RecordSourceKind,
  RecordView,
  StatementParams,
  StatementView,
} from '../contract/records.ts'
import type { HttpApp } from '../server.ts'
import { Type } from 'typebox'

// The contract restates the module's limits and lists; these fail to compile if they drift.
const contractMatches: [
  Same<typeof RECORD_PAGE_SIZE_MAX, typeof MODULE_PAGE_SIZE_MAX>,
  Same<typeof RECORD_AMOUNT_FEN_MAX, typeof MODULE_AMOUNT_FEN_MAX>,
  Same<typeof RECORD_SEARCH_LENGTH_MAX, typeof MODULE_SEARCH_LENGTH_MAX>,
  Same<RecordSourceKind, ModuleRecordSourceKind>,
  Same<RecordDirection, ModuleRecordDirection>,
] = [true, true, true, true, true]
void contractMatches

const tags = ['records']

const OTHER_CATEGORY = { zh: '其他', en: 'Other' }

function categoryLabel(code: string | null): { zh: string; en: string } {
  const category = MERCHANT_CATEGORIES.find((candidate) => candidate.code === code)
  if (category !== undefined) return { zh: category.zh, en: category.en }
  return code === null ? OTHER_CATEGORY : { zh: code, en: code }
}

export function toRecordView(record: MoneyRecord): RecordView {
  return { ...record, outcome: recordOutcome(record.status) }
}

export interface RecordRoutesDeps {
  identity: IdentityService
  records: RecordsService
}

export async function recordRoutes(app: HttpApp, deps: RecordRoutesDeps): Promise<void> {
  const { identity, records } = deps

  app.get(
    '/api/v1/me/records',
    {
      schema: {
        tags,
        summary: 'My records (账单), newest first, filtered and keyset-paged',
        description:
          'month is a Shanghai calendar month; search matches the counterparty or title ' +
          'literally; pass nextCursor back as cursor with the same filter for the next page.',
        querystring: RecordListQuery,
        response: { 200: RecordPage, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { user } = await authenticate(request, identity)
      const page = await records.list(user.id, request.query)
      return { records: page.records.map(toRecordView), nextCursor: page.nextCursor }
    },
  )

  app.get(
    '/api/v1/me/records/:recordId',
    {
      schema: {
        tags,
        summary: "One of my records with its producer's detail",
        params: RecordParams,
        response: { 200: RecordView, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { user } = await authenticate(request, identity)
      return toRecordView(await records.get(user.id, request.params.recordId))
    },
  )

  await statementRoutes(app, deps)
}

async function statementRoutes(app: HttpApp, { identity, records }: RecordRoutesDeps) {
  app.get(
    '/api/v1/me/statements/:month',
    {
      schema: {
        tags,
        summary: 'Monthly statement: income, expense, spending by category, top merchants',
        params: StatementParams,
        response: { 200: StatementView, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { user } = await authenticate(request, identity)
      const statement = await records.statement(user.id, request.params.month)
      return {
        ...statement,
        categories: statement.categories.map((row) => ({
          ...row,
          label: categoryLabel(row.category),
        })),
      }
    },
  )

  app.get(
    '/api/v1/me/statements/:month/records.csv',
    {
      schema: {
        tags,
        summary: "The month's records as CSV (UTF-8 with BOM, a header line, amounts in yuan)",
        params: StatementParams,
        querystring: CsvQuery,
        produces: ['text/csv'],
        response: { 200: Type.String(), ...AUTH_ERRORS, 422: ErrorBody },
      },
    },
    async (request, reply) => {
      const { user } = await authenticate(request, identity)
      const { month } = request.params
      const csv = await records.csv(user.id, { month }, request.query.lang ?? 'zh')
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="lingqian-records-${month}.csv"`)
        .header('cache-control', 'no-store')
        .send(csv)
    },
  )
}
