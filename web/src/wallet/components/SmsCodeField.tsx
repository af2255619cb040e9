import type { ReactNode } from 'react'
import { TextField } from '../../shared/forms'
import { digitsOnly } from '../../shared/format'
import { useI18n } from '../../shared/i18n'

/** SMS codes are exactly 6 digits. */
export const SMS_CODE_LENGTH = 6

/** True when `code` is a whole SMS code, so the submit button may be pressed. */
export function isSmsCode(code: string): boolean {
  return new RegExp(`^\\d{${SMS_CODE_LENGTH}}$`).test(code)
}

/**
 * The 6-digit SMS code input every flow uses (numeric keypad, one-time-code autofill). Only
 * digits go in, at most 6: a pasted "123 456" or "验证码123456" becomes 123456.
 */
export function SmsCodeField({
  value,
  onValue,
  testId,
  label,
}: {
  value: string
  onValue: (value: string) => void
  testId: string
  label?: string
}): ReactNode {
  const { t } = useI18n()
  return (
    <TextField
      label={label ?? t('sms.code')}
      placeholder={t('sms.codePlaceholder')}
      inputMode="numeric"
      autoComplete="one-time-code"
      pattern="[0-9]*"
      value={value}
      onValue={(text) => onValue(digitsOnly(text, SMS_CODE_LENGTH))}
      testId={testId}
    />
  )
}

/** The phone number input (tel keypad, autofill). */
export function PhoneField({
  value,
  onValue,
  testId,
}: {
  value: string
  onValue: (value: string) => void
  testId: string
}): ReactNode {
  const { t } = useI18n()
  return (
    <TextField
      label={t('phone.label')}
      placeholder={t('phone.placeholder')}
      type="tel"
      inputMode="tel"
      autoComplete="tel"
      value={value}
      onValue={onValue}
      testId={testId}
    />
  )
}
