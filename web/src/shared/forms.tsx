import { useId } from 'react'
import type { InputHTMLAttributes, ReactNode } from 'react'
import { useI18n } from './i18n'

/** A labelled form row; the label wraps nothing so the input keeps its own layout. */
export function Field({
  label,
  hint,
  children,
  htmlFor,
}: {
  label: string
  hint?: string
  htmlFor: string
  children: ReactNode
}): ReactNode {
  return (
    <div className="lq-field">
      <label className="lq-field__label" htmlFor={htmlFor}>
        {label}
      </label>
      {children}
      {hint !== undefined && <p className="lq-field__hint">{hint}</p>}
    </div>
  )
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'onChange' | 'value'> & {
  label: string
  hint?: string
  value: string
  onValue: (value: string) => void
  testId: string
}

/** A labelled text input that reports plain strings. */
export function TextField({ label, hint, value, onValue, testId, ...rest }: InputProps): ReactNode {
  const id = useId()
  return (
    <Field label={label} hint={hint} htmlFor={id}>
      <input
        {...rest}
        id={id}
        className={`lq-input ${rest.className ?? ''}`}
        value={value}
        data-testid={testId}
        onChange={(event) => onValue(event.target.value)}
      />
    </Field>
  )
}

/** The main button of a form; shows "please wait" while busy so it cannot be sent twice. */
export function SubmitButton({
  busy,
  disabled = false,
  children,
  testId,
  variant = 'primary',
  type = 'submit',
  onClick,
}: {
  busy: boolean
  disabled?: boolean
  children: ReactNode
  testId: string
  variant?: 'primary' | 'danger' | 'secondary'
  type?: 'submit' | 'button'
  onClick?: () => void
}): ReactNode {
  const { t } = useI18n()
  return (
    <button
      type={type}
      className={`lq-button lq-button--${variant}`}
      disabled={busy || disabled}
      aria-busy={busy}
      data-testid={testId}
      onClick={onClick}
    >
      {busy ? t('common.working') : children}
    </button>
  )
}

/** A green "it worked" line, announced to screen readers. */
export function SuccessNote({ children, testId }: { children: ReactNode; testId: string }) {
  return (
    <p className="lq-alert lq-alert--success" role="status" data-testid={testId}>
      {children}
    </p>
  )
}
