/** 找回支付密码: the proof (checked by the server before the new PIN), then the new PIN. */
import { useState } from 'react'
import type { FormEvent, ReactNode } from 'react'
import { ErrorAlert } from '../../shared/ErrorAlert'
import { SubmitButton, TextField } from '../../shared/forms'
import { maskPhone, normalizeIdNumber } from '../../shared/format'
import { useI18n } from '../../shared/i18n'
import { useApiData } from '../../shared/useApiData'
import { walletApi } from '../api'
import type { BankCard } from '../api'
import { PinFlow } from '../components/PinFlow'
import { SmsCodeButton } from '../components/SmsCodeButton'
import { CARD_DIGITS_MIN, cardDigits } from '../money/card-number'
import { cardLabel } from '../money/labels'
import { useUser } from '../session'

/** What 找回支付密码 proves: the SMS code, the ID number and, with a card bound, its number. */
export interface ResetProof {
  smsCode: string
  idNumber: string
  cardNumber?: string
}

export interface ResetState {
  proof: ResetProof
  /** From the server once the proof passed; the new PIN is asked for only then. */
  resetTicket: string
  error: unknown
}
export const NO_RESET: ResetState = {
  proof: { smsCode: '', idNumber: '' },
  resetTicket: '',
  error: null,
}

/**
 * With a card bound, the server also wants the full number of one of them (the cards module's
 * extra proof); the hint names the bound cards so the user knows which numbers count.
 */
function ResetCardField({
  cards,
  value,
  onValue,
}: {
  cards: readonly BankCard[]
  value: string
  onValue: (digits: string) => void
}): ReactNode {
  // No maxLength: a pasted "6222 0200 …" is longer than its 19 digits; cardDigits cuts it.
  const i18n = useI18n()
  const names = cards.map((card) => cardLabel(i18n, card)).join(i18n.lang === 'zh' ? '、' : ', ')
  return (
    <TextField
      label={i18n.t('pin.reset.cardNumber')}
      hint={i18n.t('pin.reset.cardHint', { cards: names })}
      inputMode="numeric"
      autoComplete="off"
      value={value}
      onValue={(text) => onValue(cardDigits(text))}
      testId="pin-reset-card"
    />
  )
}

/** The SMS code (with its send button) and the ID number of the reset form. */
function ResetIdentityFields(props: {
  phone: string
  smsCode: string
  onSmsCode: (code: string) => void
  idNumber: string
  onIdNumber: (idNumber: string) => void
  onError: (error: unknown) => void
}): ReactNode {
  const { t } = useI18n()
  const { phone, smsCode, onSmsCode, idNumber, onIdNumber, onError } = props
  return (
    <>
      <div className="lq-code-row">
        <TextField
          label={t('pin.reset.codeTo', { phone: maskPhone(phone) })}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          value={smsCode}
          onValue={onSmsCode}
          testId="pin-reset-code"
        />
        <SmsCodeButton
          phone={phone}
          purpose="reset_password"
          testId="pin-reset-send-code"
          onSent={() => onError(null)}
          onError={onError}
        />
      </div>
      <TextField
        label={t('realName.idNumber')}
        autoComplete="off"
        spellCheck={false}
        maxLength={22}
        value={idNumber}
        onValue={onIdNumber}
        testId="pin-reset-id"
      />
    </>
  )
}

/** 找回支付密码, first half: prove it is you with an SMS code, your ID number and a bound card. */
export function ResetVerify({
  onVerified,
  initial,
}: {
  onVerified: (proof: ResetProof, resetTicket: string) => void
  /** What was typed before and why the server refused it, after a failed try. */
  initial: ResetState
}): ReactNode {
  const { t } = useI18n()
  const user = useUser()
  const cards = useApiData(walletApi.cards, user.id)
  const bound = cards.state.kind === 'ready' ? cards.state.data.cards : []
  const [smsCode, setSmsCode] = useState(initial.proof.smsCode)
  const [idNumber, setIdNumber] = useState(initial.proof.idNumber)
  const [cardNumber, setCardNumber] = useState(initial.proof.cardNumber ?? '')
  const [error, setError] = useState<unknown>(initial.error)
  const [busy, setBusy] = useState(false)
  const cardMissing = bound.length > 0 && cardNumber.length < CARD_DIGITS_MIN

  // The proof is checked here, before the new PIN: a typo costs one try, not the code.
  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault()
    const typed = { smsCode: smsCode.trim(), idNumber: normalizeIdNumber(idNumber) }
    const proof = bound.length > 0 ? { ...typed, cardNumber } : typed
    setBusy(true)
    setError(null)
    try {
      const ticket = await walletApi.verifyPasswordReset(proof)
      onVerified(proof, ticket.resetTicket)
    } catch (caught) {
      setError(caught)
      setBusy(false)
    }
  }

  return (
    <form
      className="lq-card lq-form"
      onSubmit={(event) => void submit(event)}
      noValidate
      data-testid="pin-reset-form"
    >
      <h2 className="lq-card__title">{t('pin.reset.title')}</h2>
      <p className="lq-form__intro">{t('pin.reset.intro')}</p>
      <ResetIdentityFields
        phone={user.phone}
        smsCode={smsCode}
        onSmsCode={setSmsCode}
        idNumber={idNumber}
        onIdNumber={setIdNumber}
        onError={setError}
      />
      {bound.length > 0 && (
        <ResetCardField cards={bound} value={cardNumber} onValue={setCardNumber} />
      )}
      <ErrorAlert error={error} testId="pin-reset-error" />
      <SubmitButton
        busy={busy}
        disabled={smsCode.trim() === '' || idNumber.trim() === '' || cardMissing}
        testId="pin-reset-next"
      >
        {t('common.next')}
      </SubmitButton>
    </form>
  )
}

/** 找回支付密码, second half: the new PIN twice, redeeming the ticket of the first half. */
export function ResetPin({
  reset,
  onSuccess,
  onFatal,
}: {
  reset: ResetState
  onSuccess: () => void
  /** An expired ticket is fixed on the form, not by typing PINs again. */
  onFatal: (error: unknown) => void
}): ReactNode {
  return (
    <section className="lq-card" data-testid="pin-reset-new">
      <PinFlow
        steps={['new', 'confirm']}
        newLabelKey="pin.change.new"
        hintKey="pin.set.hint"
        submit={async (pins) => {
          const { resetTicket } = reset
          await walletApi.resetPaymentPassword({ resetTicket, newPassword: pins.new })
        }}
        onSuccess={onSuccess}
        onFatal={onFatal}
      />
    </section>
  )
}
