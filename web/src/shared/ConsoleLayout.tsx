import type { ReactNode } from 'react'
import { AppLinks } from './AppLinks'
import type { AppId } from './apps'
import { useDocumentTitle, useI18n } from './i18n'
import type { MessageKey } from './i18n'
import { LanguageSwitch } from './LanguageSwitch'
import { Link } from './router'
import { StatusCard } from './StatusCard'
import './base.css'
import './console.css'

type ConsoleApp = Exclude<AppId, 'wallet'>

/** A live section of the sidebar. */
export interface ConsoleNavItem {
  key: MessageKey
  to: string
  current: boolean
  testId?: string
}

export interface ConsoleLayoutProps {
  app: ConsoleApp
  documentTitleKey: MessageKey
  roleKey: MessageKey
  introKey: MessageKey
  /** Sections that work; without it the sidebar has only the overview. */
  nav?: readonly ConsoleNavItem[]
  /** Sections still being built; listed so the sidebar shows where the console is going. */
  upcomingNavKeys: readonly MessageKey[]
  /** Right side of the top bar, e.g. who is signed in. */
  topbarExtra?: ReactNode
  /** The page; without it, the overview (intro, service status, links). */
  children?: ReactNode
}

/** The overview page: what this console is for, the service status and links elsewhere. */
export function ConsoleOverview({
  app,
  roleKey,
  introKey,
  children,
}: {
  app: ConsoleApp
  roleKey: MessageKey
  introKey: MessageKey
  children?: ReactNode
}): ReactNode {
  const { t } = useI18n()
  return (
    <>
      <h1>{t(roleKey)}</h1>
      <p className="lq-console__intro">{t(introKey)}</p>
      <p className="lq-console__notice">{t('console.building')}</p>
      <div className="lq-console__grid">
        {children}
        <StatusCard />
        <AppLinks current={app} />
      </div>
    </>
  )
}

/** Desktop layout shared by the merchant and admin consoles: sidebar, top bar, content. */
export function ConsoleLayout(props: ConsoleLayoutProps): ReactNode {
  const { t } = useI18n()
  useDocumentTitle(props.documentTitleKey)
  const nav = props.nav ?? [{ key: 'console.nav.overview', to: '', current: true }]

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
            {nav.map((item) => (
              <li key={item.key}>
                {item.to === '' ? (
                  <a href="" aria-current={item.current ? 'page' : undefined}>
                    {t(item.key)}
                  </a>
                ) : (
                  <Link to={item.to} ariaCurrent={item.current} testId={item.testId}>
                    {t(item.key)}
                  </Link>
                )}
              </li>
            ))}
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
          <div className="lq-console__topbar-end">
            {props.topbarExtra}
            <LanguageSwitch />
          </div>
        </header>
        <main className="lq-console__main">
          {props.children ?? (
            <ConsoleOverview app={props.app} roleKey={props.roleKey} introKey={props.introKey} />
          )}
        </main>
      </div>
    </div>
  )
}
