import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react'
import type { FormEvent, ReactNode } from 'react'
import { ApiError, localError } from '../../shared/api'
import { ErrorAlert } from '../../shared/ErrorAlert'
import { Field, SubmitButton, SuccessNote, TextField } from '../../shared/forms'
import { digitsOnly, looksLikeMobile, maskName, normalizePhoneInput } from '../../shared/format'
import { useI18n } from '../../shared/i18n'
import { Link, safeNext, useLocation } from '../../shared/router'
import { resendCountdownText } from '../../shared/countdown-text'
import { useCountdown } from '../../shared/useCountdown'
import { walletApi } from '../api'
import type { BankCard, BindCardRequest, BindRequest } from '../api'
import { DevSmsHint } from '../components/DevSmsHint'
import { PageShell } from '../components/PageShell'
import { BankBadge } from '../money/BankBadge'
import {
  caretAfterDigits,
  CARD_DIGITS_MAX,
  CARD_DIGITS_MIN,
  cardDigits,
  formatExpiryInput,
  groupCardNumber,
  isExpiry,
  looksLikeCreditCard,
} from '../money/card-number'
import { ErrorWithAction } from '../money/ErrorWithAction'
import { cardLabel } from '../money/labels'
import { useSession, useUser } from '../session'
import { CardsKycRequired } from './CardsPage'
import { isSmsCode, SmsCodeField } from '../components/SmsCodeField'
import { needsNewCode } from '../components/SmsCodeButton'

/**
 * The card number in groups of four (6222 0200 0000 0000 018) on a numeric keypad. Spaces are
 * display only: `onDigits` gets the digits, and the caret stays after the digit it followed.
 */
function CardNumberField({
  digits,
  onDigits,
}: {
  digits: string
  onDigits: (digits: string) => void
}): ReactNode {
  const { t } = useI18n()
  const id = useId()
  const input = useRef<HTMLInputElement>(null)
  const caretDigits = useRef<number | null>(null)
  const grouped = groupCardNumber(digits)

  useLayoutEffect(() => {
    const element = input.current
    if (element === null || caretDigits.current === null) return
    const position = caretAfterDigits(grouped, caretDigits.current)
    element.setSelectionRange(position, position)
    caretDigits.current = null
  }, [grouped])

  return (
    <Field label={t('addCard.number')} htmlFor={id}>
      <input
        ref={input}
        id={id}
        className="lq-input lq-input--card-number"
        inputMode="numeric"
        autoComplete="cc-number"
        placeholder={t('addCard.numberPlaceholder')}
        // 19 digits and 4 spaces.
        maxLength={CARD_DIGITS_MAX + 4}
        value={grouped}
        data-testid="card-number"
        onChange={(event) => {
          const raw = event.target.value
          const caret = event.target.selectionStart ?? raw.length
          caretDigits.current = raw.slice(0, caret).replace(/\D/g, '').length
          onDigits(cardDigits(raw))
        }}
      />
    </Field>
  )
}

