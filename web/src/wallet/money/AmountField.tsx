import { useId } from 'react'
import type { ReactNode } from 'react'
import { useI18n } from '../../shared/i18n'
import type { MessageKey } from '../../shared/i18n'
import type { YuanInputError } from '../../shared/money'

const ERROR_KEY: Record<Exclude<YuanInputError, 'EMPTY'>, MessageKey> = {
  FORMAT: 'amount.error.FORMAT',
  TOO_MANY_DECIMALS: 'amount.error.TOO_MANY_DECIMALS',
  ZERO: 'amount.error.ZERO',
  TOO_LARGE: 'amount.error.TOO_LARGE',
}

/**
 * An amount in yuan, typed like on a receipt: a big ¥ and the number. The text is kept as typed;
 * the page parses it to fen (parseYuanToFen) and passes back why it is not an amount yet.
 */
export function AmountField({
  label,
  value,
  onValue,
  error,
  hint,
  action,
  testId = 'amount-input',
}: {
  label: string
  value: string
  onValue: (value: string) => void
  error: YuanInputError | null
  hint?: ReactNode
  /** e.g. 全部提现, at the end of the row. */
  action?: ReactNode
  /** Tells two amounts on one page apart (e.g. the 免密 limits). */
  testId?: string
}): ReactNode {
  const { t } = useI18n()
  const id = useId()
  const shown = error === null || error === 'EMPTY' ? null : error
  return (
    <div className="lq-field lq-amount">
      <label className="lq-field__label" htmlFor={id}>
        {label}
      </label>
      <div className="lq-amount__row">
        <span className="lq-amount__currency" aria-hidden="true">
          ¥
        </span>
        <input
          id={id}
          className="lq-amount__input"
          inputMode="decimal"
          autoComplete="off"
          placeholder={t('amount.placeholder')}
          maxLength={20}
          value={value}
          aria-invalid={shown !== null}
          aria-describedby={shown === null ? undefined : `${id}-error`}
          data-testid={testId}
          onChange={(event) => onValue(event.target.value)}
        />
        {action}
      </div>
      {shown !== null && (
        <p className="lq-field__error" id={`${id}-error`} role="alert" data-testid="amount-error">
          {t(ERROR_KEY[shown])}
        </p>
      )}
      {hint !== undefined && <div className="lq-field__hint">{hint}</div>}
    </div>
  )
}
