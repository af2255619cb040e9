import { useEffect, useState } from 'react'
import type { ReactNode } from 'react'
import { ErrorAlert } from '../../shared/ErrorAlert'
import { useI18n } from '../../shared/i18n'
import { formatFen } from '../../shared/money'
import { navigate } from '../../shared/router'
import { walletApi } from '../api'
import type { Balance, BankCard } from '../api'
import { PaymentConfirm } from '../money/PaymentConfirm'
import { initialMethod, methodKey, MethodPicker, payMethodOf } from './MethodPicker'
import { payApi } from './pay-api'
import type { Payment, PaySettings } from './pay-api'
import { paymentFailure, payOutcome } from './pay-outcome'
import type { PayOutcome } from './pay-outcome'
import { PayFailure } from './PayFailure'
import { pendingMethodOptions } from './pending-methods'

export const PENDING_POLL_MS = 2_000

/** The payments waiting for this customer (USERPAYING), asked for every 2 s while visible. */
function usePendingPayments(): Payment[] {
  const [pending, setPending] = useState<Payment[]>([])
  useEffect(() => {
    let live = true
    let timer = 0
    const tick = async () => {
      if (document.visibilityState === 'visible') {
        try {
          const answer = await payApi.pending()
          if (live) setPending(answer.payments)
        } catch {
          // Asked again on the next tick.
        }
      }
      if (live) timer = window.setTimeout(() => void tick(), PENDING_POLL_MS)
    }
    void tick()
    return () => {
      live = false
      window.clearTimeout(timer)
    }
  }, [])
  return pending
}

type Wallet = { balance: Balance; cards: readonly BankCard[]; settings: PaySettings }

function useWallet(): Wallet | null {
  const [wallet, setWallet] = useState<Wallet | null>(null)
  useEffect(() => {
    let live = true
    void Promise.all([walletApi.balance(), walletApi.cards(), payApi.settings()]).then(
      ([balance, cards, settings]) => live && setWallet({ balance, cards: cards.cards, settings }),
      () => live && setWallet(null),
    )
    return () => {
      live = false
    }
  }, [])
  return wallet
}

/** 取消: the payment closes and the cashier sees it. */
function useCancel(paymentId: string, onHandled: () => void) {
  const [cancelError, setCancelError] = useState<unknown>(null)
  const cancel = async () => {
    try {
      await payApi.cancelPending(paymentId)
      onHandled()
    } catch (error) {
      setCancelError(error)
    }
  }
  return { cancel, cancelError }
}

/** "优惠 −¥5.00 (满30减5)" on a payment a coupon took money off. */
function CouponLine({ payment }: { payment: Payment }): ReactNode {
  const { t } = useI18n()
  if (payment.coupon === null) return null
  return (
    <p className="lq-pay-facts__coupon" data-testid="pending-coupon">
      {t('pay.coupon.line', { amount: formatFen(payment.discountFen), name: payment.coupon.name })}
    </p>
  )
}

function PendingConfirm({
  payment,
  wallet,
  onHandled,
}: {
  payment: Payment
  wallet: Wallet
  onHandled: () => void
}): ReactNode {
  const { t } = useI18n()
  const options = pendingMethodOptions(payment.payableFen, wallet.balance, wallet.cards)
  const start = initialMethod(options, wallet.settings.defaultMethod)
  const [selected, setSelected] = useState(start === undefined ? null : methodKey(start.method))
  const [refusal, setRefusal] = useState<unknown>(null)
  const { cancel, cancelError } = useCancel(payment.id, onHandled)
  const option = options.find((candidate) => methodKey(candidate.method) === selected)
  const finish = (outcome: PayOutcome) => {
    if (outcome.kind === 'refused') return setRefusal(outcome.error)
    const failure = paymentFailure(outcome.payment)
    if (failure !== null) return setRefusal(failure)
    onHandled()
    navigate(`/pay/payments/${outcome.payment.id}`)
  }
  if (refusal !== null) {
    return (
      <PayFailure
        error={refusal}
        onOtherMethod={() => setRefusal(null)}
        onBack={() => void cancel()}
      />
    )
  }
  const picker = (
    <MethodPicker
      options={options}
      selected={selected}
      defaultMethod={wallet.settings.defaultMethod}
      onSelect={setSelected}
      addCardNext="/pay"
    />
  )
  if (option === undefined) return picker
  return (
    <>
      <PaymentConfirm
        title={t('pay.pending.title', { merchant: payment.merchant.name })}
        amountFen={payment.payableFen}
        details={
          <>
            <p className="lq-confirm-pay__details" data-testid="pending-description">
              {payment.description}
            </p>
            <CouponLine payment={payment} />
            {picker}
          </>
        }
        submit={(auth) =>
          payOutcome(
            payApi.confirmPending(payment.id, { payMethod: payMethodOf(option.method), ...auth }),
          )
        }
        onResult={finish}
        onCancel={() => void cancel()}
      />
      <ErrorAlert error={cancelError} testId="pending-cancel-error" />
    </>
  )
}

/**
 * 待确认: a cashier took this customer's code for more than 免密 allows, so the payment waits
 * for the payment password (or passkey) here, or 取消. Shown over the payment code page.
 */
export function PendingSheet(): ReactNode {
  const { t } = useI18n()
  const pending = usePendingPayments()
  const wallet = useWallet()
  // Cancelled or confirmed here: hidden at once, before the next look drops it.
  const [handled, setHandled] = useState<readonly string[]>([])
  const payment = pending.find((candidate) => !handled.includes(candidate.id))
  if (payment === undefined) return null
  return (
    <div className="lq-sheet" role="dialog" aria-modal="true" aria-label={t('pay.pending.label')}>
      <div className="lq-sheet__panel" data-testid="pending-sheet" data-payment-id={payment.id}>
        <p className="lq-sheet__title">{t('pay.pending.heading')}</p>
        {wallet === null ? (
          <p className="lq-muted">{t('common.loading')}</p>
        ) : (
          <PendingConfirm
            key={payment.id}
            payment={payment}
            wallet={wallet}
            onHandled={() => setHandled((ids) => [...ids, payment.id])}
          />
        )}
      </div>
    </div>
  )
}
