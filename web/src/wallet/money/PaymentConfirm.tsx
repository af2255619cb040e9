import { useState } from 'react'
import type { ReactNode } from 'react'
import { ErrorAlert } from '../../shared/ErrorAlert'
import { SubmitButton, SuccessNote } from '../../shared/forms'
import { maskPhone } from '../../shared/format'
import { useI18n } from '../../shared/i18n'
import { formatFen } from '../../shared/money'
import type { PaymentAuthorization } from '../api'
import { PinPrompt } from '../components/PinPrompt'
import { SmsCodeButton } from '../components/SmsCodeButton'
import { useUser } from '../session'
import { ErrorWithAction, isBlocking } from './ErrorWithAction'
import { isSmsCode, SmsCodeField } from '../components/SmsCodeField'
import { PasskeyFallback, PasskeyPrompt } from './PasskeyConfirm'
import { useConfirmSteps } from './useConfirmSteps'

/** A refusal the PIN boxes cannot fix is shown with its link instead of the boxes. */
function Blocked({ error, onBack }: { error: unknown; onBack: () => void }): ReactNode {
  const { t } = useI18n()
  return (
    <div className="lq-confirm-pay__blocked">
      <ErrorWithAction error={error} testId="money-blocked" />
      <button type="button" className="lq-link-button" onClick={onBack} data-testid="money-back">
        {t('common.back')}
      </button>
    </div>
  )
}

/** 短信验证: the server asked for a second factor; the code goes to the user's own phone. */
function SecondFactor({
  onSubmit,
  onCancel,
}: {
  onSubmit: (smsCode: string) => Promise<void>
  onCancel: () => void
}): ReactNode {
  const { t } = useI18n()
  const user = useUser()
  const [code, setCode] = useState('')
  const [sent, setSent] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)

  async function submit(): Promise<void> {
    setBusy(true)
    setError(null)
    try {
      await onSubmit(code.trim())
    } catch (caught) {
      setError(caught)
      setBusy(false)
    }
  }

  return (
    <form
      className="lq-form lq-confirm-pay__sms"
      data-testid="money-sms"
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        void submit()
      }}
    >
      <h3 className="lq-confirm-pay__step">{t('confirm.sms.title')}</h3>
      <p className="lq-form__intro">{t('confirm.sms.body', { phone: maskPhone(user.phone) })}</p>
      <div className="lq-code-row">
        <SmsCodeField value={code} onValue={setCode} testId="money-sms-code" />
        <SmsCodeButton
          phone={user.phone}
          purpose="payment"
          testId="money-sms-send"
          sendOnMount
          onSent={() => {
            setSent(true)
            setError(null)
          }}
          onError={setError}
          codeError={error}
        />
      </div>
      {sent && error === null && (
        <SuccessNote testId="money-sms-sent">
          {t('sms.sent', { phone: maskPhone(user.phone) })}
        </SuccessNote>
      )}
      <ErrorAlert error={error} testId="money-sms-error" />
      <SubmitButton busy={busy} disabled={!isSmsCode(code)} testId="money-sms-submit">
        {t('confirm.sms.submit')}
      </SubmitButton>
      <button type="button" className="lq-link-button" onClick={onCancel}>
        {t('common.cancel')}
      </button>
    </form>
  )
}

/**
 * Confirms a top-up, withdrawal or payment (`Result`: what `submit` resolves with): the amount, then 指纹/面容 when this device has a usable
 * passkey (the payment password when it fails or the user prefers), else the PIN boxes.
 * When the server answers SECOND_FACTOR_REQUIRED it asks for an SMS code and sends the same
 * request again with it; the PIN is kept only in this component until then. `submit` must reuse
 * the attempt's idempotency key, so a retry can never move the money twice.
 */
export function PaymentConfirm<Result>({
  title,
  amountFen,
  details,
  submit,
  onResult,
  onCancel,
}: {
  title: string
  amountFen: number
  details?: ReactNode
  submit: (auth: PaymentAuthorization) => Promise<Result>
  onResult: (result: Result) => void
  onCancel: () => void
}): ReactNode {
  const steps = useConfirmSteps({ amountFen, submit, onResult })
  const { step, usablePasskey } = steps

  function body(): ReactNode {
    if (steps.blocked !== null) return <Blocked error={steps.blocked} onBack={onCancel} />
    if (step === null) return null
    if (step === 'sms') {
      const cancel = () => {
        steps.forgetPin()
        onCancel()
      }
      return <SecondFactor onSubmit={steps.withSms} onCancel={cancel} />
    }
    if (step === 'passkey') {
      return <PasskeyPrompt run={steps.withPasskey} onUsePassword={() => steps.choose('pin')} />
    }
    return (
      <>
        {usablePasskey === true && (
          <PasskeyFallback error={steps.passkeyError} onRetry={() => steps.choose('passkey')} />
        )}
        <PinPrompt testId="money-pin" action={steps.withPassword} onCancel={onCancel} />
      </>
    )
  }

  return (
    <section className="lq-card lq-confirm-pay" data-testid="money-confirm" data-step={step}>
      <p className="lq-confirm-pay__title">{title}</p>
      <p className="lq-confirm-pay__amount" data-testid="money-confirm-amount">
        {formatFen(amountFen)}
      </p>
      {details}
      {body()}
    </section>
  )
}
