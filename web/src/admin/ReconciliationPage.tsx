import { useState } from 'react'
import type { FormEvent, ReactNode } from 'react'
import { ApiError } from '../shared/api'
import { ErrorAlert } from '../shared/ErrorAlert'
import { SuccessNote } from '../shared/forms'
import { shanghaiDate } from '../shared/format'
import { useI18n } from '../shared/i18n'
import type { MessageKey } from '../shared/i18n'
import { Link, navigate, useLocation } from '../shared/router'
import { useApiData } from '../shared/useApiData'
import { adminApi } from './api'
import type { MatchedMovement, Mismatch, ReconciliationReport } from './api'
import { MISMATCH_PROBLEM_LABELS } from './labels'
import { formatFenGrouped } from './money-format'

const PATH = '/admin/reconciliation'

function isDate(value: string | null): value is string {
  return value !== null && /^\d{4}-\d{2}-\d{2}$/.test(value)
}

function isFutureDateError(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'RECONCILIATION_DATE_IN_FUTURE'
}

function Amount({ fen }: { fen: number | null }): ReactNode {
  const { t } = useI18n()
  if (fen === null) return <span className="lq-muted">{t('admin.recon.absent')}</span>
  return <span data-fen={fen}>{formatFenGrouped(fen)}</span>
}

function MismatchRow({ mismatch }: { mismatch: Mismatch }): ReactNode {
  const { lang } = useI18n()
  return (
    <tr data-testid="recon-row" data-problem={mismatch.problem}>
      <td>{MISMATCH_PROBLEM_LABELS[mismatch.problem][lang]}</td>
      <td>
        <code data-testid="recon-request-id">{mismatch.requestId}</code>
      </td>
      <td className="lq-nowrap lq-table__money">
        <Amount fen={mismatch.walletAmountFen} />
      </td>
      <td className="lq-nowrap lq-table__money">
        <Amount fen={mismatch.bankAmountFen} />
      </td>
    </tr>
  )
}

function Totals({ report }: { report: ReconciliationReport }): ReactNode {
  const { t } = useI18n()
  const totals: [MessageKey, number, string][] = [
    ['admin.recon.walletTotal', report.totals.walletFen, 'recon-wallet-total'],
    ['admin.recon.bankTotal', report.totals.bankFen, 'recon-bank-total'],
    ['admin.recon.matchedTotal', report.totals.matchedFen, 'recon-matched-total'],
  ]
  return (
    <dl className="lq-card lq-facts lq-recon__facts" data-testid="recon-totals">
      {totals.map(([key, fen, testId]) => (
        <div key={key}>
          <dt>{t(key)}</dt>
          <dd className="lq-recon__total" data-testid={testId}>
            <Amount fen={fen} />
          </dd>
        </div>
      ))}
    </dl>
  )
}

