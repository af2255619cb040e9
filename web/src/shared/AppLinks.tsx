import type { ReactNode } from 'react'
import { APPS, OPENAPI_PATH } from './apps'
import type { AppId } from './apps'
import { useI18n } from './i18n'

/** Links to the API description and to the two apps other than `current`. */
export function AppLinks({
  current,
  className = '',
}: {
  current: AppId
  className?: string
}): ReactNode {
  const { t } = useI18n()
  return (
    <nav className={`lq-card lq-links ${className}`} aria-labelledby="lq-links-title">
      <h2 className="lq-card__title" id="lq-links-title">
        {t('links.title')}
      </h2>
      <ul>
        <li>
          <a href={OPENAPI_PATH} data-testid="link-openapi">
            {t('links.openapi')}
            <code>{OPENAPI_PATH}</code>
          </a>
        </li>
        {APPS.filter((app) => app.id !== current).map((app) => (
          <li key={app.id}>
            <a href={app.path} data-testid={`link-${app.id}`}>
              {t(app.labelKey)}
              <code>{app.path}</code>
            </a>
          </li>
        ))}
      </ul>
    </nav>
  )
}
