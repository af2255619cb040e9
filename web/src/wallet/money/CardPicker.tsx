import type { ReactNode } from 'react'
import { useI18n } from '../../shared/i18n'
import type { MessageKey } from '../../shared/i18n'
import { Link } from '../../shared/router'
import type { BankCard } from '../api'
import { BankBadge } from './BankBadge'
import { cardLabel } from './labels'

/** The card a top-up or withdrawal should use first: the default if it is a debit card. */
export function preferredDebitCard(cards: readonly BankCard[]): BankCard | undefined {
  const debit = cards.filter((card) => card.cardType === 'DEBIT')
  return debit.find((card) => card.isDefault) ?? debit[0]
}

/**
 * Bound cards as radio options. Only debit cards move money to and from the balance: credit
 * cards are listed but disabled, with the reason, so nobody wonders where their card went.
 */
export function CardPicker({
  cards,
  selectedId,
  onSelect,
  legendKey,
  creditNoteKey,
  addCardNext,
}: {
  cards: readonly BankCard[]
  selectedId: string | null
  onSelect: (cardId: string) => void
  legendKey: MessageKey
  creditNoteKey: MessageKey
  /** Where 添加银行卡 returns to once a card is bound. */
  addCardNext: string
}): ReactNode {
  const i18n = useI18n()
  const { t } = i18n
  return (
    <fieldset className="lq-card-picker" data-testid="card-picker">
      <legend className="lq-field__label">{t(legendKey)}</legend>
      {cards.map((card) => {
        const credit = card.cardType !== 'DEBIT'
        return (
          <label
            key={card.id}
            className={`lq-card-option ${credit ? 'lq-card-option--disabled' : ''}`}
            data-testid="card-option"
            data-card-id={card.id}
            data-last4={card.last4}
            data-disabled={credit}
          >
            <input
              type="radio"
              name="card"
              value={card.id}
              checked={card.id === selectedId}
              disabled={credit}
              onChange={() => onSelect(card.id)}
            />
            <BankBadge bankCode={card.bankCode} />
            <span className="lq-card-option__text">
              <span>{cardLabel(i18n, card)}</span>
              {credit && (
                <small className="lq-card-option__note" data-testid="card-option-note">
                  {t(creditNoteKey)}
                </small>
              )}
            </span>
          </label>
        )
      })}
      <Link
        to={`/cards/add?next=${encodeURIComponent(addCardNext)}`}
        className="lq-card-picker__add"
        testId="card-picker-add"
      >
        + {t('cards.add')}
      </Link>
    </fieldset>
  )
}
