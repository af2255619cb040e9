import { useState } from 'react'
import type { ReactNode } from 'react'
import { ErrorAlert } from '../shared/ErrorAlert'
import { useI18n } from '../shared/i18n'
import type { MessageKey } from '../shared/i18n'
import { formatFen } from '../shared/money'
import { useApiData } from '../shared/useApiData'
import { merchantMoneyApi } from './money-api'
import type { SettlementView } from './money-api'

const statusKey = (status: SettlementView['status']) =>
  `merchant.settlements.status.${status}` as MessageKey

/** One day's report: every line of the sum, and where the money went. */
function SettlementReport({ settlement }: { settlement: SettlementView }): ReactNode {
  const { t } = useI18n()
  const { payout } = settlement
  const lines: [MessageKey, string, string][] = [
    ['merchant.settlements.col.gross', formatFen(settlement.grossFen), 'gross'],
    ['merchant.settlements.col.refunds', `− ${formatFen(settlement.refundsFen)}`, 'refunds'],
    ['merchant.settlements.col.fees', `− ${formatFen(settlement.feesFen)}`, 'fees'],
    ['merchant.settlements.col.net', formatFen(settlement.netFen), 'net'],
    ['merchant.settlements.carriedIn', formatFen(settlement.carriedInFen), 'carried-in'],
    [
      'merchant.settlements.discounts',
      `− ${formatFen(settlement.discountsRepaidFen)}`,
      'discounts',
    ],
    [
      'merchant.settlements.refundsDeducted',
      `− ${formatFen(settlement.refundsDeductedFen)}`,
      'refunds-deducted',
    ],
    ['merchant.settlements.col.payout', formatFen(settlement.payoutFen), 'payout'],
    ['merchant.settlements.carriedOut', formatFen(settlement.carriedOutFen), 'carried-out'],
    ['merchant.settlements.col.status', t(statusKey(settlement.status)), 'status'],
  ]
  if (payout.last4 !== null) {
    lines.push([
      'merchant.settlements.card',
      `${payout.bankCode ?? ''} **** ${payout.last4}`,
      'card',
    ])
  }
  if (payout.bankRef !== null)
    lines.push(['merchant.settlements.bankRef', payout.bankRef, 'bank-ref'])
  if (payout.failureCode !== null) {
    lines.push(['merchant.settlements.failure', payout.failureCode, 'failure'])
  }
  return (
    <div className="lq-card" data-testid="settlement-report" data-day={settlement.day}>
      <h2 className="lq-card__title">
        {t('merchant.settlements.report', { day: settlement.day })}
      </h2>
      <dl className="lq-facts">
        {lines.map(([key, value, testId]) => (
          <div key={key}>
            <dt>{t(key)}</dt>
            <dd data-testid={`settlement-report-${testId}`}>{value}</dd>
          </div>
        ))}
      </dl>
    </div>
  )
}

function SettlementTable({
  settlements,
  onOpen,
}: {
  settlements: readonly SettlementView[]
  onOpen: (settlement: SettlementView) => void
}): ReactNode {
  const { t } = useI18n()
  const columns: MessageKey[] = [
    'merchant.settlements.col.day',
    'merchant.settlements.col.payments',
    'merchant.settlements.col.gross',
    'merchant.settlements.col.refunds',
    'merchant.settlements.col.fees',
    'merchant.settlements.col.net',
    'merchant.settlements.col.payout',
    'merchant.settlements.col.status',
  ]
  return (
    <table className="lq-table" data-testid="settlement-table">
      <thead>
        <tr>
          {columns.map((key) => (
            <th key={key}>{t(key)}</th>
          ))}
          <th />
        </tr>
      </thead>
      <tbody>
        {settlements.map((one) => (
          <tr key={one.id} data-testid="settlement-row" data-day={one.day}>
            <td>{one.day}</td>
            <td>{one.payments}</td>
            <td>{formatFen(one.grossFen)}</td>
            <td>{formatFen(one.refundsFen)}</td>
            <td>{formatFen(one.feesFen)}</td>
            <td data-testid="settlement-net">{formatFen(one.netFen)}</td>
            <td data-testid="settlement-payout">{formatFen(one.payoutFen)}</td>
            <td data-testid="settlement-status" data-status={one.status}>
              {t(statusKey(one.status))}
            </td>
            <td>
              <button
                type="button"
                className="lq-small-button"
                onClick={() => onOpen(one)}
                data-testid="settlement-open"
              >
                {t('merchant.settlements.detail')}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** 结算: the daily settlements, each day's report, CSV export. */
export function SettlementsPage(): ReactNode {
  const { t } = useI18n()
  const { state } = useApiData(() => merchantMoneyApi.settlements(), 'settlements')
  const [open, setOpen] = useState<SettlementView | null>(null)
  return (
    <section className="lq-admin-page" data-testid="merchant-settlements">
      <h1>{t('merchant.settlements.title')}</h1>
      <p className="lq-muted">{t('merchant.settlements.rule')}</p>
      <p>
        <a
          className="lq-button lq-button--secondary"
          href={merchantMoneyApi.settlementsCsvUrl}
          download
          data-testid="settlement-csv"
        >
          {t('merchant.settlements.csv')}
        </a>
      </p>
      {state.kind === 'loading' && <p className="lq-muted">{t('common.loading')}</p>}
      {state.kind === 'error' && <ErrorAlert error={state.error} />}
      {state.kind === 'ready' && state.data.settlements.length === 0 && (
        <p className="lq-muted" data-testid="settlement-empty">
          {t('merchant.settlements.empty')}
        </p>
      )}
      {state.kind === 'ready' && state.data.settlements.length > 0 && (
        <div className="lq-card">
          <SettlementTable settlements={state.data.settlements} onOpen={setOpen} />
        </div>
      )}
      {open !== null && <SettlementReport settlement={open} />}
    </section>
  )
}
