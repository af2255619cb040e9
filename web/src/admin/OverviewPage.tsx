import type { ReactNode } from 'react'
import { ErrorAlert } from '../shared/ErrorAlert'
import { formatDateTime } from '../shared/format'
import { useI18n } from '../shared/i18n'
import type { I18n, MessageKey } from '../shared/i18n'
import { Link } from '../shared/router'
import { useApiData } from '../shared/useApiData'
import { adminApi, mayReadJobs } from './api'
import type { AdminOverview, OperatorRole } from './api'
import { useOperator } from './session'

interface Tile {
  id: string
  titleKey: MessageKey
  value: string
  /** Something needs doing (red), all clear (green), or not known (plain). */
  tone: 'attention' | 'clear' | 'unknown'
  note?: string
  to?: string
}

function tileOfCount(id: string, titleKey: MessageKey, count: number, to?: string): Tile {
  return { id, titleKey, value: String(count), tone: count > 0 ? 'attention' : 'clear', to }
}

function tiles(overview: AdminOverview, t: I18n['t'], role: OperatorRole): Tile[] {
  const { reconciliation, ledger } = overview
  const list: Tile[] = [
    tileOfCount(
      'appeals',
      'admin.overview.pendingAppeals',
      overview.pendingAppeals,
      '/admin/appeals',
    ),
  ]
  // No job runner wired in: no tile rather than a zero that means nothing.
  if (overview.failedJobs !== null) {
    // Support may not read the jobs page: the count, without a link to a refusal.
    const jobsPath = mayReadJobs(role) ? '/admin/jobs?status=failed' : undefined
    list.push(tileOfCount('jobs', 'admin.overview.failedJobs', overview.failedJobs, jobsPath))
  }
  const reconciliationPath = `/admin/reconciliation?date=${reconciliation.date}`
  list.push(
    reconciliation.mismatches === null
      ? {
          id: 'reconciliation',
          titleKey: 'admin.overview.mismatches',
          value: '—',
          tone: 'unknown',
          note: t('admin.overview.bankDown'),
          to: reconciliationPath,
        }
      : tileOfCount(
          'reconciliation',
          'admin.overview.mismatches',
          reconciliation.mismatches,
          reconciliationPath,
        ),
  )
  list.push({
    id: 'ledger',
    titleKey: 'admin.overview.ledger',
    value: ledger.ok
      ? t('admin.overview.ledgerOk')
      : t('admin.overview.ledgerBad', { count: ledger.problems }),
    tone: ledger.ok ? 'clear' : 'attention',
  })
  return list
}

function TileCard({ tile }: { tile: Tile }): ReactNode {
  const { t } = useI18n()
  return (
    <li
      className={`lq-card lq-overview-tile lq-overview-tile--${tile.tone}`}
      data-testid={`admin-overview-${tile.id}`}
      data-tone={tile.tone}
    >
      <span className="lq-muted">{t(tile.titleKey)}</span>
      <span className="lq-overview-tile__value" data-testid={`admin-overview-${tile.id}-value`}>
        {tile.value}
      </span>
      {tile.note !== undefined && <span className="lq-muted">{tile.note}</span>}
      {tile.to !== undefined && (
        <Link to={tile.to} testId={`admin-overview-${tile.id}-open`}>
          {t('admin.overview.open')} ›
        </Link>
      )}
    </li>
  )
}

/** 概览: the console's landing page, the counts that need an operator's attention. */
export function OverviewPage(): ReactNode {
  const { t, lang } = useI18n()
  const overview = useApiData(() => adminApi.overview(), 'overview')
  const { role } = useOperator()
  return (
    <section className="lq-admin-page" data-testid="admin-overview-page">
      <h1>{t('admin.overview.title')}</h1>
      <p className="lq-muted">{t('admin.overview.intro')}</p>
      {overview.state.kind === 'loading' && <p className="lq-muted">{t('common.loading')}</p>}
      {overview.state.kind === 'error' && (
        <div className="lq-card">
          <ErrorAlert error={overview.state.error} testId="admin-overview-error" />
          <button type="button" className="lq-link-button" onClick={overview.reload}>
            {t('common.retry')}
          </button>
        </div>
      )}
      {overview.state.kind === 'ready' && (
        <>
          <ul className="lq-overview-tiles" data-testid="admin-overview-tiles">
            {tiles(overview.state.data, t, role).map((tile) => (
              <TileCard key={tile.id} tile={tile} />
            ))}
          </ul>
          <p className="lq-muted" data-testid="admin-overview-checked">
            {t('admin.overview.checkedAt', {
              time: formatDateTime(overview.state.data.ledger.checkedAtMs, lang),
            })}
          </p>
        </>
      )}
    </section>
  )
}
