import type { ReactNode } from 'react'
import { ErrorAlert } from '../../shared/ErrorAlert'
import { formatDateTime } from '../../shared/format'
import { useI18n } from '../../shared/i18n'
import { useApiData } from '../../shared/useApiData'
import { walletApi } from '../api'

/** 安全通知: new devices, phone changes, freezes…; titles come from the server in both languages. */
export function NoticesSection(): ReactNode {
  const { t, lang } = useI18n()
  const notices = useApiData(walletApi.notices, 'notices')
  return (
    <section className="lq-card" aria-labelledby="lq-notices" data-testid="notices">
      <h2 className="lq-card__title" id="lq-notices">
        {t('security.notices.title')}
      </h2>
      {notices.state.kind === 'error' && (
        <ErrorAlert error={notices.state.error} testId="notices-error" />
      )}
      {notices.state.kind === 'ready' &&
        (notices.state.data.notices.length === 0 ? (
          <p className="lq-muted" data-testid="notices-none">
            {t('security.notices.none')}
          </p>
        ) : (
          <ul className="lq-list">
            {notices.state.data.notices.map((notice) => (
              <li
                key={notice.id}
                className="lq-list__item"
                data-testid="notice-item"
                data-kind={notice.kind}
              >
                <div>
                  <p className={notice.read ? '' : 'lq-unread'}>{notice.title[lang]}</p>
                  <p className="lq-muted">{formatDateTime(notice.createdAtMs, lang)}</p>
                </div>
              </li>
            ))}
          </ul>
        ))}
    </section>
  )
}