function MatchedTable({ rows }: { rows: readonly MatchedMovement[] }): ReactNode {
  const { t } = useI18n()
  return (
    <section className="lq-card" aria-labelledby="lq-recon-matched">
      <h2 className="lq-card__title" id="lq-recon-matched">
        {t('admin.recon.matchedRows')}
      </h2>
      {rows.length === 0 ? (
        <p className="lq-muted">{t('common.none')}</p>
      ) : (
        <table className="lq-table" data-testid="recon-matched-rows">
          <thead>
            <tr>
              <th>{t('admin.recon.col.status')}</th>
              <th>{t('admin.recon.col.requestId')}</th>
              <th>{t('admin.recon.col.wallet')}</th>
              <th>{t('admin.recon.col.bank')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.requestId} data-testid="recon-matched-row">
                <td>{t('admin.recon.result.matched')}</td>
                <td>
                  <code>{row.requestId}</code>
                </td>
                <td className="lq-nowrap lq-table__money">
                  <Amount fen={row.amountFen} />
                </td>
                <td className="lq-nowrap lq-table__money">
                  <Amount fen={row.amountFen} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

function Report({ report }: { report: ReconciliationReport }): ReactNode {
  const { t } = useI18n()
  const count = report.mismatches.length
  const facts: [MessageKey, number, string][] = [
    ['admin.recon.walletMovements', report.walletMovements, 'recon-wallet-movements'],
    ['admin.recon.bankMovements', report.bankMovements, 'recon-bank-movements'],
    ['admin.recon.matched', report.matched, 'recon-matched'],
    ['admin.recon.mismatches', count, 'recon-mismatch-count'],
  ]
  return (
    <>
      <dl className="lq-card lq-facts lq-recon__facts" data-testid="recon-summary">
        {facts.map(([key, value, testId]) => (
          <div key={key}>
            <dt>{t(key)}</dt>
            <dd data-testid={testId}>{value}</dd>
          </div>
        ))}
      </dl>
      <section className="lq-card lq-recon__result" data-testid="recon-result" data-count={count}>
        <h2
          className={`lq-recon__count lq-recon__count--${count === 0 ? 'clean' : 'dirty'}`}
          data-testid="recon-count"
        >
          {t('admin.recon.count', { count })}
        </h2>
        {count === 0 ? (
          <SuccessNote testId="recon-clean">{t('admin.recon.clean')}</SuccessNote>
        ) : (
          <>
            <p className="lq-alert lq-alert--warning">{t('admin.recon.dirty')}</p>
            <table className="lq-table" data-testid="recon-mismatches">
              <thead>
                <tr>
                  <th>{t('admin.recon.col.problem')}</th>
                  <th>{t('admin.recon.col.requestId')}</th>
                  <th>{t('admin.recon.col.wallet')}</th>
                  <th>{t('admin.recon.col.bank')}</th>
                </tr>
              </thead>
              <tbody>
                {report.mismatches.map((mismatch) => (
                  <MismatchRow
                    key={`${mismatch.requestId}:${mismatch.problem}`}
                    mismatch={mismatch}
                  />
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>
      <Totals report={report} />
      <MatchedTable rows={report.matchedMovements} />
    </>
  )
}

/** 对账: one Shanghai day of bank movements against the banks' statements; the date is in the URL. */
export function ReconciliationPage(): ReactNode {
  const { t } = useI18n()
  const { search } = useLocation()
  const today = shanghaiDate(Date.now())
  const requested = search.get('date')
  const date = isDate(requested) ? requested : today
  const [draft, setDraft] = useState(date)
  const report = useApiData(() => adminApi.reconciliation(date), date)

  function submit(event: FormEvent): void {
    event.preventDefault()
    if (isDate(draft)) navigate(`${PATH}?date=${draft}`)
  }

  return (
    <section className="lq-admin-page" data-testid="admin-reconciliation-page" data-date={date}>
      <h1>{t('admin.recon.title')}</h1>
      <p className="lq-muted">{t('admin.recon.intro')}</p>
      <form className="lq-search lq-recon__date" onSubmit={submit}>
        <label className="lq-field__label" htmlFor="lq-recon-date">
          {t('admin.recon.date')}
        </label>
        <input
          id="lq-recon-date"
          className="lq-input"
          type="date"
          max={today}
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          data-testid="recon-date"
        />
        <button type="submit" className="lq-button lq-button--primary" data-testid="recon-show">
          {t('admin.recon.show')}
        </button>
        {date !== today && (
          <Link to={PATH} testId="recon-today">
            {t('admin.recon.today')}
          </Link>
        )}
      </form>
      {report.state.kind === 'loading' && <p className="lq-muted">{t('common.loading')}</p>}
      {report.state.kind === 'error' && (
        <div className="lq-card">
          <ErrorAlert error={report.state.error} testId="recon-error" />
          {/* Retrying a day that has not begun would only be refused again. */}
          {!isFutureDateError(report.state.error) && (
            <button type="button" className="lq-link-button" onClick={report.reload}>
              {t('common.retry')}
            </button>
          )}
        </div>
      )}
      {report.state.kind === 'ready' && <Report report={report.state.data} />}
    </section>
  )
}
