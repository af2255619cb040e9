import type { ReactNode } from 'react'
import { TextField } from '../../shared/forms'
import { useI18n } from '../../shared/i18n'

/** The 6-digit SMS code input every flow uses (numeric keypad, one-time-code autofill). */
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
      maxLength={6}
      value={value}
      onValue={onValue}
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
