import type { ReactNode } from 'react'
import { NotReady } from '../../shared/NotReady'
import { useI18n } from '../../shared/i18n'
import { Link } from '../../shared/router'
import { useApiData } from '../../shared/useApiData'
import { walletApi } from '../api'
import { StatusBanner } from '../components/StatusBanner'
import type { BankCard } from '../api'
import { CardsKycRequired } from '../pages/CardsPage'
import { useUser } from '../session'

/**
 * What a top-up or withdrawal needs before its form: a verified user with a debit card. Says
 * what is missing and links to fix it (`next` brings the user back here afterwards). A frozen
 * account can move no money, so it gets the banner with its appeal link, not a form that
 * would ask for the amount and PIN only to be refused.
 */
export function CardsGate({
  next,
  children,
}: {
  next: string
  children: (cards: readonly BankCard[]) => ReactNode
}): ReactNode {
  const { t } = useI18n()
  const user = useUser()
  const cards = useApiData(walletApi.cards, user.id)
  if (!user.verified) return <CardsKycRequired />
  if (user.status === 'frozen') return <StatusBanner user={user} />
  if (cards.state.kind !== 'ready') return <NotReady state={cards.state} reload={cards.reload} />
  const list = cards.state.data.cards
  if (!list.some((card) => card.cardType === 'DEBIT')) {
    return (
      <section className="lq-card lq-cta" data-testid="money-no-debit-card">
        <p>{t('money.noDebitCard')}</p>
        <Link
          to={`/cards/add?next=${encodeURIComponent(next)}`}
          className="lq-pill-button"
          testId="money-add-card"
        >
          {t('cards.add')}
        </Link>
      </section>
    )
  }
  return children(list)
}
