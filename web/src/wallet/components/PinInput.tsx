import { useEffect, useId, useRef } from 'react'
import type { ReactNode } from 'react'
import { digitsOnly } from '../../shared/format'
import { useI18n } from '../../shared/i18n'

export const PIN_LENGTH = 6

/**
 * Six boxes over one real password input: the phone shows its number pad (inputmode numeric),
 * digits never appear on screen (dots only), and paste or autofill still work because it is a
 * single field. `onComplete` fires once when the sixth digit arrives.
 */
export function PinInput({
  label,
  value,
  onChange,
  onComplete,
  testId,
  disabled = false,
  autoFocus = true,
}: {
  label: string
  value: string
  onChange: (value: string) => void
  onComplete?: (value: string) => void
  testId: string
  disabled?: boolean
  autoFocus?: boolean
}): ReactNode {
  const { t } = useI18n()
  const id = useId()
  const input = useRef<HTMLInputElement>(null)

  useEffect(() => {
    if (autoFocus && !disabled) input.current?.focus()
  }, [autoFocus, disabled])

  return (
    <div className="lq-pin">
      <label className="lq-pin__label" htmlFor={id}>
        {label}
      </label>
      <div className="lq-pin__field">
        <div className="lq-pin__boxes" aria-hidden="true">
          {Array.from({ length: PIN_LENGTH }, (_, index) => (
            <span
              key={index}
              className={`lq-pin__box ${index === value.length ? 'lq-pin__box--next' : ''}`}
            >
              {index < value.length ? <i className="lq-pin__dot" /> : null}
            </span>
          ))}
        </div>
        {/* Transparent and on top of the boxes, so a tap anywhere on them focuses it. */}
        <input
          ref={input}
          id={id}
          className="lq-pin__input"
          type="password"
          inputMode="numeric"
          pattern="[0-9]*"
          autoComplete="off"
          maxLength={PIN_LENGTH}
          value={value}
          disabled={disabled}
          data-testid={testId}
          aria-describedby={`${id}-progress`}
          onChange={(event) => {
            const next = digitsOnly(event.target.value, PIN_LENGTH)
            onChange(next)
            if (next.length === PIN_LENGTH && value.length < PIN_LENGTH) onComplete?.(next)
          }}
        />
      </div>
      <p className="lq-visually-hidden" id={`${id}-progress`} aria-live="polite">
        {t('pin.progress', { count: value.length })}
      </p>
    </div>
  )
}
