import { useState } from 'react'
import type { ReactNode } from 'react'
import { ErrorAlert } from '../shared/ErrorAlert'
import { SubmitButton, SuccessNote } from '../shared/forms'
import { formatShanghaiDateTime } from '../shared/format'
import { useI18n } from '../shared/i18n'
import type { I18n, MessageKey } from '../shared/i18n'
import { Link, useLocation } from '../shared/router'
import { useApiData } from '../shared/useApiData'
import { adminApi, mayRetryJobs } from './api'
import type { Job, JobCounts, JobStatus } from './api'
import { JOB_KIND_LABELS, labelOf } from './labels'
import { useOperator } from './session'

/** `open` is the server's default list: pending, running and failed. */
type JobTab = JobStatus | 'open'

const TABS: readonly { tab: JobTab; key: MessageKey }[] = [
  { tab: 'open', key: 'admin.jobs.tab.open' },
  { tab: 'failed', key: 'admin.jobs.status.failed' },
  { tab: 'pending', key: 'admin.jobs.status.pending' },
  { tab: 'running', key: 'admin.jobs.status.running' },
  { tab: 'done', key: 'admin.jobs.status.done' },
]

const STATUS_KEY: Record<JobStatus, MessageKey> = {
  pending: 'admin.jobs.status.pending',
  running: 'admin.jobs.status.running',
  done: 'admin.jobs.status.done',
  failed: 'admin.jobs.status.failed',
}

const COUNT_KEY: Record<keyof JobCounts, MessageKey> = {
  pending: 'admin.jobs.count.pending',
  due: 'admin.jobs.count.due',
  running: 'admin.jobs.count.running',
  failed: 'admin.jobs.count.failed',
}

function isJobTab(value: string | null): value is JobTab {
  return TABS.some((tab) => tab.tab === value)
}

function everyText(everyMs: number, t: I18n['t']): string {
  return everyMs < 60_000
    ? t('admin.jobs.everySeconds', { n: Math.round(everyMs / 1000) })
    : t('admin.jobs.everyMinutes', { n: Math.round(everyMs / 60_000) })
}

/** A domain error's message repeats its code (`BANK_UNAVAILABLE: …`); the code is shown once. */
function errorMessageText(job: Job): string {
  const message = job.lastErrorMessage ?? ''
  const prefix = `${job.lastErrorCode ?? ''}: `
  return message.startsWith(prefix) ? message.slice(prefix.length) : message
}

function CountTiles({ counts }: { counts: JobCounts }): ReactNode {
  const { t } = useI18n()
  return (
    <ul className="lq-overview-tiles" data-testid="admin-jobs-counts">
      {(Object.keys(COUNT_KEY) as (keyof JobCounts)[]).map((name) => {
        // A due backlog or a failure needs someone; pending and running are the queue at work.
        const alarming = (name === 'failed' || name === 'due') && counts[name] > 0
        return (
          <li
            key={name}
            className={`lq-card lq-overview-tile lq-overview-tile--${alarming ? 'attention' : 'clear'}`}
            data-testid={`admin-jobs-count-${name}`}
          >
            <span className="lq-muted">{t(COUNT_KEY[name])}</span>
            <span
              className="lq-overview-tile__value"
              data-testid={`admin-jobs-count-${name}-value`}
            >
              {counts[name]}
            </span>
          </li>
        )
      })}
    </ul>
  )
}

/** What the last retry came to: shown above the list, which is loaded again either way. */
type RetryOutcome = { retried: Job } | { error: unknown }
type OnRetry = (outcome: RetryOutcome) => void

function RetryButton({ job, onRetry }: { job: Job; onRetry: OnRetry }): ReactNode {
  const { t } = useI18n()
  const [busy, setBusy] = useState(false)

  async function retry(): Promise<void> {
    setBusy(true)
    try {
      onRetry({ retried: await adminApi.retryJob(job.id) })
    } catch (caught) {
      // JOB_NOT_FAILED: someone else retried it first; the reloaded list shows it pending.
      onRetry({ error: caught })
    } finally {
      setBusy(false)
    }
  }

  return (
    <SubmitButton
      type="button"
      busy={busy}
      variant="secondary"
      testId="admin-job-retry"
      onClick={() => void retry()}
    >
      {t('admin.jobs.retry')}
    </SubmitButton>
  )
}

