import type { ReactNode } from 'react'
import { ErrorAlert } from '../../shared/ErrorAlert'
import { useI18n } from '../../shared/i18n'
import { formatFen } from '../../shared/money'
import { Link, useLocation } from '../../shared/router'
import { useApiData } from '../../shared/useApiData'
import { PageShell } from '../components/PageShell'
import { useUser } from '../session'
import type { StatementView } from './api'
import { recordsApi } from './api'
import { isMonth, shanghaiMonthOf, shiftMonth } from './record-filters'
import { SpendingChart } from './SpendingChart'
import './records.css'

function Totals({ statement }: { statement: StatementView }): ReactNode {
  const { t } = useI18n()
  return (
    <section className="lq-card lq-statement-totals">
      <div data-testid="statement-expense">
        <span className="lq-muted">{t('statement.expense')}</span>
        <strong>{formatFen(statement.expenseFen)}</strong>
        <small className="lq-muted">
          {t('statement.count', { count: statement.expenseCount })}
        </small>
      </div>
      <div data-testid="statement-income">
        <span className="lq-muted">{t('statement.income')}</span>
        <strong>{formatFen(statement.incomeFen)}</strong>
        <small className="lq-muted">{t('statement.count', { count: statement.incomeCount })}</small>
      </div>
      <p className="lq-muted lq-statement-totals__own" data-testid="statement-own-money">
        {t('statement.ownMoney', {
          topUp: formatFen(statement.ownMoney.inFen),
          withdraw: formatFen(statement.ownMoney.outFen),
        })}
      </p>
    </section>
  )
}

function TopMerchants({ statement }: { statement: StatementView }): ReactNode {
  const { t } = useI18n()
  if (statement.topMerchants.length === 0) return null
  return (
    <section className="lq-card" aria-labelledby="lq-top-merchants">
      <h2 className="lq-card__title" id="lq-top-merchants">
        {t('statement.topMerchants')}
      </h2>
      <ol className="lq-top-merchants" data-testid="statement-top-merchants">
        {statement.topMerchants.map((merchant) => (
          <li key={merchant.id ?? merchant.name}>
            <span>{merchant.name}</span>
            <span className="lq-muted">{t('statement.count', { count: merchant.count })}</span>
            <strong>{formatFen(merchant.amountFen)}</strong>
          </li>
        ))}
      </ol>
    </section>
  )
}

/** 月账单: a Shanghai month's income and expense, spending by category, top merchants, CSV. */
export function StatementPage(): ReactNode {
  const { t, lang } = useI18n()
  const user = useUser()
  const requested = useLocation().search.get('month') ?? ''
  const month = isMonth(requested) ? requested : shanghaiMonthOf(Date.now())
  const loaded = useApiData(() => recordsApi.statement(month), `${user.id}:${month}`)
  return (
    <PageShell titleKey="statement.title" backTo="/records" testId="statement-page">
      <nav className="lq-card lq-statement-months">
        <Link to={`/records/statement?month=${shiftMonth(month, -1)}`} testId="statement-previous">
          ‹ {t('statement.previous')}
        </Link>
        <strong data-testid="statement-month">{t('statement.month', { month })}</strong>
        <Link to={`/records/statement?month=${shiftMonth(month, 1)}`} testId="statement-next">
          {t('statement.next')} ›
        </Link>
      </nav>
      {loaded.state.kind === 'loading' && <p className="lq-muted">{t('common.loading')}</p>}
      {loaded.state.kind === 'error' && <ErrorAlert error={loaded.state.error} />}
      {loaded.state.kind === 'ready' && (
        <>
          <Totals statement={loaded.state.data} />
          <section className="lq-card" aria-labelledby="lq-statement-categories">
            <h2 className="lq-card__title" id="lq-statement-categories">
              {t('statement.categories')}
            </h2>
            <SpendingChart
              categories={loaded.state.data.categories}
              expenseFen={loaded.state.data.expenseFen}
            />
          </section>
          <TopMerchants statement={loaded.state.data} />
        </>
      )}
      <section className="lq-card lq-rows">
        <Link to={`/records?month=${month}`} className="lq-row" testId="statement-records">
          <span>{t('statement.records')}</span>
        </Link>
        <a
          href={recordsApi.csvUrl(month, lang)}
          download={`lingqian-records-${month}.csv`}
          className="lq-row"
          data-testid="statement-csv"
        >
          <span>{t('statement.csv')}</span>
        </a>
      </section>
    </PageShell>
  )
}
