import { useState } from 'react'
import type { ReactNode } from 'react'
import { api } from '../../shared/api'
import { ErrorAlert } from '../../shared/ErrorAlert'
import { formatDateTime } from '../../shared/format'
import { useI18n } from '../../shared/i18n'
import type { MessageKey } from '../../shared/i18n'
import { formatFen } from '../../shared/money'
import { useApiData } from '../../shared/useApiData'
import type { TransferView } from '@contract/transfers'
import { PageShell } from '../components/PageShell'

type Action = 'accept' | 'return' | 'cancel'

const transferApi = {
  get: (id: string) => api.get<TransferView>(`/api/v1/me/transfers/${encodeURIComponent(id)}`),
  act: (id: string, action: Action) =>
    api.post<TransferView>(`/api/v1/me/transfers/${encodeURIComponent(id)}/${action}`),
}

/** The actions this user may take on the transfer as it is now. */
function actionsFor(transfer: TransferView): Action[] {
  if (transfer.role === 'recipient' && transfer.status === 'PENDING') return ['accept', 'return']
  if (transfer.role === 'sender' && transfer.status === 'DELAYED') return ['cancel']
  return []
}

/** 转账详情: the receipt, with 收款 / 退还 for the recipient and 撤回 during a delayed arrival. */
export function TransferPage({ transferId }: { transferId: string }): ReactNode {
  const { t, lang } = useI18n()
  const { state, setData } = useApiData(() => transferApi.get(transferId), transferId)
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  if (state.kind === 'loading')
    return (
      <PageShell titleKey="transfer.title" testId="transfer-page">
        …
      </PageShell>
    )
  if (state.kind === 'error')
    return (
      <PageShell titleKey="transfer.title" testId="transfer-page">
        <ErrorAlert error={state.error} />
      </PageShell>
    )
  const transfer = state.data
  const act = async (action: Action) => {
    setBusy(true)
    setError(null)
    try {
      setData(await transferApi.act(transfer.id, action))
    } catch (caught) {
      setError(caught)
    } finally {
      setBusy(false)
    }
  }
  const statusKey = `transfer.status.${transfer.status}` as MessageKey
  const heading =
    transfer.role === 'sender'
      ? t('transfer.to', { name: transfer.counterpartyName })
      : t('transfer.from', { name: transfer.counterpartyName })
  return (
    <PageShell titleKey="transfer.title" testId="transfer-page">
      <section className="lq-card lq-transfer-receipt">
        <h2 className="lq-card__title">{heading}</h2>
        <p className="lq-transfer-receipt__amount" data-testid="transfer-amount">
          {formatFen(transfer.amountFen)}
        </p>
        {transfer.note !== '' && <p>{transfer.note}</p>}
        <p data-testid="transfer-status">{t(statusKey)}</p>
        {!transfer.realTime && transfer.status === 'DELAYED' && (
          <p className="lq-rp-note" data-testid="transfer-not-real-time">
            {t('transfer.notRealTime', { time: formatDateTime(transfer.availableAtMs, lang) })}
          </p>
        )}
        {transfer.status === 'PENDING' && (
          <p>{t('transfer.expiresAt', { time: formatDateTime(transfer.expiresAtMs, lang) })}</p>
        )}
        {error !== null && <ErrorAlert error={error} />}
        {actionsFor(transfer).map((action) => (
          <button
            key={action}
            type="button"
            className={action === 'accept' ? 'lq-button lq-button--primary' : 'lq-button'}
            data-testid={`transfer-${action}`}
            disabled={busy}
            onClick={() => void act(action)}
          >
            {t(`transfer.${action}`)}
          </button>
        ))}
      </section>
    </PageShell>
  )
}
