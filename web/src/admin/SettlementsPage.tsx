import type { ReactNode } from 'react'
import type { SettlementList } from '@contract/merchant-money'
import { api } from '../shared/api'
import { ErrorAlert } from '../shared/ErrorAlert'
import { useI18n } from '../shared/i18n'
import type { MessageKey } from '../shared/i18n'
import { formatFen } from '../shared/money'
import { useApiData } from '../shared/useApiData'

/** 结算: every merchant's recent daily settlements and where each payout stands. */
export function SettlementsPage(): ReactNode {
  const { t } = useI18n()
  const { state } = useApiData(
    () => api.get<SettlementList>('/api/v1/admin/settlements'),
    'admin-settlements',
  )
  return (
    <section className="lq-admin-page" data-testid="admin-settlements-page">
      <h1>{t('merchant.settlements.title')}</h1>
      <p className="lq-muted">{t('merchant.settlements.rule')}</p>
      {state.kind === 'loading' && <p className="lq-muted">{t('common.loading')}</p>}
      {state.kind === 'error' && <ErrorAlert error={state.error} />}
      {state.kind === 'ready' && state.data.settlements.length === 0 && (
        <p className="lq-muted">{t('merchant.settlements.empty')}</p>
      )}
      {state.kind === 'ready' && state.data.settlements.length > 0 && (
        <div className="lq-card">
          <table className="lq-table" data-testid="admin-settlements">
            <thead>
              <tr>
                <th>{t('merchant.settlements.col.day')}</th>
                <th>{t('admin.merchants.col.id')}</th>
                <th>{t('merchant.settlements.col.gross')}</th>
                <th>{t('merchant.settlements.col.refunds')}</th>
                <th>{t('merchant.settlements.col.fees')}</th>
                <th>{t('merchant.settlements.col.net')}</th>
                <th>{t('merchant.settlements.col.payout')}</th>
                <th>{t('merchant.settlements.col.status')}</th>
              </tr>
            </thead>
            <tbody>
              {state.data.settlements.map((one) => (
                <tr key={one.id} data-testid="admin-settlement-row" data-status={one.status}>
                  <td>{one.day}</td>
                  <td>{one.merchantId}</td>
                  <td>{formatFen(one.grossFen)}</td>
                  <td>{formatFen(one.refundsFen)}</td>
                  <td>{formatFen(one.feesFen)}</td>
                  <td>{formatFen(one.netFen)}</td>
                  <td>{formatFen(one.payoutFen)}</td>
                  <td>{t(`merchant.settlements.status.${one.status}` as MessageKey)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
