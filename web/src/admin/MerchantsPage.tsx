import { useState } from 'react'
import type { FormEvent, ReactNode } from 'react'
import { ErrorAlert } from '../shared/ErrorAlert'
import { useI18n } from '../shared/i18n'
import type { MessageKey } from '../shared/i18n'
import { navigate, useLocation } from '../shared/router'
import { useApiData } from '../shared/useApiData'
import { MerchantCreateForm } from './MerchantCreateForm'
import { formatFeeRate, mayManageMerchants, merchantsAdminApi } from './merchants-api'
import type { Merchant, MerchantStatus } from './merchants-api'
import { useOperator } from './session'

export const MERCHANT_STATUS_KEY: Record<MerchantStatus, MessageKey> = {
  active: 'admin.merchants.status.active',
  suspended: 'admin.merchants.status.suspended',
}

function StatusButton({ merchant, onChanged }: { merchant: Merchant; onChanged: () => void }) {
  const { t } = useI18n()
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const next: MerchantStatus = merchant.status === 'active' ? 'suspended' : 'active'

  async function change(): Promise<void> {
    const reason = window.prompt(t('admin.merchants.reasonPrompt'))?.trim()
    if (!reason) return
    setBusy(true)
    setError(null)
    try {
      await merchantsAdminApi.setStatus(merchant.id, next, reason)
      onChanged()
    } catch (caught) {
      setError(caught)
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      <button
        type="button"
        className="lq-small-button"
        disabled={busy}
        onClick={() => void change()}
        data-testid={next === 'suspended' ? 'admin-merchant-suspend' : 'admin-merchant-activate'}
      >
        {t(next === 'suspended' ? 'admin.merchants.suspend' : 'admin.merchants.activate')}
      </button>
      {error !== null && <ErrorAlert error={error} testId="admin-merchant-status-error" />}
    </>
  )
}

function MerchantRow(props: { merchant: Merchant; manage: boolean; onChanged: () => void }) {
  const { merchant, manage, onChanged } = props
  const { t, lang } = useI18n()
  const card = merchant.settlementCard
  return (
    <tr data-testid="admin-merchant-row" data-merchant-id={merchant.id}>
      <td>{merchant.id}</td>
      <td data-testid="admin-merchant-store">{merchant.storeName}</td>
      <td>{merchant.legalName}</td>
      <td>{merchant.categoryName[lang]}</td>
      <td>{`${card.bankName[lang]} ${card.masked}`}</td>
      <td>{formatFeeRate(merchant.feeRateBp)}</td>
      <td>
        <span
          className={`lq-pill lq-pill--${merchant.status === 'active' ? 'normal' : 'frozen'}`}
          data-testid="admin-merchant-status"
          data-status={merchant.status}
        >
          {t(MERCHANT_STATUS_KEY[merchant.status])}
        </span>
      </td>
      {manage && (
        <td>
          <StatusButton merchant={merchant} onChanged={onChanged} />
        </td>
      )}
    </tr>
  )
}

function MerchantTable(props: { merchants: Merchant[]; manage: boolean; onChanged: () => void }) {
  const { t } = useI18n()
  if (props.merchants.length === 0) {
    return (
      <p className="lq-muted" data-testid="admin-merchants-empty">
        {t('admin.merchants.empty')}
      </p>
    )
  }
  const columns: MessageKey[] = [
    'admin.merchants.col.id',
    'admin.merchants.col.store',
    'admin.merchants.col.legal',
    'admin.merchants.col.category',
    'admin.merchants.col.card',
    'admin.merchants.col.fee',
    'admin.merchants.col.status',
    ...(props.manage ? (['admin.merchants.col.actions'] as const) : []),
  ]
  return (
    <table className="lq-table" data-testid="admin-merchants">
      <thead>
        <tr>
          {columns.map((key) => (
            <th key={key}>{t(key)}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.merchants.map((merchant) => (
          <MerchantRow key={merchant.id} {...props} merchant={merchant} />
        ))}
      </tbody>
    </table>
  )
}

/** 商户: search (mchid or name; the query lives in the URL), onboard, suspend and activate. */
export function MerchantsPage(): ReactNode {
  const { t } = useI18n()
  const operator = useOperator()
  const manage = mayManageMerchants(operator.role)
  const { search } = useLocation()
  const query = search.get('query') ?? ''
  const [draft, setDraft] = useState(query)
  const results = useApiData(() => merchantsAdminApi.search(query), query)

  function submit(event: FormEvent): void {
    event.preventDefault()
    const next = draft.trim()
    navigate(
      next === '' ? '/admin/merchants' : `/admin/merchants?query=${encodeURIComponent(next)}`,
    )
  }

  return (
    <section className="lq-admin-page" data-testid="admin-merchants-page">
      <h1>{t('admin.merchants.title')}</h1>
      <form className="lq-search" role="search" onSubmit={submit}>
        <label className="lq-visually-hidden" htmlFor="lq-merchant-search">
          {t('admin.merchants.searchLabel')}
        </label>
        <input
          id="lq-merchant-search"
          className="lq-input"
          type="search"
          placeholder={t('admin.merchants.searchPlaceholder')}
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          data-testid="admin-merchant-search"
        />
        <button type="submit" className="lq-button lq-button--primary">
          {t('admin.merchants.search')}
        </button>
      </form>
      <div className="lq-card">
        {results.state.kind === 'loading' && <p className="lq-muted">{t('common.loading')}</p>}
        {results.state.kind === 'error' && <ErrorAlert error={results.state.error} />}
        {results.state.kind === 'ready' && (
          <MerchantTable
            merchants={results.state.data.merchants}
            manage={manage}
            onChanged={results.reload}
          />
        )}
      </div>
      {manage ? (
        <MerchantCreateForm onCreated={results.reload} />
      ) : (
        <p className="lq-muted" data-testid="admin-merchants-read-only">
          {t('admin.merchants.readOnly')}
        </p>
      )}
    </section>
  )
}
