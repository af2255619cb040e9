import { useRef, useState } from 'react'
import type { FormEvent, ReactNode } from 'react'
import { ErrorAlert } from '../../shared/ErrorAlert'
import { SubmitButton, TextField } from '../../shared/forms'
import { useI18n } from '../../shared/i18n'
import type { MessageKey } from '../../shared/i18n'
import { formatFen, parseYuanToFen } from '../../shared/money'
import { navigate } from '../../shared/router'
import { AmountField } from '../../wallet/money/AmountField'
import { merchantPayApi, newOutTradeNo } from './pay-api'

/** How long the customer has to pay; the server allows one minute to seven days. */
const EXPIRY_CHOICES: readonly [number, MessageKey][] = [
  [5 * 60, 'mpay.expiry.5m'],
  [15 * 60, 'mpay.expiry.15m'],
  [2 * 3600, 'mpay.expiry.2h'],
  [24 * 3600, 'mpay.expiry.24h'],
  [7 * 24 * 3600, 'mpay.expiry.7d'],
]
const DESCRIPTION_LENGTH_MAX = 127

function ExpirySelect({ value, onValue }: { value: number; onValue: (seconds: number) => void }) {
  const { t } = useI18n()
  return (
    <label className="lq-field">
      <span className="lq-field__label">{t('mpay.orders.expiry')}</span>
      <select
        className="lq-input"
        value={value}
        onChange={(event) => onValue(Number(event.target.value))}
        data-testid="order-expiry"
      >
        {EXPIRY_CHOICES.map(([seconds, key]) => (
          <option key={seconds} value={seconds}>
            {t(key)}
          </option>
        ))}
      </select>
    </label>
  )
}

/** 新建订单: amount, description, expiry → the order's page with its QR. */
export function OrderCreateForm(): ReactNode {
  const { t } = useI18n()
  const [amountText, setAmountText] = useState('')
  const [description, setDescription] = useState('')
  const [expiresInSeconds, setExpiresInSeconds] = useState(15 * 60)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  // Kept through a retry (a timeout, say): the same number re-submitted is the same order.
  const outTradeNo = useRef(newOutTradeNo('WEB'))
  const parsed = parseYuanToFen(amountText)
  const ready = parsed.ok && description.trim() !== ''

  async function create(event: FormEvent): Promise<void> {
    event.preventDefault()
    if (!parsed.ok || !ready) return
    setBusy(true)
    setError(null)
    try {
      const order = await merchantPayApi.createOrder({
        outTradeNo: outTradeNo.current,
        amountFen: parsed.fen,
        description: description.trim(),
        expiresInSeconds,
      })
      outTradeNo.current = newOutTradeNo('WEB')
      navigate(`/merchant/orders/${order.id}`)
    } catch (caught) {
      setError(caught)
      setBusy(false)
    }
  }

  return (
    <form
      className="lq-card lq-form"
      onSubmit={(event) => void create(event)}
      noValidate
      data-testid="order-create-form"
    >
      <h2 className="lq-card__title">{t('mpay.orders.create')}</h2>
      <AmountField
        label={t('mpay.orders.amount')}
        value={amountText}
        onValue={setAmountText}
        error={parsed.ok ? null : parsed.error}
        hint={parsed.ok ? formatFen(parsed.fen) : undefined}
      />
      <TextField
        label={t('mpay.orders.description')}
        value={description}
        onValue={(value) => setDescription(value.slice(0, DESCRIPTION_LENGTH_MAX))}
        maxLength={DESCRIPTION_LENGTH_MAX}
        testId="order-description"
      />
      <ExpirySelect value={expiresInSeconds} onValue={setExpiresInSeconds} />
      <ErrorAlert error={error} testId="order-create-error" />
      <SubmitButton busy={busy} disabled={!ready} testId="order-create-submit">
        {t('mpay.orders.createSubmit')}
      </SubmitButton>
    </form>
  )
}
