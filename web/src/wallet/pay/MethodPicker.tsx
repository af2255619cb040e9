import type { ReactNode } from 'react'
import { useI18n } from '../../shared/i18n'
import { Link } from '../../shared/router'
import { BankBadge } from '../money/BankBadge'
import type { MethodOption, PayMethod } from './pay-api'

type MethodView = MethodOption['method']

/** A stable key for a method: 'balance' or 'card:<id>'. */
export function methodKey(method: MethodView | PayMethod): string {
  return method.kind === 'balance' ? 'balance' : `card:${method.cardId}`
}

/** What to send for a method the server described. */
export function payMethodOf(method: MethodView): PayMethod {
  return method.kind === 'balance' ? { kind: 'balance' } : { kind: 'card', cardId: method.cardId }
}

/** The option to start with: the default when it is available, else the first that is. */
export function initialMethod(
  options: readonly MethodOption[],
  defaultMethod: MethodView | null,
): MethodOption | undefined {
  const usable = options.filter((option) => option.available)
  const preferred = defaultMethod === null ? undefined : methodKey(defaultMethod)
  return usable.find((option) => methodKey(option.method) === preferred) ?? usable[0]
}

function MethodRow({
  option,
  selected,
  isDefault,
  onSelect,
}: {
  option: MethodOption
  selected: boolean
  isDefault: boolean
  onSelect: (key: string) => void
}): ReactNode {
  const { t, lang } = useI18n()
  const key = methodKey(option.method)
  return (
    <label
      className={`lq-card-option ${option.available ? '' : 'lq-card-option--disabled'}`}
      data-testid="pay-method"
      data-method={key}
      data-available={option.available}
    >
      <input
        type="radio"
        name="pay-method"
        value={key}
        checked={selected}
        disabled={!option.available}
        onChange={() => onSelect(key)}
      />
      {option.method.kind === 'card' ? (
        <BankBadge bankCode={option.method.bankCode} />
      ) : (
        <span className="lq-bank-badge lq-pay-methods__balance" aria-hidden="true">
          ¥
        </span>
      )}
      <span className="lq-card-option__text">
        <span data-testid="pay-method-label">
          {option.label[lang]}
          {isDefault && (
            <em className="lq-pay-methods__default" data-testid="pay-method-default">
              {t('pay.method.default')}
            </em>
          )}
        </span>
        {option.reason !== null && (
          <small
            className="lq-card-option__note"
            data-testid="pay-method-reason"
            data-code={option.reason.code}
          >
            {option.reason.message[lang]}
          </small>
        )}
      </span>
    </label>
  )
}

/**
 * 付款方式: 零钱 and each bound card as radio options; the default is marked and one that
 * cannot pay is disabled with the server's reason (余额不足, 超出银行卡限额…).
 */
export function MethodPicker({
  options,
  selected,
  defaultMethod,
  onSelect,
  addCardNext,
}: {
  options: readonly MethodOption[]
  selected: string | null
  defaultMethod: MethodView | null
  onSelect: (key: string) => void
  addCardNext: string
}): ReactNode {
  const { t } = useI18n()
  const defaultKey = defaultMethod === null ? null : methodKey(defaultMethod)
  return (
    <fieldset className="lq-card-picker lq-pay-methods" data-testid="pay-methods">
      <legend className="lq-field__label">{t('pay.method.title')}</legend>
      {options.map((option) => (
        <MethodRow
          key={methodKey(option.method)}
          option={option}
          selected={methodKey(option.method) === selected}
          isDefault={methodKey(option.method) === defaultKey}
          onSelect={onSelect}
        />
      ))}
      <Link
        to={`/cards/add?next=${encodeURIComponent(addCardNext)}`}
        className="lq-card-picker__add"
        testId="pay-add-card"
      >
        + {t('cards.add')}
      </Link>
    </fieldset>
  )
}
