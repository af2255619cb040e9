import { useState } from 'react'
import type { ReactNode } from 'react'
import { ErrorAlert } from '../../shared/ErrorAlert'
import { useI18n } from '../../shared/i18n'
import { Link, navigate, useLocation } from '../../shared/router'
import { useApiData } from '../../shared/useApiData'
import { PageShell } from '../components/PageShell'
import { useUser } from '../session'
import type { RecordListQuery, RecordPage, RecordView } from './api'
import { recordsApi } from './api'
import { RecordFilters } from './RecordFilters'
import { RecordItem } from './RecordItem'
import { formFromSearch, queryOfForm, searchOfForm, shanghaiMonthOf } from './record-filters'
import './records.css'

const PAGE_SIZE = 20

/** The list of one filter: the first page, then older pages by the server's cursor. */
function RecordList({ query }: { query: RecordListQuery }): ReactNode {
  const { t } = useI18n()
  const user = useUser()
  const key = `${user.id}:${JSON.stringify(query)}`
  const first = useApiData(() => recordsApi.list({ ...query, limit: PAGE_SIZE }), key)
  const [older, setOlder] = useState<{ key: string; pages: RecordPage[] }>({ key, pages: [] })
  const [more, setMore] = useState<{ busy: boolean; error: unknown }>({ busy: false, error: null })
  if (first.state.kind === 'loading') return <p className="lq-muted">{t('common.loading')}</p>
  if (first.state.kind === 'error') return <ErrorAlert error={first.state.error} />
  // Pages loaded for another filter are not this list's.
  const pages = [first.state.data, ...(older.key === key ? older.pages : [])]
  const list: RecordView[] = pages.flatMap((page) => page.records)
  const cursor = pages.at(-1)?.nextCursor ?? null

  async function loadMore(): Promise<void> {
    if (cursor === null) return
    setMore({ busy: true, error: null })
    try {
      const page = await recordsApi.list({ ...query, limit: PAGE_SIZE, cursor })
      setOlder({ key, pages: [...pages.slice(1), page] })
      setMore({ busy: false, error: null })
    } catch (error) {
      setMore({ busy: false, error })
    }
  }

  if (list.length === 0) {
    return (
      <p className="lq-muted" data-testid="records-empty">
        {t('records.empty')}
      </p>
    )
  }
  return (
    <>
      <ul className="lq-op-list" data-testid="record-list">
        {list.map((record) => (
          <RecordItem key={record.id} record={record} />
        ))}
      </ul>
      <ErrorAlert error={more.error} testId="records-more-error" />
      {cursor !== null ? (
        <button
          type="button"
          className="lq-link-button lq-op-list__more"
          disabled={more.busy}
          data-testid="records-more"
          onClick={() => void loadMore()}
        >
          {more.busy ? t('common.working') : t('records.more')}
        </button>
      ) : (
        <p className="lq-muted lq-op-list__more" data-testid="records-end">
          {t('records.end')}
        </p>
      )}
    </>
  )
}

/** 账单: every money movement, filtered by the page's URL, with the month's statement a tap away. */
export function RecordsPage(): ReactNode {
  const { t } = useI18n()
  const { search } = useLocation()
  const form = formFromSearch(search)
  const query = queryOfForm(form)
  const statementMonth = query !== 'INVALID_AMOUNT' && query.month ? query.month : null
  return (
    <PageShell titleKey="records.title" testId="records-page">
      <RecordFilters
        key={searchOfForm(form)}
        initial={form}
        invalidAmount={query === 'INVALID_AMOUNT'}
        onApply={(next) => navigate(`/records${searchOfForm(next)}`)}
      />
      <section className="lq-card lq-rows">
        <Link
          to={`/records/statement?month=${statementMonth ?? shanghaiMonthOf(Date.now())}`}
          className="lq-row"
          testId="records-statement"
        >
          <span>{t('records.statement')}</span>
          <span className="lq-row__value">{statementMonth ?? ''}</span>
        </Link>
      </section>
      <section className="lq-card" aria-label={t('records.title')}>
        {query === 'INVALID_AMOUNT' ? null : <RecordList query={query} />}
      </section>
    </PageShell>
  )
}
