import type { ReactNode } from 'react'
import { AppLinks } from './AppLinks'
import type { AppId } from './apps'
import { useDocumentTitle, useI18n } from './i18n'
import type { MessageKey } from './i18n'
import { LanguageSwitch } from './LanguageSwitch'
import { StatusCard } from './StatusCard'
import './base.css'
import './console.css'

export interface ConsoleLayoutProps {
  app: Exclude<AppId, 'wallet'>
  documentTitleKey: MessageKey
  roleKey: MessageKey
  introKey: MessageKey
  /** Sections still being built; listed so the sidebar shows where the console is going. */
  upcomingNavKeys: readonly MessageKey[]
}

/** Desktop layout shared by the merchant and admin consoles: sidebar, top bar, content. */
export function ConsoleLayout(props: ConsoleLayoutProps): ReactNode {
  const { t } = useI18n()
  useDocumentTitle(props.documentTitleKey)

  return (
    <div className={`lq-console lq-console--${props.app}`} data-testid={`${props.app}-app`}>
      <aside className="lq-console__sidebar">
        <div className="lq-console__brand">
          <span className="lq-logo" aria-hidden="true">
            ¥
          </span>
          <span>
            <strong>{t('common.brand')}</strong>
            <small data-testid="app-role">{t(props.roleKey)}</small>
          </span>
        </div>
        <nav aria-label={t('console.navLabel')}>
          <ul className="lq-console__nav">
            <li>
              <a href="" aria-current="page">
                {t('console.nav.overview')}
              </a>
            </li>
            {props.upcomingNavKeys.map((key) => (
              <li key={key}>
                <span aria-disabled="true">
                  {t(key)}
                  <em>{t('common.comingSoon')}</em>
                </span>
              </li>
            ))}
          </ul>
        </nav>
      </aside>
      <div className="lq-console__body">
        <header className="lq-console__topbar">
          <span>{t('common.tagline')}</span>
          <LanguageSwitch />
        </header>
        <main className="lq-console__main">
          <h1>{t(props.roleKey)}</h1>
          <p className="lq-console__intro">{t(props.introKey)}</p>
          <p className="lq-console__notice">{t('console.building')}</p>
          <div className="lq-console__grid">
            <StatusCard />
            <AppLinks current={props.app} />
          </div>
        </main>
      </div>
    </div>
  )
}
