import type { ReactNode } from 'react'
import { useI18n } from '../../shared/i18n'
import type { MessageKey } from '../../shared/i18n'
import { Link } from '../../shared/router'

const LINKS: readonly { to: string; key: MessageKey; id: string; signedIn: boolean }[] = [
  { to: '/help', key: 'wallet.more.help', id: 'home-help', signedIn: false },
  { to: '/limits', key: 'wallet.more.limits', id: 'home-limits', signedIn: true },
  { to: '/about', key: 'wallet.more.about', id: 'home-about', signedIn: false },
]

/** The home page's last row: help, the limits (signed in) and the about/developer page. */
export function MoreLinks({ signedIn }: { signedIn: boolean }): ReactNode {
  const { t } = useI18n()
  return (
    <nav className="lq-card lq-more" aria-label={t('links.title')}>
      <ul>
        {LINKS.filter((link) => signedIn || !link.signedIn).map((link) => (
          <li key={link.id}>
            <Link to={link.to} testId={link.id}>
              {t(link.key)}
              <span aria-hidden="true">›</span>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  )
}
