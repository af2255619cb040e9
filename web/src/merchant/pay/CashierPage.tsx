import { useRef, useState } from 'react'
import type { FormEvent, ReactNode } from 'react'
import { CameraScan, cameraScanAvailable } from '../../shared/CameraScan'
import { ErrorAlert } from '../../shared/ErrorAlert'
import { SubmitButton, TextField } from '../../shared/forms'
import { useI18n } from '../../shared/i18n'
import { formatFen, parseYuanToFen } from '../../shared/money'
import { AmountField } from '../../wallet/money/AmountField'
import { CollectedPayment } from './CollectedPayment'
import { merchantPayApi, newOutTradeNo } from './pay-api'
import type { MerchantPayment } from './pay-api'

/** 18 digits, 10–15 first: a customer's payment code (scanners type it, spaces and all). */
const AUTH_CODE = /^1[0-5]\d{16}$/
const digitsOf = (text: string): string => text.replace(/\D/g, '').slice(0, 18)

/**
 * One collection attempt keeps its merchant number (商户订单号) through retries, so a timeout
 * followed by 收款 again never charges the customer twice; a new amount or code is a new one.
 */
function useCollectNumber() {
  const current = useRef<{ key: string; outTradeNo: string } | null>(null)
  return {
    numberFor: (authCode: string, amountFen: number): string => {
      const key = `${authCode}:${amountFen}`
      if (current.current?.key !== key) current.current = { key, outTradeNo: newOutTradeNo('POS') }
      return current.current.outTradeNo
    },
    finish: () => {
      current.current = null
    },
  }
}

/** The payment code: typed, filled in by a scanner gun, or read by the camera where it can. */
function CodeField({ code, onCode }: { code: string; onCode: (code: string) => void }) {
  const { t } = useI18n()
  const [scanning, setScanning] = useState(false)
  return (
    <>
      <TextField
        label={t('mpay.cashier.code')}
        hint={t('mpay.cashier.codeHint')}
        value={code}
        onValue={(value) => onCode(digitsOf(value))}
        inputMode="numeric"
        autoComplete="off"
        testId="cashier-code"
      />
      {cameraScanAvailable() && (
        <button
          type="button"
          className="lq-small-button"
          onClick={() => setScanning((on) => !on)}
          data-testid="cashier-scan"
        >
          {scanning ? t('common.cancel') : t('mpay.cashier.scan')}
        </button>
      )}
      {scanning && (
        <CameraScan
          formats={['code_128', 'qr_code']}
          onText={(text) => {
            onCode(digitsOf(text))
            setScanning(false)
          }}
        />
      )}
    </>
  )
}

function CollectForm({ onCollected }: { onCollected: (payment: MerchantPayment) => void }) {
  const { t } = useI18n()
  const [amountText, setAmountText] = useState('')
  const [code, setCode] = useState('')
  const [description, setDescription] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const numbers = useCollectNumber()
  const parsed = parseYuanToFen(amountText)
  const ready = parsed.ok && AUTH_CODE.test(code)

  async function collect(event: FormEvent): Promise<void> {
    event.preventDefault()
    if (!parsed.ok || !ready) return
    setBusy(true)
    setError(null)
    try {
      const payment = await merchantPayApi.collectByCode({
        outTradeNo: numbers.numberFor(code, parsed.fen),
        authCode: code,
        amountFen: parsed.fen,
        description:
          description.trim() === '' ? t('mpay.cashier.defaultDescription') : description.trim(),
      })
      numbers.finish()
      onCollected(payment)
    } catch (caught) {
      setError(caught)
    } finally {
      setBusy(false)
    }
  }

  return (
    <form
      className="lq-card lq-form"
      onSubmit={(event) => void collect(event)}
      noValidate
      data-testid="cashier-form"
    >
      <AmountField
        label={t('mpay.cashier.amount')}
        value={amountText}
        onValue={setAmountText}
        error={parsed.ok ? null : parsed.error}
        hint={parsed.ok ? formatFen(parsed.fen) : undefined}
      />
      <CodeField code={code} onCode={setCode} />
      <TextField
        label={t('mpay.cashier.description')}
        value={description}
        onValue={setDescription}
        maxLength={127}
        testId="cashier-description"
      />
      <ErrorAlert error={error} testId="cashier-error" />
      <SubmitButton busy={busy} disabled={!ready} testId="cashier-submit">
        {t('mpay.cashier.submit')}
      </SubmitButton>
    </form>
  )
}

/** 收银台: the amount and the customer's payment code (typed, a scanner gun, or the camera). */
export function CashierPage(): ReactNode {
  const { t } = useI18n()
  const [payment, setPayment] = useState<MerchantPayment | null>(null)
  return (
    <section className="lq-admin-page lq-cashier" data-testid="merchant-cashier">
      <h1>{t('mpay.cashier.title')}</h1>
      <p className="lq-console__intro">{t('mpay.cashier.intro')}</p>
      {payment === null ? (
        <CollectForm onCollected={setPayment} />
      ) : (
        <CollectedPayment loaded={payment} onNext={() => setPayment(null)} />
      )}
    </section>
  )
}
