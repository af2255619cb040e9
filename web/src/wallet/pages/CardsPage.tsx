import { useState } from 'react'
import type { ReactNode } from 'react'
import { ErrorAlert } from '../../shared/ErrorAlert'
import { NotReady } from '../../shared/NotReady'
import { SuccessNote } from '../../shared/forms'
import { useI18n } from '../../shared/i18n'
import { Link } from '../../shared/router'
import { useApiData } from '../../shared/useApiData'
import { walletApi } from '../api'
import type { BankCard } from '../api'
import { PageShell } from '../components/PageShell'
import { PinPrompt } from '../components/PinPrompt'
import { BankBadge } from '../money/BankBadge'
import { cardLabel, cardTypeText } from '../money/labels'
import { useUser } from '../session'

/** 绑定银行卡前，请先完成实名认证: shown instead of the card pages to unverified users. */
export function CardsKycRequired(): ReactNode {
  const { t } = useI18n()
  return (
    <section className="lq-card lq-cta" data-testid="cards-kyc-required">
      <p>{t('cards.kycRequired')}</p>
      <Link to="/real-name" className="lq-pill-button" testId="cards-kyc-link">
        {t('wallet.kyc.action')}
      </Link>
    </section>
  )
}

/** A card as a coloured tile: bank, kind, ·· last 4, default badge, then its two actions. */
function CardTile({
  card,
  onChanged,
}: {
  card: BankCard
  onChanged: (note: string) => void
}): ReactNode {
  const i18n = useI18n()
  const { t, lang } = i18n
  const [unbinding, setUnbinding] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const label = cardLabel(i18n, card)

  async function makeDefault(): Promise<void> {
    setBusy(true)
    setError(null)
    try {
      await walletApi.setDefaultCard(card.id)
      onChanged(t('cards.defaultSet', { card: label }))
    } catch (caught) {
      setError(caught)
    } finally {
      setBusy(false)
    }
  }

  return (
    <li
      className="lq-card-entry"
      data-testid="card-item"
      data-card-id={card.id}
      data-last4={card.last4}
      data-default={card.isDefault}
    >
      <div className={`lq-bank-card lq-bank--${card.bankCode}`}>
        <div className="lq-bank-card__head">
          <BankBadge bankCode={card.bankCode} />
          <div>
            <p className="lq-bank-card__bank" data-testid="card-bank">
              {card.bankName[lang]}
            </p>
            <p className="lq-bank-card__type" data-testid="card-type">
              {cardTypeText(t, card.cardType)}
            </p>
          </div>
          {card.isDefault && (
            <span className="lq-bank-card__default" data-testid="card-default-badge">
              {t('cards.default')}
            </span>
          )}
        </div>
        <p className="lq-bank-card__number" data-testid="card-last4">
          <span aria-hidden="true">···· ···· ···· </span>
          {card.last4}
        </p>
      </div>
      <div className="lq-card-entry__actions">
        {!card.isDefault && (
          <button
            type="button"
            className="lq-small-button"
            disabled={busy}
            data-testid="card-set-default"
            onClick={() => void makeDefault()}
          >
            {t('cards.setDefault')}
          </button>
        )}
        <button
          type="button"
          className="lq-small-button"
          disabled={busy || unbinding}
          data-testid="card-unbind"
          onClick={() => setUnbinding(true)}
        >
          {t('cards.unbind')}
        </button>
      </div>
      <ErrorAlert error={error} testId="card-error" />
      {unbinding && (
        <div className="lq-card lq-card-entry__confirm" data-testid="card-unbind-confirm">
          <p className="lq-card-entry__question">{t('cards.unbindConfirm', { card: label })}</p>
          <PinPrompt
            testId="card-unbind-prompt"
            onCancel={() => setUnbinding(false)}
            action={async (pin) => {
              await walletApi.unbindCard(card.id, pin)
              onChanged(t('cards.unbound', { card: label }))
            }}
          />
        </div>
      )}
    </li>
  )
}

/** 银行卡: the bound cards; make one the default, unbind one (payment password), add one. */
export function CardsPage(): ReactNode {
  const { t } = useI18n()
  const user = useUser()
  const cards = useApiData(walletApi.cards, user.id)
  const [note, setNote] = useState<string | null>(null)

  function body(): ReactNode {
    if (!user.verified) return <CardsKycRequired />
    if (cards.state.kind !== 'ready') return <NotReady state={cards.state} reload={cards.reload} />
    const list = cards.state.data.cards
    return (
      <>
        {note !== null && <SuccessNote testId="cards-note">{note}</SuccessNote>}
        {list.length === 0 ? (
          <p className="lq-card lq-muted" data-testid="cards-empty">
            {t('cards.empty')}
          </p>
        ) : (
          <ul className="lq-card-list" data-testid="card-list">
            {list.map((card) => (
              <CardTile
                key={card.id}
                card={card}
                onChanged={(text) => {
                  setNote(text)
                  cards.reload()
                }}
              />
            ))}
          </ul>
        )}
        <Link to="/cards/add" className="lq-card lq-add-card" testId="cards-add">
          <span aria-hidden="true">+</span>
          {t('cards.add')}
        </Link>
      </>
    )
  }

  return (
    <PageShell titleKey="cards.title" testId="cards-page">
      {body()}
    </PageShell>
  )
}
