/**
 * The audit log's filters as the page holds them (text per field, kept in the URL), and the
 * page's own check of them before asking the server: a bad one is named, not "请求参数有误".
 * The limits are the contract's (`AuditQuery` in @contract/admin).
 */
import { ApiError } from '../shared/api'
import { translate } from '../shared/i18n'
import type { MessageKey } from '../shared/i18n'
import type { AuditAction, AuditActorKind, AuditQuery } from './api'
import { AUDIT_ACTION_LABELS } from './labels'

export const AUDIT_FILTER_FIELDS = ['user', 'actorKind', 'actorId', 'action', 'from', 'to'] as const
export type AuditFilterField = (typeof AUDIT_FILTER_FIELDS)[number]
export type AuditFilters = Record<AuditFilterField, string>

/** Every action the console has words for, which the label table's type makes all of them. */
export const AUDIT_ACTIONS = Object.keys(AUDIT_ACTION_LABELS) as AuditAction[]
export const AUDIT_ACTOR_KINDS: readonly AuditActorKind[] = ['user', 'operator', 'system']

const FIELD_LABEL_KEY: Record<AuditFilterField, MessageKey> = {
  user: 'admin.auditLog.filter.user',
  actorKind: 'admin.auditLog.filter.actorKind',
  actorId: 'admin.auditLog.filter.actorId',
  action: 'admin.auditLog.filter.action',
  from: 'admin.auditLog.filter.from',
  to: 'admin.auditLog.filter.to',
}
const TEXT_MAX_CHARS: Partial<Record<AuditFilterField, number>> = { user: 40, actorId: 64 }
const YEAR_MIN = 1970
const YEAR_MAX = 9999

export function auditFiltersOf(search: URLSearchParams): AuditFilters {
  const entries = AUDIT_FILTER_FIELDS.map((name) => [name, search.get(name) ?? ''])
  return Object.fromEntries(entries) as AuditFilters
}

export function auditQueryOf(filters: AuditFilters): AuditQuery {
  const query: Record<string, string> = {}
  for (const name of AUDIT_FILTER_FIELDS) {
    if (filters[name].trim() !== '') query[name] = filters[name].trim()
  }
  return query as AuditQuery
}

/** A real YYYY-MM-DD day in 1970–9999 (2026-02-30 and 0202-01-01 are not). */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  if (match === null) return false
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  if (year < YEAR_MIN || year > YEAR_MAX || month < 1 || month > 12 || day < 1) return false
  // Day 0 of the next month is the last day of this one.
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate()
}

interface Problem {
  field: AuditFilterField
  key: MessageKey
  vars?: Record<string, number>
}

function problemOf(filters: AuditFilters): Problem | null {
  const query = auditQueryOf(filters) as Record<string, string | undefined>
  for (const field of AUDIT_FILTER_FIELDS) {
    const value = query[field]
    if (value === undefined) continue
    const max = TEXT_MAX_CHARS[field]
    if (max !== undefined && value.length > max) {
      return { field, key: 'admin.auditLog.invalid.tooLong', vars: { max } }
    }
    const options: readonly string[] | undefined =
      field === 'actorKind' ? AUDIT_ACTOR_KINDS : field === 'action' ? AUDIT_ACTIONS : undefined
    if (options !== undefined && !options.includes(value)) {
      return { field, key: 'admin.auditLog.invalid.option' }
    }
    if ((field === 'from' || field === 'to') && !isCalendarDate(value)) {
      return { field, key: 'admin.auditLog.invalid.date' }
    }
  }
  if (query.from !== undefined && query.to !== undefined && query.to < query.from) {
    return { field: 'to', key: 'admin.auditLog.badDates' }
  }
  return null
}

/** What is wrong with the filters, naming the field in both languages; null when they are fine. */
export function auditFilterError(filters: AuditFilters): ApiError | null {
  const problem = problemOf(filters)
  if (problem === null) return null
  const text = (lang: 'zh' | 'en') =>
    translate(lang, problem.key, {
      ...problem.vars,
      field: translate(lang, FIELD_LABEL_KEY[problem.field]),
    })
  return new ApiError(
    0,
    'INVALID_FILTER',
    { zh: text('zh'), en: text('en') },
    {
      fields: [`/${problem.field}`],
    },
  )
}
