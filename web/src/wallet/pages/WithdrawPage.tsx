import { useEffect, useState } from 'react'
import type { FormEvent, ReactNode } from 'react'
import { localError } from '../../shared/api'
import { ErrorAlert } from '../../shared/ErrorAlert'
import { SubmitButton } from '../../shared/forms'
import { useI18n } from '../../shared/i18n'
import { fenToYuanInput, formatFen, parseYuanToFen } from '../../shared/money'
import type { ParsedYuan } from '../../shared/money'
import { useLocation } from '../../shared/router'
import { useApiData } from '../../shared/useApiData'
import { walletApi } from '../api'
import type { Balance, BankCard, WithdrawalQuote } from '../api'
import { PageShell } from '../components/PageShell'
import { AmountField } from '../money/AmountField'
import { amountLimitError, overBalanceError } from '../money/amount-limits'
import { LimitHint } from '../money/LimitHint'
import { CardPicker } from '../money/CardPicker'
import { CardsGate } from '../money/CardsGate'
import { cardLabel } from '../money/labels'
import { PaymentConfirm } from '../money/PaymentConfirm'
import { useAttemptKey } from '../money/useAttemptKey'
import { maxWithdrawalFen } from '../money/withdraw-max'
import { useUser } from '../session'
import { initialCardId, showResult } from './TopUpPage'

/** Typing pauses this long before the fee is asked for, so not every keystroke is a request. */
const QUOTE_DELAY_MS = 300

type QuoteState =
  | { kind: 'none' }
  | { kind: 'loading'; amountFen: number }
  | { kind: 'ready'; quote: WithdrawalQuote }
  | { kind: 'error'; amountFen: number; error: unknown }

/** The server's fee and arrival estimate for `amountFen`, refreshed as the amount changes. */
function useQuote(amountFen: number | null): QuoteState {
  const [state, setState] = useState<QuoteState>({ kind: 'none' })
  useEffect(() => {
    if (amountFen === null) {
      setState({ kind: 'none' })
      return
    }
    let live = true
    setState({ kind: 'loading', amountFen })
    const timer = window.setTimeout(() => {
      walletApi.withdrawalQuote(amountFen).then(
        (quote) => live && setState({ kind: 'ready', quote }),
        (error: unknown) => live && setState({ kind: 'error', amountFen, error }),
      )
    }, QUOTE_DELAY_MS)
    return () => {
      live = false
      window.clearTimeout(timer)
    }
  }, [amountFen])
  return state
}

/** 服务费, 免费额度剩余, 预计到账 (and the total when there is a fee). */
function QuoteFacts({ quote }: { quote: WithdrawalQuote }): ReactNode {
  const { t } = useI18n()
  const rows: [string, string, string][] = [
    [t('quote.fee'), formatFen(quote.feeFen), 'quote-fee'],
    // The allowance before this withdrawal, and apart what this one takes of it.
    [
      t('quote.freeBefore'),
      formatFen(quote.freeQuotaUsedFen + quote.freeQuotaRemainingFen),
      'quote-free-remaining',
    ],
    [t('quote.freeUses'), formatFen(quote.freeQuotaUsedFen), 'quote-free-uses'],
    [t('quote.arrival'), t('quote.arrivalHours', { hours: quote.arrivalHours }), 'quote-arrival'],
  ]
  if (quote.feeFen > 0) rows.push([t('quote.total'), formatFen(quote.totalDebitFen), 'quote-total'])
  return (
    <dl className="lq-quote__facts">
      {rows.map(([label, value, testId]) => (
        <div key={testId}>
          <dt>{label}</dt>
          <dd data-testid={testId}>{value}</dd>
        </div>
      ))}
    </dl>
  )
}

function QuoteBox({ state, availableFen }: { state: QuoteState; availableFen: number }) {
  const { t } = useI18n()
  if (state.kind === 'none') return null
  return (
    <div
      className="lq-quote"
      data-testid="withdraw-quote"
      data-state={state.kind}
      aria-live="polite"
    >
      {state.kind === 'loading' && <p className="lq-muted">{t('quote.loading')}</p>}
      {state.kind === 'error' && <ErrorAlert error={state.error} testId="quote-error" />}
      {state.kind === 'ready' && (
        <QuoteOrOverBalance quote={state.quote} availableFen={availableFen} />
      )}
    </div>
  )
}

/** An amount over the balance shows why it cannot go, not the fees of a withdrawal that won't. */
function QuoteOrOverBalance({
  quote,
  availableFen,
}: {
  quote: WithdrawalQuote
  availableFen: number
}) {
  const over = overBalanceError(quote.totalDebitFen, quote.feeFen, availableFen)
  if (over === null) return <QuoteFacts quote={quote} />
  return <ErrorAlert error={over} testId="withdraw-over-balance" />
}

