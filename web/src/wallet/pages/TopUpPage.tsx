import { useState } from 'react'
import type { FormEvent, ReactNode } from 'react'
import { ErrorAlert } from '../../shared/ErrorAlert'
import { SubmitButton } from '../../shared/forms'
import { useI18n } from '../../shared/i18n'
import { parseYuanToFen } from '../../shared/money'
import { navigate, useLocation } from '../../shared/router'
import { useApiData } from '../../shared/useApiData'
import { walletApi } from '../api'
import type { BankCard, Operation } from '../api'
import { PageShell } from '../components/PageShell'
import { AmountField } from '../money/AmountField'
import { amountLimitError } from '../money/amount-limits'
import { LimitHint } from '../money/LimitHint'
import { CardPicker, preferredDebitCard } from '../money/CardPicker'
import { CardsGate } from '../money/CardsGate'
import { cardLabel } from '../money/labels'
import { PaymentConfirm } from '../money/PaymentConfirm'
import { useAttemptKey } from '../money/useAttemptKey'
import { useUser } from '../session'

/** The debit card named in `?card=` (再试一次), else the preferred one. */
export function initialCardId(cards: readonly BankCard[], requested: string | null) {
  const asked = cards.find((card) => card.id === requested && card.cardType === 'DEBIT')
  return (asked ?? preferredDebitCard(cards))?.id ?? null
}

/** Where a finished top-up or withdrawal goes: its result, in place of the form. */
export function showResult(operation: Operation): void {
  navigate(`/balance/operations/${encodeURIComponent(operation.id)}`, { replace: true })
}

function TopUpForm({ cards }: { cards: readonly BankCard[] }): ReactNode {
  const i18n = useI18n()
  const { t } = i18n
  const { search } = useLocation()
  const [cardId, setCardId] = useState(() => initialCardId(cards, search.get('card')))
  const [amountText, setAmountText] = useState(search.get('amount') ?? '')
  const [confirming, setConfirming] = useState(false)
  const attempt = useAttemptKey()
  const user = useUser()
  const limits = useApiData(walletApi.moneyLimits, user.id)
  const parsed = parseYuanToFen(amountText)
  const card = cards.find((candidate) => candidate.id === cardId)
  const known = limits.state.kind === 'ready' ? limits.state.data : null
  // Every limit known here is checked before the PIN; unreadable limits leave it to the server.
  const overLimit =
    known !== null && parsed.ok ? amountLimitError('TOPUP', parsed.fen, known) : null
  const allowed = parsed.ok && overLimit === null && limits.state.kind !== 'loading'

  if (confirming && card !== undefined && parsed.ok && allowed) {
    const amountFen = parsed.fen
    return (
      <PaymentConfirm
        title={t('topUp.confirm', { card: cardLabel(i18n, card) })}
        amountFen={amountFen}
        submit={(auth) =>
          walletApi.topUp({
            idempotencyKey: attempt.keyFor(card.id, amountFen),
            cardId: card.id,
            amountFen,
            ...auth,
          })
        }
        onResult={(operation) => {
          attempt.finish()
          showResult(operation)
        }}
        onCancel={() => setConfirming(false)}
      />
    )
  }

  function next(event: FormEvent): void {
    event.preventDefault()
    if (card !== undefined && allowed) setConfirming(true)
  }

  return (
    <form className="lq-card lq-form" onSubmit={next} noValidate data-testid="top-up-form">
      <CardPicker
        cards={cards}
        selectedId={cardId}
        onSelect={setCardId}
        legendKey="topUp.card"
        creditNoteKey="topUp.creditNotAllowed"
        addCardNext="/balance/top-up"
      />
      <AmountField
        label={t('topUp.amount')}
        value={amountText}
        onValue={setAmountText}
        error={parsed.ok ? null : parsed.error}
        hint={<LimitHint kind="TOPUP" limits={known} />}
      />
      <ErrorAlert error={overLimit} testId="amount-limit-error" />
      <SubmitButton busy={false} disabled={card === undefined || !allowed} testId="money-next">
        {t('common.next')}
      </SubmitButton>
    </form>
  )
}

/** 充值: from a bound debit card into the balance, confirmed with the payment password. */
export function TopUpPage(): ReactNode {
  return (
    <PageShell titleKey="topUp.title" backTo="/balance" testId="top-up-page">
      <CardsGate next="/balance/top-up">{(cards) => <TopUpForm cards={cards} />}</CardsGate>
    </PageShell>
  )
}
