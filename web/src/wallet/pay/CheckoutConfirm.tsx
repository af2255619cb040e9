import { useState } from 'react'
import type { ReactNode } from 'react'
import { ApiError } from '../../shared/api'
import { useI18n } from '../../shared/i18n'
import { formatFen } from '../../shared/money'
import { Link, navigate } from '../../shared/router'
import type { PaymentAuthorization } from '../api'
import { PaymentConfirm } from '../money/PaymentConfirm'
import { useAttemptKey } from '../money/useAttemptKey'
import { initialMethod, methodKey, MethodPicker, payMethodOf } from './MethodPicker'
import type { Checkout, PayMethod } from './pay-api'
import { paymentFailure } from './pay-outcome'
import type { PayOutcome } from './pay-outcome'
import { PayFailure } from './PayFailure'

export type PaySubmit = (request: {
  idempotencyKey: string
  payMethod: PayMethod
  auth: PaymentAuthorization
}) => Promise<PayOutcome>

/** How much more money NOT_ENOUGH needs, from its details when the server gives them. */
function shortfallOf(error: unknown, amountFen: number): number | undefined {
  if (!(error instanceof ApiError)) return undefined
  const available = error.detailNumber('availableFen')
  return available === undefined ? undefined : amountFen - available
}

/** 商户, 订单描述 / 备注 and the coupon, above the method and the PIN. */
function CheckoutFacts({
  checkout,
  note,
  amountFen,
}: {
  checkout: Checkout
  note: string
  amountFen: number
}): ReactNode {
  const { t } = useI18n()
  return (
    <div className="lq-pay-facts" data-testid="pay-facts">
      {checkout.order !== null && (
        <p className="lq-confirm-pay__details" data-testid="pay-description">
          {checkout.order.description}
        </p>
      )}
      {note !== '' && (
        <p className="lq-confirm-pay__details" data-testid="pay-note">
          {t('pay.note.shown', { note })}
        </p>
      )}
      {checkout.coupon !== null && (
        <>
          <p className="lq-pay-facts__coupon" data-testid="pay-coupon">
            {t('pay.coupon.line', {
              amount: formatFen(checkout.coupon.discountFen),
              name: checkout.coupon.name,
            })}
          </p>
          <p className="lq-confirm-pay__details" data-testid="pay-coupon-payable">
            {t('pay.coupon.payable', {
              amount: formatFen(amountFen - checkout.coupon.discountFen),
            })}
            {' · '}
            {t('pay.coupon.fullPrice', { amount: formatFen(amountFen) })}
          </p>
        </>
      )}
    </div>
  )
}

function Refused({
  error,
  payableFen,
  onOtherMethod,
  onBack,
}: {
  error: unknown
  payableFen: number
  onOtherMethod: () => void
  onBack: () => void
}): ReactNode {
  return (
    <section className="lq-card" data-testid="pay-refused">
      <PayFailure
        error={error}
        shortfallFen={shortfallOf(error, payableFen)}
        onOtherMethod={onOtherMethod}
        onBack={onBack}
      />
    </section>
  )
}

/** No method can pay: why (余额不足…), 去充值 with the amount missing, or add a card. */
function NoMethod({
  checkout,
  payableFen,
  onSelect,
}: {
  checkout: Checkout
  payableFen: number
  onSelect: (key: string) => void
}): ReactNode {
  const { t } = useI18n()
  const balance = checkout.methods.find((option) => option.method.kind === 'balance')
  const available = balance?.reason?.details.availableFen
  const shortfallFen = typeof available === 'number' ? payableFen - available : payableFen
  const topUp = `/balance/top-up?amount=${(Math.max(1, shortfallFen) / 100).toFixed(2)}`
  return (
    <section className="lq-card" data-testid="pay-no-method">
      <MethodPicker
        options={checkout.methods}
        selected={null}
        defaultMethod={checkout.defaultMethod}
        onSelect={onSelect}
        addCardNext={window.location.pathname}
      />
      <div className="lq-pay-fail" data-testid="pay-failure" data-code="NOT_ENOUGH">
        <p className="lq-pay-fail__hint" data-testid="pay-fail-hint">
          {t('pay.method.none')}
        </p>
        <Link to={topUp} className="lq-button lq-button--primary" testId="pay-fail-action">
          {t('pay.fail.topUp')}
        </Link>
      </div>
    </section>
  )
}

interface CheckoutConfirmProps {
  checkout: Checkout
  amountFen: number
  note?: string
  submit: PaySubmit
  onBack: () => void
  /** Instead of the result page (a merchant's JSAPI/H5 page waiting for the outcome). */
  onPaid?: (payment: PayOutcome & { kind: 'payment' }) => void
}

/**
 * The confirm step of every pay page: the merchant, the amount, 付款方式 (each method, the
 * default, why one cannot pay), then the payment password or passkey. A refusal replaces the PIN
 * boxes with what to do; a payment goes to its result page.
 */
export function CheckoutConfirm({
  checkout,
  amountFen,
  note = '',
  submit,
  onBack,
  onPaid,
}: CheckoutConfirmProps): ReactNode {
  const { t } = useI18n()
  const start = initialMethod(checkout.methods, checkout.defaultMethod)
  const [selected, setSelected] = useState<string | null>(
    start === undefined ? null : methodKey(start.method),
  )
  const [refusal, setRefusal] = useState<unknown>(null)
  const [round, setRound] = useState(0)
  const attempt = useAttemptKey()
  const option = checkout.methods.find((candidate) => methodKey(candidate.method) === selected)
  const payableFen = amountFen - (checkout.coupon?.discountFen ?? 0)

  if (refusal !== null) {
    const retry = () => {
      setRefusal(null)
      setRound((n) => n + 1)
    }
    return <Refused error={refusal} payableFen={payableFen} onOtherMethod={retry} onBack={onBack} />
  }
  if (option === undefined) {
    return <NoMethod checkout={checkout} payableFen={payableFen} onSelect={setSelected} />
  }
  const finish = (outcome: PayOutcome): void => {
    attempt.finish()
    if (outcome.kind === 'refused') return setRefusal(outcome.error)
    const failure = paymentFailure(outcome.payment)
    if (failure !== null) return setRefusal(failure)
    if (onPaid !== undefined) return onPaid(outcome)
    navigate(`/pay/payments/${outcome.payment.id}`, { replace: true })
  }
  return (
    <PaymentConfirm
      key={round}
      title={t('pay.confirm.title', { merchant: checkout.merchant.name })}
      amountFen={payableFen}
      details={
        <>
          <CheckoutFacts checkout={checkout} note={note} amountFen={amountFen} />
          <MethodPicker
            options={checkout.methods}
            selected={selected}
            defaultMethod={checkout.defaultMethod}
            onSelect={setSelected}
            addCardNext={window.location.pathname}
          />
        </>
      }
      submit={(auth) =>
        submit({
          idempotencyKey: attempt.keyFor(methodKey(option.method), amountFen),
          payMethod: payMethodOf(option.method),
          auth,
        })
      }
      onResult={finish}
      onCancel={onBack}
    />
  )
}