function JobRow({ job, onRetry }: { job: Job; onRetry: OnRetry }): ReactNode {
  const { t, lang } = useI18n()
  const canRetry = mayRetryJobs(useOperator().role) && job.status === 'failed'
  const scheduled = job.status === 'pending' || job.status === 'running'
  return (
    <tr data-testid="admin-job-row" data-kind={job.kind} data-status={job.status}>
      <td className="lq-nowrap" data-testid="admin-job-kind">
        {labelOf(JOB_KIND_LABELS, job.kind, lang)}
      </td>
      <td className="lq-nowrap" data-testid="admin-job-key">
        {job.everyMs === null ? (
          <code>{job.key}</code>
        ) : (
          `${t('admin.jobs.recurring')} · ${everyText(job.everyMs, t)}`
        )}
      </td>
      <td>
        <span className={`lq-pill lq-pill--job-${job.status}`} data-testid="admin-job-status">
          {t(STATUS_KEY[job.status])}
        </span>
      </td>
      <td className="lq-nowrap" data-testid="admin-job-attempts">
        {job.attempts} / {job.maxAttempts}
      </td>
      <td className="lq-nowrap" data-testid="admin-job-next-run">
        {scheduled ? formatShanghaiDateTime(job.runAtMs, lang) : '—'}
      </td>
      <td className="lq-table__detail" data-testid="admin-job-error">
        {job.lastErrorCode === null ? (
          '—'
        ) : (
          <>
            <code>{job.lastErrorCode}</code> {errorMessageText(job)}
          </>
        )}
      </td>
      <td className="lq-nowrap">{canRetry && <RetryButton job={job} onRetry={onRetry} />}</td>
    </tr>
  )
}

function JobTable({ jobs, onRetry }: { jobs: Job[]; onRetry: OnRetry }): ReactNode {
  const { t } = useI18n()
  if (jobs.length === 0) {
    return (
      <p className="lq-card lq-muted" data-testid="admin-jobs-empty">
        {t('admin.jobs.empty')}
      </p>
    )
  }
  return (
    <table className="lq-table" data-testid="admin-jobs">
      <thead>
        <tr>
          <th>{t('admin.jobs.col.kind')}</th>
          <th>{t('admin.jobs.col.key')}</th>
          <th>{t('admin.jobs.col.status')}</th>
          <th>{t('admin.jobs.col.attempts')}</th>
          <th>{t('admin.jobs.col.nextRun')}</th>
          <th>{t('admin.jobs.col.error')}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {jobs.map((job) => (
          <JobRow key={job.id} job={job} onRetry={onRetry} />
        ))}
      </tbody>
    </table>
  )
}

/** 任务: the job queue's counts and its jobs by status; an admin retries a failed one. */
export function JobsPage(): ReactNode {
  const { t } = useI18n()
  const { search } = useLocation()
  const requested = search.get('status')
  const tab: JobTab = isJobTab(requested) ? requested : 'open'
  const list = useApiData(() => adminApi.jobs(tab === 'open' ? undefined : tab), tab)
  const [outcome, setOutcome] = useState<RetryOutcome | null>(null)

  return (
    <section className="lq-admin-page" data-testid="admin-jobs-page">
      <h1>{t('admin.jobs.title')}</h1>
      <p className="lq-muted">{t('admin.jobs.intro')}</p>
      <nav className="lq-tabs" aria-label={t('admin.jobs.filter')}>
        {TABS.map((item) => (
          <Link
            key={item.tab}
            to={item.tab === 'open' ? '/admin/jobs' : `/admin/jobs?status=${item.tab}`}
            ariaCurrent={item.tab === tab}
            testId={`admin-jobs-tab-${item.tab}`}
          >
            {t(item.key)}
          </Link>
        ))}
      </nav>
      <button type="button" className="lq-link-button lq-jobs-refresh" onClick={list.reload}>
        {t('admin.jobs.refresh')}
      </button>
      {outcome !== null && 'retried' in outcome && (
        <SuccessNote testId="admin-job-retried">
          {t('admin.jobs.retried', { id: outcome.retried.id })}
        </SuccessNote>
      )}
      {outcome !== null && 'error' in outcome && (
        <ErrorAlert error={outcome.error} testId="admin-job-retry-error" />
      )}
      {list.state.kind === 'loading' && <p className="lq-muted">{t('common.loading')}</p>}
      {list.state.kind === 'error' && <ErrorAlert error={list.state.error} />}
      {list.state.kind === 'ready' && (
        <>
          <CountTiles counts={list.state.data.counts} />
          <JobTable
            jobs={list.state.data.jobs}
            onRetry={(next) => {
              setOutcome(next)
              list.reload()
            }}
          />
        </>
      )}
    </section>
  )
}
