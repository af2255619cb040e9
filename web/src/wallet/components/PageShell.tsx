import type { ReactNode } from 'react'
import { useDocumentTitle, useI18n } from '../../shared/i18n'
import type { MessageKey } from '../../shared/i18n'
import { LanguageSwitch } from '../../shared/LanguageSwitch'
import { Link } from '../../shared/router'

/** A wallet sub-page: a green bar with back link, title and language switch, then cards. */
export function PageShell({
  titleKey,
  backTo = '/',
  testId,
  children,
}: {
  titleKey: MessageKey
  backTo?: string
  testId: string
  children: ReactNode
}): ReactNode {
  const { t } = useI18n()
  useDocumentTitle(titleKey)
  return (
    <div className="lq-wallet lq-page" data-testid={testId}>
      <header className="lq-page__bar">
        <Link to={backTo} className="lq-page__back" testId="page-back">
          <span aria-hidden="true">‹</span>
          {t('common.back')}
        </Link>
        <h1 className="lq-page__title">{t(titleKey)}</h1>
        <LanguageSwitch className="lq-lang-switch--on-green" />
      </header>
      <main className="lq-page__main">{children}</main>
    </div>
  )
}
