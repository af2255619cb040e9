import { useState } from 'react'
import type { FormEvent, ReactNode } from 'react'
import { ErrorAlert } from '../../shared/ErrorAlert'
import { SubmitButton, TextField } from '../../shared/forms'
import { formatDateTime, maskPhone, normalizeIdNumber } from '../../shared/format'
import { useI18n } from '../../shared/i18n'
import type { MessageKey } from '../../shared/i18n'
import { Link } from '../../shared/router'
import { useApiData } from '../../shared/useApiData'
import { walletApi } from '../api'
import type { BankCard, PaymentPasswordStatus } from '../api'
import { PageShell } from '../components/PageShell'
import { PinFlow } from '../components/PinFlow'
import { SmsCodeButton } from '../components/SmsCodeButton'
import { CARD_DIGITS_MIN, cardDigits } from '../money/card-number'
import { cardLabel } from '../money/labels'
import { useUser } from '../session'

type Mode = 'main' | 'reset-verify' | 'reset-pin' | 'done'

function KycRequired(): ReactNode {
  const { t } = useI18n()
  return (
    <section className="lq-card lq-cta" data-testid="pin-kyc-required">
      <p>{t('pin.kycRequired')}</p>
      <Link to="/real-name" className="lq-pill-button" testId="pin-kyc-link">
        {t('wallet.kyc.action')}
      </Link>
    </section>
  )
}

function Done({ titleKey }: { titleKey: MessageKey }): ReactNode {
  const { t } = useI18n()
  return (
    <section className="lq-card lq-done" data-testid="pin-done">
      <span className="lq-done__icon" aria-hidden="true">
        ✓
      </span>
      <h2>{t(titleKey)}</h2>
      <p>{t('pin.done.body')}</p>
      <Link to="/security" className="lq-button lq-button--primary" testId="pin-done-security">
        {t('pin.backToSecurity')}
      </Link>
    </section>
  )
}

function LockedNote({ status }: { status: PaymentPasswordStatus }): ReactNode {
  const { t, lang } = useI18n()
  if (status.lockedUntilMs === null || status.lockedUntilMs <= Date.now()) return null
  return (
    <p className="lq-alert lq-alert--warning" role="alert" data-testid="pin-locked">
      {t('pin.locked', { time: formatDateTime(status.lockedUntilMs, lang) })}
    </p>
  )
}

/** What 找回支付密码 proves: the SMS code, the ID number and, with a card bound, its number. */
export interface ResetProof {
  smsCode: string
  idNumber: string
  cardNumber?: string
}

interface ResetState {
  proof: ResetProof
  error: unknown
}
const NO_RESET: ResetState = { proof: { smsCode: '', idNumber: '' }, error: null }

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

