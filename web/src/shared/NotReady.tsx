import type { ReactNode } from 'react'
import { ErrorAlert } from './ErrorAlert'
import { useI18n } from './i18n'
import type { ApiData } from './useApiData'

/** The card shown while data loads, or when loading failed (with a retry button). */
export function NotReady({
  state,
  reload,
}: {
  state: Exclude<ApiData<unknown>, { kind: 'ready' }>
  reload: () => void
}): ReactNode {
  const { t } = useI18n()
  if (state.kind === 'loading') return <p className="lq-card lq-muted">{t('common.loading')}</p>
  return (
    <section className="lq-card">
      <ErrorAlert error={state.error} />
      <button type="button" className="lq-link-button" onClick={reload}>
        {t('common.retry')}
      </button>
    </section>
  )
}
