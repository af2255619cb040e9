import { useState } from 'react'
import type { FormEvent, ReactNode } from 'react'
import { localError } from '../../shared/api'
import { ErrorAlert } from '../../shared/ErrorAlert'
import { SubmitButton, TextField } from '../../shared/forms'
import { useI18n } from '../../shared/i18n'
import { formatFen, parseYuanToFen } from '../../shared/money'
import { navigate } from '../../shared/router'
import { useApiData } from '../../shared/useApiData'
import { PageShell } from '../components/PageShell'
import { AmountField } from '../money/AmountField'
import { CheckoutConfirm } from './CheckoutConfirm'
import { payApi } from './pay-api'
import type { Checkout } from './pay-api'
import { payOutcome } from './pay-outcome'
import { PayFailure } from './PayFailure'

/** The note a customer may add to a static-code payment (the contract's NOTE_LENGTH_MAX). */
const NOTE_LENGTH_MAX = 64

function MerchantHeader({ checkout }: { checkout: Checkout }): ReactNode {
  const { t } = useI18n()
  return (
    <section className="lq-card lq-pay-merchant" data-testid="pay-merchant">
      <span className="lq-pay-merchant__logo" aria-hidden="true">
        {checkout.merchant.name.slice(0, 1)}
      </span>
      <div>
        <p className="lq-pay-merchant__label">{t('pay.merchant.payTo')}</p>
        <h2 className="lq-pay-merchant__name" data-testid="pay-merchant-name">
          {checkout.merchant.name}
        </h2>
      </div>
    </section>
  )
}

/** The amount read back with thousands separators, and the static code's daily limit. */
function AmountHint({ fen, limit }: { fen: number | null; limit: Checkout['limit'] }): ReactNode {
  const { t } = useI18n()
  return (
    <>
      {fen !== null && (
        <span className="lq-pay-amount__echo" data-testid="pay-amount-echo">
          {formatFen(fen)}{' '}
        </span>
      )}
      {limit !== null && (
        <span data-testid="pay-static-limit">
          {t('pay.amount.limit', {
            limit: formatFen(limit.limitFen),
            left: formatFen(limit.remainingFen),
          })}
        </span>
      )}
    </>
  )
}

/** 收款码: the amount (shown back with thousands separators) and a note, then 下一步. */
function StaticAmountForm({
  checkout,
  onNext,
}: {
  checkout: Checkout
  onNext: (amountFen: number, note: string) => Promise<void>
}): ReactNode {
  const { t } = useI18n()
  const [amountText, setAmountText] = useState('')
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const parsed = parseYuanToFen(amountText)

  async function next(event: FormEvent): Promise<void> {
    event.preventDefault()
    if (!parsed.ok) return
    setBusy(true)
    setError(null)
    try {
      await onNext(parsed.fen, note.trim())
    } catch (caught) {
      setError(caught)
    } finally {
      setBusy(false)
    }
  }

  return (
    <form
      className="lq-card lq-form"
      onSubmit={(event) => void next(event)}
      noValidate
      data-testid="pay-amount-form"
    >
      <AmountField
        label={t('pay.amount.label')}
        value={amountText}
        onValue={setAmountText}
        error={parsed.ok ? null : parsed.error}
        hint={<AmountHint fen={parsed.ok ? parsed.fen : null} limit={checkout.limit} />}
      />
      <TextField
        label={t('pay.note.label')}
        hint={t('pay.note.hint')}
        value={note}
        onValue={(value) => setNote(value.slice(0, NOTE_LENGTH_MAX))}
        maxLength={NOTE_LENGTH_MAX}
        testId="pay-note-input"
      />
      <ErrorAlert error={error} testId="pay-amount-error" />
      <SubmitButton busy={busy} disabled={!parsed.ok} testId="pay-amount-next">
        {t('common.next')}
      </SubmitButton>
    </form>
  )
}