/** The money limits, and the one `parsed` breaks (see amount-limits.ts). */
function useAmountLimits(parsed: ParsedYuan) {
  const user = useUser()
  const limits = useApiData(walletApi.moneyLimits, user.id)
  const known = limits.state.kind === 'ready' ? limits.state.data : null
  const overLimit =
    known !== null && parsed.ok ? amountLimitError('WITHDRAW', parsed.fen, known) : null
  return { known, overLimit }
}

/** 全部提现: the whole available balance less the fee it would cost. */
function useWithdrawAll(available: number, setAmountText: (text: string) => void) {
  const [allState, setAllState] = useState<{ busy: boolean; error: unknown }>({
    busy: false,
    error: null,
  })
  async function withdrawAll(): Promise<void> {
    setAllState({ busy: true, error: null })
    try {
      const max = await maxWithdrawalFen(available, walletApi.withdrawalQuote)
      if (max === null) {
        setAllState({ busy: false, error: localError('NOTHING_TO_WITHDRAW', 'withdraw.nothing') })
        return
      }
      setAmountText(fenToYuanInput(max))
      setAllState({ busy: false, error: null })
    } catch (error) {
      setAllState({ busy: false, error })
    }
  }
  return { allState, withdrawAll }
}

function WithdrawForm({ cards, balance }: { cards: readonly BankCard[]; balance: Balance }) {
  const i18n = useI18n()
  const { t } = i18n
  const { search } = useLocation()
  const [cardId, setCardId] = useState(() => initialCardId(cards, search.get('card')))
  const [amountText, setAmountText] = useState(search.get('amount') ?? '')
  const [confirming, setConfirming] = useState(false)
  const attempt = useAttemptKey()
  const parsed = parseYuanToFen(amountText)
  const { known, overLimit } = useAmountLimits(parsed)
  // No quote for an amount a limit already refuses: the message names the limit instead.
  const quote = useQuote(parsed.ok && overLimit === null ? parsed.fen : null)
  const card = cards.find((candidate) => candidate.id === cardId)
  const available = balance.availableFen
  const ready =
    overLimit === null &&
    quote.kind === 'ready' &&
    parsed.ok &&
    quote.quote.amountFen === parsed.fen &&
    quote.quote.totalDebitFen <= available

  const { allState, withdrawAll } = useWithdrawAll(available, setAmountText)

  if (confirming && card !== undefined && ready) {
    const { amountFen, feeFen, arrivalHours } = quote.quote
    return (
      <PaymentConfirm
        title={t('withdraw.confirm', { card: cardLabel(i18n, card) })}
        amountFen={amountFen}
        details={
          <p className="lq-confirm-pay__details" data-testid="money-confirm-details">
            {t('confirm.fee', { amount: formatFen(feeFen) })} ·{' '}
            {t('quote.arrivalHours', { hours: arrivalHours })}
          </p>
        }
        submit={(auth) =>
          walletApi.withdraw({
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
    if (card !== undefined && ready) setConfirming(true)
  }

  return (
    <form className="lq-card lq-form" onSubmit={next} noValidate data-testid="withdraw-form">
      <CardPicker
        cards={cards}
        selectedId={cardId}
        onSelect={setCardId}
        legendKey="withdraw.card"
        creditNoteKey="withdraw.creditNotAllowed"
        addCardNext="/balance/withdraw"
      />
      <AmountField
        label={t('withdraw.amount')}
        value={amountText}
        onValue={setAmountText}
        error={parsed.ok ? null : parsed.error}
        hint={
          <>
            <span data-testid="withdraw-available">
              {t('withdraw.available', { amount: formatFen(available) })}
            </span>{' '}
            <LimitHint kind="WITHDRAW" limits={known} />
          </>
        }
        action={
          <button
            type="button"
            className="lq-amount__action"
            disabled={allState.busy}
            data-testid="withdraw-all"
            onClick={() => void withdrawAll()}
          >
            {t('withdraw.all')}
          </button>
        }
      />
      <ErrorAlert error={allState.error} testId="withdraw-all-error" />
      <ErrorAlert error={overLimit} testId="amount-limit-error" />
      <QuoteBox state={quote} availableFen={available} />
      <SubmitButton busy={false} disabled={card === undefined || !ready} testId="money-next">
        {t('common.next')}
      </SubmitButton>
    </form>
  )
}

/** 提现: from the balance to a bound debit card, with the fee and arrival shown before. */
export function WithdrawPage(): ReactNode {
  const { t } = useI18n()
  const user = useUser()
  const balance = useApiData(walletApi.balance, user.id)
  return (
    <PageShell titleKey="withdraw.title" backTo="/balance" testId="withdraw-page">
      <CardsGate next="/balance/withdraw">
        {(cards) => {
          if (balance.state.kind === 'loading') {
            return <p className="lq-card lq-muted">{t('common.loading')}</p>
          }
          if (balance.state.kind === 'error') {
            return (
              <section className="lq-card">
                <ErrorAlert error={balance.state.error} />
              </section>
            )
          }
          return <WithdrawForm cards={cards} balance={balance.state.data} />
        }}
      </CardsGate>
    </PageShell>
  )
}
