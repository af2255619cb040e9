/**
 * The record filter as the URL of the records page carries it (`/records?month=2026-12&…`), so
 * back, reload and a shared link keep it; amounts are typed in yuan and sent in fen.
 */
import { parseYuanToFen } from '../../shared/money'
import type { RecordDirection, RecordListQuery, RecordSourceKind } from './api'

export const RECORD_KINDS: readonly RecordSourceKind[] = [
  'PAYMENT',
  'REFUND',
  'TRANSFER',
  'REDPACKET',
  'TOPUP',
  'WITHDRAW',
]
export const RECORD_DIRECTION_CHOICES: readonly RecordDirection[] = ['in', 'out', 'none']

/** What the filter form holds: text as typed. */
export interface FilterForm {
  month: string
  sourceKind: string
  direction: string
  minYuan: string
  maxYuan: string
  search: string
}

const OFFSET_MS = 8 * 3600_000

/** The Shanghai calendar month of `ms`, YYYY-MM: the statement's month, whatever the zone. */
export function shanghaiMonthOf(ms: number): string {
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 7)
}

/** The month before or after `month` (YYYY-MM). */
export function shiftMonth(month: string, by: number): string {
  const [year = 0, number = 1] = month.split('-').map(Number)
  const date = new Date(Date.UTC(year, number - 1 + by, 1))
  return date.toISOString().slice(0, 7)
}

export function isMonth(text: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(text)
}

export function formFromSearch(search: URLSearchParams): FilterForm {
  return {
    month: search.get('month') ?? '',
    sourceKind: search.get('sourceKind') ?? '',
    direction: search.get('direction') ?? '',
    minYuan: search.get('min') ?? '',
    maxYuan: search.get('max') ?? '',
    search: search.get('q') ?? '',
  }
}

/** The page URL of `form` (amounts stay as typed: the URL is for people). */
export function searchOfForm(form: FilterForm): string {
  const params = new URLSearchParams()
  const pairs: [string, string][] = [
    ['month', form.month],
    ['sourceKind', form.sourceKind],
    ['direction', form.direction],
    ['min', form.minYuan.trim()],
    ['max', form.maxYuan.trim()],
    ['q', form.search.trim()],
  ]
  for (const [name, value] of pairs) if (value !== '') params.set(name, value)
  const text = params.toString()
  return text === '' ? '' : `?${text}`
}

/** Yuan text → fen; '' → undefined; 0 is a valid lower bound. */
function amountFen(text: string): { ok: true; fen?: number } | { ok: false } {
  const trimmed = text.trim()
  if (trimmed === '') return { ok: true }
  if (/^0+(\.0*)?$/.test(trimmed)) return { ok: true, fen: 0 }
  const parsed = parseYuanToFen(trimmed)
  return parsed.ok ? { ok: true, fen: parsed.fen } : { ok: false }
}

/** The API query of `form`, or 'INVALID_AMOUNT' when an amount is not yuan with 2 decimals. */
export function queryOfForm(form: FilterForm): RecordListQuery | 'INVALID_AMOUNT' {
  const min = amountFen(form.minYuan)
  const max = amountFen(form.maxYuan)
  if (!min.ok || !max.ok) return 'INVALID_AMOUNT'
  const kind = RECORD_KINDS.find((candidate) => candidate === form.sourceKind)
  const direction = RECORD_DIRECTION_CHOICES.find((candidate) => candidate === form.direction)
  const search = form.search.trim()
  return {
    ...(isMonth(form.month) ? { month: form.month } : {}),
    ...(kind ? { sourceKind: kind } : {}),
    ...(direction ? { direction } : {}),
    ...(min.fen !== undefined ? { minAmountFen: min.fen } : {}),
    ...(max.fen !== undefined ? { maxAmountFen: max.fen } : {}),
    ...(search !== '' ? { search: search.slice(0, 50) } : {}),
  }
}
