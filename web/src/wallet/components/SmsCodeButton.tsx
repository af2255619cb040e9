import { useEffect, useRef, useState } from 'react'
import type { ReactNode } from 'react'
import { ApiError, localError } from '../../shared/api'
import { looksLikeMobile, normalizePhoneInput } from '../../shared/format'
import { useI18n } from '../../shared/i18n'
import { resendCountdownText } from '../../shared/countdown-text'
import { useCountdown } from '../../shared/useCountdown'
import { walletApi } from '../api'
import type { SmsIssued, SmsPurpose } from '../api'

/**
 * The code just refused cannot work any more (burned by wrong tries, expired or used): the
 * server lets a new one follow at once, so the countdown stops.
 */
export function needsNewCode(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false
  const codes = ['SMS_CODE_BURNED', 'SMS_CODE_EXPIRED', 'SMS_CODE_NOT_REQUESTED']
  if (codes.includes(error.code)) return true
  return error.code === 'SMS_CODE_WRONG' && error.detailNumber('attemptsLeft') === 0
}

interface SmsCodeButtonProps {
  phone: string
  purpose: SmsPurpose
  onSent: (issued: SmsIssued) => void
  onError: (error: unknown) => void
  testId: string
  disabled?: boolean
  /** Send once as soon as it appears, for a step that exists only to take the code. */
  sendOnMount?: boolean
  /** The form's last error: a burned or expired code enables 重新获取 at once. */
  codeError?: unknown
}

/**
 * 获取验证码 with the resend countdown. The countdown comes from the server: the resend interval
 * after a send, or `retryAfterSeconds` when the server says FREQUENCY_LIMITED.
 */
export function SmsCodeButton({
  phone,
  purpose,
  onSent,
  onError,
  testId,
  disabled = false,
  sendOnMount = false,
  codeError,
}: SmsCodeButtonProps): ReactNode {
  const { t, lang } = useI18n()
  const { secondsLeft, start } = useCountdown()
  const [sending, setSending] = useState(false)
  const [sentOnce, setSentOnce] = useState(false)

  async function send(): Promise<void> {
    if (!looksLikeMobile(phone)) {
      onError(localError('PHONE_INVALID', 'phone.invalid'))
      return
    }
    setSending(true)
    try {
      const issued = await walletApi.sendSmsCode(normalizePhoneInput(phone), purpose)
      start(issued.resendAfterSeconds)
      setSentOnce(true)
      onSent(issued)
    } catch (error) {
      const wait = error instanceof ApiError ? error.detailNumber('retryAfterSeconds') : undefined
      if (wait !== undefined) start(wait)
      onError(error)
    } finally {
      setSending(false)
    }
  }

  // A ref, so StrictMode's second mount in development does not send a second code.
  const sentOnMount = useRef(false)
  useEffect(() => {
    if (!sendOnMount || sentOnMount.current) return
    sentOnMount.current = true
    void send()
    // Once, on mount: later changes of the props do not send again.
  }, [])

  useEffect(() => {
    if (needsNewCode(codeError)) start(0)
  }, [codeError, start])

  const label =
    secondsLeft > 0
      ? resendCountdownText(lang, secondsLeft)
      : t(sentOnce ? 'sms.resend' : 'sms.send')
  return (
    <button
      type="button"
      className="lq-sms-button"
      disabled={disabled || sending || secondsLeft > 0}
      data-testid={testId}
      data-seconds-left={secondsLeft}
      onClick={() => void send()}
    >
      {label}
    </button>
  )
}
