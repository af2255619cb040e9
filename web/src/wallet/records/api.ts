import { api, queryString } from '../../shared/api'
import type { Lang } from '../../shared/i18n'
import type { RecordListQuery, RecordPage, RecordView, StatementView } from '@contract/records'

export type {
  RecordDirection,
  RecordListQuery,
  RecordPage,
  RecordSourceKind,
  RecordView,
  StatementView,
} from '@contract/records'

/** The query as URL text: numbers as digits, empty values left out. */
function recordQueryString(query: RecordListQuery): string {
  const text: Record<string, string | undefined> = {}
  for (const [name, value] of Object.entries(query)) {
    text[name] = value === undefined ? undefined : String(value)
  }
  return queryString(text)
}

export const recordsApi = {
  list: (query: RecordListQuery) =>
    api.get<RecordPage>(`/api/v1/me/records${recordQueryString(query)}`),
  get: (recordId: string) =>
    api.get<RecordView>(`/api/v1/me/records/${encodeURIComponent(recordId)}`),
  statement: (month: string) =>
    api.get<StatementView>(`/api/v1/me/statements/${encodeURIComponent(month)}`),
  /** A plain link: the browser downloads it with the session cookie (Content-Disposition). */
  csvUrl: (month: string, lang: Lang) =>
    `/api/v1/me/statements/${encodeURIComponent(month)}/records.csv?lang=${lang}`,
}