/** Step 1: card number, reserved phone, and for a credit card its expiry and CVN. */
function CardForm({
  initial,
  onStarted,
}: {
  initial: BindCardRequest
  onStarted: (request: BindCardRequest, started: BindRequest) => void
}): ReactNode {
  const { t } = useI18n()
  const user = useUser()
  const [digits, setDigits] = useState(initial.cardNumber)
  const [phone, setPhone] = useState(initial.phone)
  const [expiry, setExpiry] = useState(initial.expiry ?? '')
  const [cvn, setCvn] = useState(initial.cvn ?? '')
  // The number the server said needs them (CARD_DETAILS_REQUIRED), whatever its BIN looks like.
  const [detailsRequiredFor, setDetailsRequiredFor] = useState<string | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const showCreditFields = detailsRequiredFor === digits || looksLikeCreditCard(digits)

  function check(): ApiError | null {
    if (digits.length < CARD_DIGITS_MIN) {
      return localError('CARD_NUMBER_INCOMPLETE', 'addCard.numberIncomplete')
    }
    if (!looksLikeMobile(phone)) return localError('PHONE_INVALID', 'phone.invalid')
    if (showCreditFields && !isExpiry(expiry)) {
      return localError('EXPIRY_INVALID', 'addCard.expiryInvalid')
    }
    if (showCreditFields && !/^\d{3}$/.test(cvn)) {
      return localError('CVN_INVALID', 'addCard.cvnInvalid')
    }
    return null
  }

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault()
    const problem = check()
    if (problem !== null) {
      setError(problem)
      return
    }
    const request: BindCardRequest = {
      cardNumber: digits,
      phone: normalizePhoneInput(phone),
      ...(showCreditFields ? { expiry, cvn } : {}),
    }
    setBusy(true)
    setError(null)
    try {
      onStarted(request, await walletApi.startCardBinding(request))
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'CARD_DETAILS_REQUIRED') {
        setDetailsRequiredFor(digits)
      }
      setError(caught)
      setBusy(false)
    }
  }

  return (
    <form
      className="lq-card lq-form"
      onSubmit={(event) => void submit(event)}
      noValidate
      data-testid="card-form"
    >
      <p className="lq-form__intro">
        {t('addCard.intro', { name: maskName(user.realName ?? '') })}
      </p>
      <CardNumberField digits={digits} onDigits={setDigits} />
      <TextField
        label={t('addCard.phone')}
        hint={t('addCard.phoneHint')}
        type="tel"
        inputMode="tel"
        autoComplete="tel"
        value={phone}
        onValue={setPhone}
        testId="card-phone"
      />
      {showCreditFields && (
        <fieldset className="lq-credit-fields" data-testid="card-credit-fields">
          <legend className="lq-field__hint">{t('addCard.creditDetails')}</legend>
          <TextField
            label={t('addCard.expiry')}
            placeholder={t('addCard.expiryPlaceholder')}
            inputMode="numeric"
            autoComplete="cc-exp"
            maxLength={5}
            value={expiry}
            onValue={(value) => setExpiry(formatExpiryInput(value))}
            testId="card-expiry"
          />
          <TextField
            label={t('addCard.cvn')}
            hint={t('addCard.cvnHint')}
            type="password"
            inputMode="numeric"
            autoComplete="cc-csc"
            maxLength={3}
            value={cvn}
            onValue={(value) => setCvn(digitsOnly(value, 3))}
            testId="card-cvn"
          />
        </fieldset>
      )}
      <ErrorWithAction error={error} />
      <SubmitButton busy={busy} disabled={digits === '' || phone === ''} testId="card-bind-submit">
        {t('common.next')}
      </SubmitButton>
    </form>
  )
}

/** 验证码已发送, the code field and 重新获取 (which starts a new bind request). */
function CodeRow({
  started,
  code,
  onCode,
  secondsLeft,
  resend,
}: {
  started: BindRequest
  code: string
  onCode: (code: string) => void
  secondsLeft: number
  /** Undefined while a resend is under way. */
  resend: (() => void) | undefined
}): ReactNode {
  const { t, lang } = useI18n()
  // Resumed: the code was sent by the earlier visit to this step, and still works.
  const sentKey = started.resumed === true ? 'addCard.codeStillValid' : 'sms.sent'
  return (
    <>
      <SuccessNote testId="card-sms-sent">{t(sentKey, { phone: started.phoneMasked })}</SuccessNote>
      <div className="lq-code-row">
        <SmsCodeField value={code} onValue={onCode} testId="card-sms-code" />
        <button
          type="button"
          className="lq-sms-button"
          disabled={resend === undefined || secondsLeft > 0}
          data-testid="card-sms-resend"
          data-seconds-left={secondsLeft}
          onClick={resend}
        >
          {secondsLeft > 0 ? resendCountdownText(lang, secondsLeft) : t('sms.resend')}
        </button>
      </div>
    </>
  )
}

