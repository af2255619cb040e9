import type { ReactNode } from 'react'
import { localeOf, useI18n } from './i18n'
import type { I18n, MessageKey } from './i18n'
import { useReadiness } from './readiness'
import type { Readiness, ReadinessFailure } from './readiness'

const DATABASE_LABEL: Readonly<Record<string, MessageKey>> = {
  pglite: 'status.db.pglite',
  postgres: 'status.db.postgres',
  postgresql: 'status.db.postgres',
}

const HEADLINE_KEY: Record<Readiness['kind'], MessageKey> = {
  loading: 'status.loading',
  ready: 'status.ready',
  'not-ready': 'status.notReady',
  error: 'status.error',
}

function databaseLabel(t: I18n['t'], database: string | null): string {
  if (database === null) return t('status.unknown')
  const key = DATABASE_LABEL[database]
  // An unknown kind is still worth showing verbatim.
  return key === undefined ? database : t(key)
}

function failureText(t: I18n['t'], reason: ReadinessFailure): string {
  switch (reason.code) {
    case 'network':
      return t('status.reason.network', { detail: reason.detail })
    case 'timeout':
      return t('status.reason.timeout', { seconds: Math.round(reason.timeoutMs / 1000) })
    case 'bad-response':
      return t('status.reason.badResponse', { code: reason.httpStatus })
  }
}

function Details({ readiness }: { readiness: Readiness }): ReactNode {
  const { t } = useI18n()
  if (readiness.kind === 'loading') return null
  if (readiness.kind === 'error') {
    return (
      <p className="lq-status__error" role="alert" data-testid="status-error">
        {failureText(t, readiness.reason)}
      </p>
    )
  }
  return (
    <dl className="lq-status__fields">
      <div>
        <dt>{t('status.field.status')}</dt>
        <dd data-testid="status-value" data-value={readiness.status ?? ''}>
          {t('status.rawStatus', {
            status: readiness.status ?? t('status.unknown'),
            code: readiness.httpStatus,
          })}
        </dd>
      </div>
      <div>
        <dt>{t('status.field.database')}</dt>
        <dd data-testid="status-database" data-value={readiness.database ?? ''}>
          {databaseLabel(t, readiness.database)}
        </dd>
      </div>
      <div>
        <dt>{t('status.field.migrations')}</dt>
        <dd data-testid="status-migrations">{readiness.migrations ?? t('status.unknown')}</dd>
      </div>
    </dl>
  )
}

/** Live `GET /readyz` result; `data-state` mirrors `Readiness.kind` for browser tests. */
export function StatusCard({ className = '' }: { className?: string }): ReactNode {
  const { lang, t } = useI18n()
  const { readiness, refreshing, refresh } = useReadiness()
  const checkedAt =
    readiness.kind === 'loading'
      ? null
      : new Date(readiness.checkedAtMs).toLocaleTimeString(localeOf(lang))

  return (
    <section
      className={`lq-card lq-status lq-status--${readiness.kind} ${className}`}
      aria-live="polite"
      aria-busy={refreshing}
      data-testid="status-card"
      data-state={readiness.kind}
    >
      <header className="lq-status__header">
        <h2 className="lq-card__title">{t('status.title')}</h2>
        <button
          type="button"
          className="lq-status__refresh"
          onClick={refresh}
          disabled={refreshing}
          data-testid="status-refresh"
        >
          {t('status.refresh')}
        </button>
      </header>
      <p className="lq-status__headline" data-testid="status-headline">
        <span className="lq-status__dot" aria-hidden="true" />
        {t(HEADLINE_KEY[readiness.kind])}
      </p>
      <Details readiness={readiness} />
      {checkedAt !== null && (
        <p className="lq-status__checked">{t('status.checkedAt', { time: checkedAt })}</p>
      )}
    </section>
  )
}