/** 找回支付密码, first half: prove it is you with an SMS code, your ID number and a bound card. */
function ResetVerify({
  onVerified,
  initial,
}: {
  onVerified: (proof: ResetProof) => void
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
  const cardMissing = bound.length > 0 && cardNumber.length < CARD_DIGITS_MIN

  function submit(event: FormEvent): void {
    event.preventDefault()
    const proof = { smsCode: smsCode.trim(), idNumber: normalizeIdNumber(idNumber) }
    onVerified(bound.length > 0 ? { ...proof, cardNumber } : proof)
  }

  return (
    <form className="lq-card lq-form" onSubmit={submit} noValidate data-testid="pin-reset-form">
      <h2 className="lq-card__title">{t('pin.reset.title')}</h2>
      <p className="lq-form__intro">{t('pin.reset.intro')}</p>
      <div className="lq-code-row">
        <TextField
          label={t('pin.reset.codeTo', { phone: maskPhone(user.phone) })}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          value={smsCode}
          onValue={setSmsCode}
          testId="pin-reset-code"
        />
        <SmsCodeButton
          phone={user.phone}
          purpose="reset_password"
          testId="pin-reset-send-code"
          onSent={() => setError(null)}
          onError={setError}
        />
      </div>
      <TextField
        label={t('realName.idNumber')}
        autoComplete="off"
        spellCheck={false}
        maxLength={22}
        value={idNumber}
        onValue={setIdNumber}
        testId="pin-reset-id"
      />
      {bound.length > 0 && (
        <ResetCardField cards={bound} value={cardNumber} onValue={setCardNumber} />
      )}
      <ErrorAlert error={error} />
      <SubmitButton
        busy={false}
        disabled={smsCode.trim() === '' || idNumber.trim() === '' || cardMissing}
        testId="pin-reset-next"
      >
        {t('common.next')}
      </SubmitButton>
    </form>
  )
}

/** 支付密码: set it (after 实名), change it, or reset it with SMS + ID number. */
export function PaymentPasswordPage(): ReactNode {
  const { t } = useI18n()
  const user = useUser()
  const status = useApiData(walletApi.paymentPassword, user.id)
  const [mode, setMode] = useState<Mode>('main')
  const [doneKey, setDoneKey] = useState<MessageKey>('pin.done.set')
  const [reset, setReset] = useState<ResetState>(NO_RESET)

  const finish = (key: MessageKey) => () => {
    setDoneKey(key)
    setMode('done')
  }

  function body(): ReactNode {
    if (!user.verified) return <KycRequired />
    if (mode === 'done') return <Done titleKey={doneKey} />
    if (mode === 'reset-verify') {
      return (
        <ResetVerify
          initial={reset}
          onVerified={(proof) => {
            setReset({ proof, error: null })
            setMode('reset-pin')
          }}
        />
      )
    }
    if (mode === 'reset-pin') {
      return (
        <section className="lq-card" data-testid="pin-reset-new">
          <PinFlow
            steps={['new', 'confirm']}
            newLabelKey="pin.change.new"
            hintKey="pin.set.hint"
            submit={async (pins) => {
              await walletApi.resetPaymentPassword({ ...reset.proof, newPassword: pins.new })
            }}
            onSuccess={finish('pin.done.reset')}
            // Wrong proof is fixed on the form (the try used the code up), not by typing PINs again.
            onFatal={(error) => {
              setReset({ proof: { ...reset.proof, smsCode: '' }, error })
              setMode('reset-verify')
            }}
          />
        </section>
      )
    }
    if (status.state.kind === 'loading') {
      return <p className="lq-card lq-muted">{t('common.loading')}</p>
    }
    if (status.state.kind === 'error') {
      return (
        <section className="lq-card">
          <ErrorAlert error={status.state.error} />
          <button type="button" className="lq-link-button" onClick={status.reload}>
            {t('common.retry')}
          </button>
        </section>
      )
    }
    const current = status.state.data
    return (
      <>
        <LockedNote status={current} />
        <section className="lq-card" data-testid={current.set ? 'pin-change' : 'pin-set'}>
          {current.set ? (
            <PinFlow
              steps={['old', 'new', 'confirm']}
              newLabelKey="pin.change.new"
              hintKey="pin.set.hint"
              submit={async (pins) => {
                await walletApi.changePaymentPassword(pins.old, pins.new)
              }}
              onSuccess={finish('pin.done.changed')}
            />
          ) : (
            <PinFlow
              steps={['new', 'confirm']}
              hintKey="pin.set.hint"
              submit={async (pins) => {
                await walletApi.setPaymentPassword(pins.new)
              }}
              onSuccess={finish('pin.done.set')}
            />
          )}
        </section>
        {current.set && (
          <p className="lq-page__footer-link">
            <button
              type="button"
              className="lq-link-button"
              data-testid="pin-forgot"
              onClick={() => setMode('reset-verify')}
            >
              {t('pin.forgot')}
            </button>
          </p>
        )}
      </>
    )
  }

  return (
    <PageShell titleKey="pin.title" backTo="/security" testId="payment-password-page">
      {body()}
    </PageShell>
  )
}
