import type { ReactNode } from 'react'
import type { NotificationEventView, NotificationList } from '@contract/merchant-notifications'
import { api } from '../shared/api'
import { ErrorAlert } from '../shared/ErrorAlert'
import { useI18n } from '../shared/i18n'
import type { MessageKey } from '../shared/i18n'
import { useApiData } from '../shared/useApiData'

const notificationsApi = {
  list: () => api.get<NotificationList>('/api/v1/merchant/notifications'),
  resend: (id: string) =>
    api.post<null>(`/api/v1/merchant/notifications/${encodeURIComponent(id)}/resend`),
}

/** One event with each delivery attempt: status, latency, the endpoint's answer. */
function EventRow({ event, onResend }: { event: NotificationEventView; onResend: () => void }) {
  const { t } = useI18n()
  return (
    <li data-testid="notify-event" data-event-id={event.id}>
      <strong>{event.eventType}</strong> · {t(`notify.status.${event.status}` as MessageKey)} ·{' '}
      {t('notify.col.attempts')} {event.attempts} · {event.notifyUrl}{' '}
      <button type="button" data-testid="notify-resend" onClick={onResend}>
        {t('notify.resend')}
      </button>
      <ol>
        {event.deliveries.map((attempt) => (
          <li key={attempt.attempt} data-testid="notify-attempt">
            {new Date(attempt.startedAtMs).toLocaleString()} ·{' '}
            {attempt.httpStatus ?? t('notify.noAnswer')} · {t('notify.latency')} {attempt.latencyMs}{' '}
            ms · {attempt.outcome}
            {attempt.error ? ` · ${attempt.error}` : ''}
            {attempt.responseExcerpt ? (
              <code>
                {' '}
                {t('notify.response')}: {attempt.responseExcerpt}
              </code>
            ) : null}
          </li>
        ))}
      </ol>
    </li>
  )
}

/** 回调通知: the v3 notifications sent to this merchant, newest first (owner only). */
export function NotificationsPage(): ReactNode {
  const { t } = useI18n()
  const { state, reload } = useApiData(() => notificationsApi.list(), 'notifications')
  return (
    <section className="lq-admin-page" data-testid="merchant-notifications">
      <h1>{t('notify.title')}</h1>
      {state.kind === 'error' ? <ErrorAlert error={state.error} /> : null}
      {state.kind === 'ready' && state.data.events.length === 0 ? <p>{t('notify.empty')}</p> : null}
      {state.kind === 'ready' ? (
        <ul>
          {state.data.events.map((event) => (
            <EventRow
              key={event.id}
              event={event}
              onResend={() => void notificationsApi.resend(event.id).then(reload)}
            />
          ))}
        </ul>
      ) : null}
    </section>
  )
}