function Loaded<T>({
  state,
  children,
}: {
  state: ReturnType<typeof useApiData<T>>['state']
  children: (data: T) => ReactNode
}): ReactNode {
  const { t } = useI18n()
  if (state.kind === 'loading') return <p className="lq-card lq-muted">{t('common.loading')}</p>
  if (state.kind === 'error') {
    return (
      <section className="lq-card">
        <PayFailure error={state.error} onBack={() => navigate('/')} />
      </section>
    )
  }
  return children(state.data)
}

/** /pay/m/<merchantCode>: a shop's 收款码 — amount and note, then confirm. */
export function StaticPayPage({ merchantCode }: { merchantCode: string }): ReactNode {
  const start = useApiData(() => payApi.checkoutStatic(merchantCode), merchantCode)
  const [priced, setPriced] = useState<{
    checkout: Checkout
    amountFen: number
    note: string
  } | null>(null)
  return (
    <PageShell titleKey="pay.page.title" testId="pay-page">
      <Loaded state={start.state}>
        {(checkout) => (
          <>
            <MerchantHeader checkout={checkout} />
            {priced === null ? (
              <StaticAmountForm
                checkout={checkout}
                onNext={async (amountFen, note) => {
                  // The methods depend on the amount (余额不足, a card's limit): ask again with it.
                  const withAmount = await payApi.checkoutStatic(merchantCode, amountFen)
                  setPriced({ checkout: withAmount, amountFen, note })
                }}
              />
            ) : (
              <CheckoutConfirm
                checkout={priced.checkout}
                amountFen={priced.amountFen}
                note={priced.note}
                submit={({ idempotencyKey, payMethod, auth }) =>
                  payOutcome(
                    payApi.payStatic(merchantCode, {
                      idempotencyKey,
                      amountFen: priced.amountFen,
                      ...(priced.note === '' ? {} : { note: priced.note }),
                      payMethod,
                      // What this page shows: a coupon gone meanwhile is refused, not charged.
                      payableFen: priced.checkout.coupon?.payableFen ?? priced.amountFen,
                      ...auth,
                    }),
                  )
                }
                onBack={() => setPriced(null)}
              />
            )}
          </>
        )}
      </Loaded>
    </PageShell>
  )
}

/** An order that can no longer be paid, as the refusal paying it would give. */
function orderRefusal(checkout: Checkout) {
  const status = checkout.order?.status
  if (status === 'PAID') return localError('ORDER_PAID', 'pay.order.paid')
  if (status === 'CLOSED') return localError('ORDER_CLOSED', 'pay.order.closed')
  if (status === 'EXPIRED') return localError('ORDER_EXPIRED', 'pay.order.expired')
  return null
}

/** /pay/o/<orderToken>: a merchant's order — straight to confirm. */
export function OrderPayPage({ orderToken }: { orderToken: string }): ReactNode {
  const start = useApiData(() => payApi.checkoutOrder(orderToken), orderToken)
  return (
    <PageShell titleKey="pay.page.title" testId="pay-page">
      <Loaded state={start.state}>
        {(checkout) => {
          const refusal = orderRefusal(checkout)
          return (
            <>
              <MerchantHeader checkout={checkout} />
              {refusal !== null ? (
                <section className="lq-card">
                  <PayFailure error={refusal} onBack={() => navigate('/')} />
                </section>
              ) : (
                <CheckoutConfirm
                  checkout={checkout}
                  amountFen={checkout.amountFen ?? checkout.order?.amountFen ?? 0}
                  submit={({ idempotencyKey, payMethod, auth }) =>
                    payOutcome(
                      payApi.payOrder(orderToken, {
                        idempotencyKey,
                        payMethod,
                        payableFen:
                          checkout.coupon?.payableFen ??
                          checkout.amountFen ??
                          checkout.order?.amountFen,
                        ...auth,
                      }),
                    )
                  }
                  onBack={() => navigate('/')}
                />
              )}
            </>
          )
        }}
      </Loaded>
    </PageShell>
  )
}