/** Step 2: the bank texted a code to the reserved phone; it binds the card. */
function CardVerify({
  request,
  started: initialStarted,
  onBound,
  onOtherCard,
}: {
  request: BindCardRequest
  started: BindRequest
  onBound: (card: BankCard) => void
  onOtherCard: () => void
}): ReactNode {
  const i18n = useI18n()
  const { t } = i18n
  const [started, setStarted] = useState(initialStarted)
  const [code, setCode] = useState('')
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const [resending, setResending] = useState(false)
  const { secondsLeft, start } = useCountdown()
  // The first code went out with the bind request that led here (or, resumed, a little earlier).
  useEffect(() => start(initialStarted.resendAfterSeconds), [start, initialStarted])

  async function confirm(event: FormEvent): Promise<void> {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      onBound(await walletApi.confirmCardBinding(started.bindRequestId, code.trim()))
    } catch (caught) {
      setError(caught)
      setBusy(false)
      // A burned or expired code: a new bind request (and code) may follow at once.
      if (needsNewCode(caught)) start(0)
    }
  }

  // A new code means a new bind request: the bank checks the card again and texts again.
  async function resend(): Promise<void> {
    setResending(true)
    setError(null)
    try {
      const next = await walletApi.startCardBinding(request)
      setStarted(next)
      setCode('')
      start(next.resendAfterSeconds)
    } catch (caught) {
      const wait = caught instanceof ApiError ? caught.detailNumber('retryAfterSeconds') : undefined
      if (wait !== undefined) start(wait)
      setError(caught)
    } finally {
      setResending(false)
    }
  }

  return (
    <form
      className="lq-card lq-form"
      onSubmit={(event) => void confirm(event)}
      noValidate
      data-testid="card-verify"
    >
      <h2 className="lq-card__title">{t('addCard.verify.title')}</h2>
      <p className="lq-card-summary" data-testid="card-verify-card">
        <BankBadge bankCode={started.bankCode} />
        <span>{cardLabel(i18n, started)}</span>
      </p>
      <CodeRow
        started={started}
        code={code}
        onCode={setCode}
        secondsLeft={secondsLeft}
        resend={resending ? undefined : () => void resend()}
      />
      <ErrorAlert error={error} />
      <SubmitButton busy={busy} disabled={!isSmsCode(code)} testId="card-confirm-submit">
        {t('addCard.confirm')}
      </SubmitButton>
      <button
        type="button"
        className="lq-link-button"
        onClick={onOtherCard}
        data-testid="card-other"
      >
        {t('addCard.otherCard')}
      </button>
      <DevSmsHint />
    </form>
  )
}

function Bound({ card, next }: { card: BankCard; next: string }): ReactNode {
  const i18n = useI18n()
  const { t } = i18n
  return (
    <section className="lq-card lq-done" data-testid="card-bound">
      <span className="lq-done__icon" aria-hidden="true">
        ✓
      </span>
      <h2>{t('addCard.done.title')}</h2>
      <p>{t('addCard.done.body', { card: cardLabel(i18n, card) })}</p>
      <Link to={next} className="lq-button lq-button--primary" testId="card-bound-next">
        {t(next === '/cards' ? 'addCard.done.cards' : 'addCard.done.continue')}
      </Link>
    </section>
  )
}

type Step =
  | { kind: 'form'; request: BindCardRequest }
  | { kind: 'verify'; request: BindCardRequest; started: BindRequest }
  | { kind: 'bound'; card: BankCard }

/** 添加银行卡: the bank checks the card, texts the reserved phone, and the code binds it. */
export function AddCardPage(): ReactNode {
  const user = useUser()
  const session = useSession()
  const { search } = useLocation()
  const next = safeNext(search.get('next'), '/cards')
  const [step, setStep] = useState<Step>({
    kind: 'form',
    // ?card=&phone= prefill the form (the demo identity's card, from the real-name page).
    request: { cardNumber: search.get('card') ?? '', phone: search.get('phone') ?? user.phone },
  })

  function body(): ReactNode {
    if (!user.verified) return <CardsKycRequired />
    switch (step.kind) {
      case 'form':
        return (
          <CardForm
            initial={step.request}
            onStarted={(request, started) => setStep({ kind: 'verify', request, started })}
          />
        )
      case 'verify':
        return (
          <CardVerify
            request={step.request}
            started={step.started}
            onOtherCard={() => {
              setStep({ kind: 'form', request: { cardNumber: '', phone: user.phone } })
            }}
            onBound={(card) => {
              setStep({ kind: 'bound', card })
              // A card in the holder's own name can raise the account class.
              void session.refresh()
            }}
          />
        )
      case 'bound':
        return <Bound card={step.card} next={next} />
    }
  }

  return (
    <PageShell titleKey="addCard.title" backTo="/cards" testId="add-card-page">
      {body()}
    </PageShell>
  )
}
