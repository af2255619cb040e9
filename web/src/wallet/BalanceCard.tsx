import type { ReactNode } from 'react'
import { maskName, maskPhone } from '../shared/format'
import { useI18n } from '../shared/i18n'
import { formatFen } from '../shared/money'
import { Link } from '../shared/router'
import { useApiData } from '../shared/useApiData'
import { walletApi } from './api'
import type { UserView } from './api'

function Amount({ userId }: { userId: string }): ReactNode {
  const { t } = useI18n()
  const balance = useApiData(walletApi.balance, userId)
  // No made-up ¥0.00 while loading or when the balance cannot be read: that would look real.
  let text = '…'
  if (balance.state.kind === 'ready') text = formatFen(balance.state.data.balanceFen)
  if (balance.state.kind === 'error') text = t('wallet.balance.soon')
  return (
    <span
      className="lq-balance__amount"
      data-testid="balance-amount"
      data-state={balance.state.kind}
    >
      {text}
    </span>
  )
}

/** The hero card: the balance (a link to 零钱) once signed in, a sign-in button before. */
export function BalanceCard({ user }: { user: UserView | null }): ReactNode {
  const { t } = useI18n()
  return (
    <section className="lq-balance" data-testid="balance-card" aria-labelledby="lq-balance-label">
      <h2 className="lq-balance__label" id="lq-balance-label">
        {t('wallet.balance.label')}
      </h2>
      {user === null ? (
        <>
          <p className="lq-balance__amount" data-testid="balance-amount">
            {t('wallet.balance.placeholder')}
          </p>
          <Link to="/sign-in" className="lq-balance__sign-in" testId="home-sign-in">
            {t('wallet.signIn')}
          </Link>
        </>
      ) : (
        <Link to="/balance" className="lq-balance__link" testId="balance-link">
          <Amount userId={user.id} />
          <span className="lq-balance__who" data-testid="home-user">
            {/* Masked like everywhere else: the home page is the screen others glance at. */}
            {t('wallet.greeting', {
              name: user.realName === null ? maskPhone(user.phone) : maskName(user.realName),
            })}
          </span>
          <span className="lq-balance__open">{t('balance.open')}</span>
        </Link>
      )}
    </section>
  )
}
