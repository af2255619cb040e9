import { useCallback, useEffect, useState } from 'react'
import type { ReactNode } from 'react'
import type { RefundList, RefundRequestList } from '@contract/refunds'
import { api } from '../shared/api'
import { ErrorAlert } from '../shared/ErrorAlert'
import { useI18n } from '../shared/i18n'
import type { MessageKey } from '../shared/i18n'
import { formatFen } from '../shared/money'

/** The platform's refund queue: escalated requests to decide, stuck card refunds to retry/close. */
export function RefundQueuePage(): ReactNode {
  const { t } = useI18n()
  const [requests, setRequests] = useState<RefundRequestList['requests']>([])
  const [stuck, setStuck] = useState<RefundList['refunds'] | null>(null)
  const [error, setError] = useState<unknown>(null)
  const reload = useCallback(async () => {
    try {
      setRequests((await api.get<RefundRequestList>('/api/v1/admin/refund-requests')).requests)
      // Support may not see stuck refunds (FORBIDDEN): the section stays hidden.
      setStuck(
        (await api.get<RefundList>('/api/v1/admin/refunds/stuck').catch(() => null))?.refunds ??
          null,
      )
    } catch (caught) {
      setError(caught)
    }
  }, [])
  useEffect(() => {
    void reload()
  }, [reload])
  async function act(path: string, body: Record<string, unknown>): Promise<void> {
    const reason = window.prompt(t('refunds.admin.reasonPrompt'))
    if (!reason) return
    try {
      await api.post(path, { ...body, reason })
      await reload()
    } catch (caught) {
      setError(caught)
    }
  }
  return (
    <section className="lq-admin-page" data-testid="admin-refunds">
      <h1>{t('refunds.admin.queue')}</h1>
      {error !== null && <ErrorAlert error={error} testId="admin-refunds-error" />}
      {requests.length === 0 && <p>{t('refunds.requests.empty')}</p>}
      {requests.map((request) => (
        <p key={request.id} className="lq-card" data-testid="admin-refund-request">
          {request.paymentId} · {formatFen(request.amountFen)} · {request.reason}{' '}
          {(['approve', 'reject'] as const).map((decision) => (
            <button
              key={decision}
              type="button"
              className="lq-small-button"
              onClick={() =>
                void act(`/api/v1/admin/refund-requests/${request.id}/decision`, { decision })
              }
            >
              {t(decision === 'approve' ? 'refunds.approve' : 'refunds.reject')}
            </button>
          ))}
        </p>
      ))}
      {stuck !== null && <StuckRefunds stuck={stuck} act={act} />}
    </section>
  )
}

function StuckRefunds(props: {
  stuck: RefundList['refunds']
  act: (path: string, body: Record<string, unknown>) => Promise<void>
}): ReactNode {
  const { t } = useI18n()
  const { stuck, act } = props
  return (
    <>
      <h2>{t('refunds.admin.stuck')}</h2>
      {stuck.length === 0 && (
        <p className="lq-muted" data-testid="admin-stuck-refunds-empty">
          {t('refunds.admin.stuckEmpty')}
        </p>
      )}
      {stuck.map((refund) => (
        <p key={refund.id} className="lq-card" data-testid="admin-stuck-refund">
          {refund.id} · {formatFen(refund.amountFen)} ·{' '}
          {t(`refunds.status.${refund.status}` as MessageKey)}
          {refund.failureCode !== null &&
            ` · ${t('refunds.admin.failure')} ${refund.failureCode}`}{' '}
          {(['retry', 'close'] as const).map((action) => (
            <button
              key={action}
              type="button"
              className="lq-small-button"
              onClick={() => void act(`/api/v1/admin/refunds/${refund.id}/${action}`, {})}
            >
              {t(action === 'retry' ? 'refunds.admin.retry' : 'refunds.admin.close')}
            </button>
          ))}
        </p>
      ))}
    </>
  )
}
