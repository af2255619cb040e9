import { useState } from 'react'
import type { FormEvent, ReactNode } from 'react'
import { useI18n } from '../../shared/i18n'
import type { MessageKey } from '../../shared/i18n'
import type { FilterForm } from './record-filters'
import { RECORD_DIRECTION_CHOICES, RECORD_KINDS } from './record-filters'
import { RECORD_KIND_KEY } from './record-labels'

const EMPTY: FilterForm = {
  month: '',
  sourceKind: '',
  direction: '',
  minYuan: '',
  maxYuan: '',
  search: '',
}

type Field = { value: string; onChange: (value: string) => void; testId: string }

function LabeledInput({
  labelKey,
  type = 'text',
  field,
}: {
  labelKey: MessageKey
  type?: 'text' | 'month'
  field: Field
}): ReactNode {
  const { t } = useI18n()
  return (
    <label>
      <span>{t(labelKey)}</span>
      <input
        type={type}
        className="lq-input"
        {...(type === 'text' ? { inputMode: 'decimal' as const } : {})}
        value={field.value}
        onChange={(event) => field.onChange(event.target.value)}
        data-testid={field.testId}
      />
    </label>
  )
}

function LabeledSelect({
  labelKey,
  allKey,
  options,
  field,
}: {
  labelKey: MessageKey
  allKey: MessageKey
  options: readonly [string, MessageKey][]
  field: Field
}): ReactNode {
  const { t } = useI18n()
  return (
    <label>
      <span>{t(labelKey)}</span>
      <select
        className="lq-input"
        value={field.value}
        onChange={(event) => field.onChange(event.target.value)}
        data-testid={field.testId}
      >
        <option value="">{t(allKey)}</option>
        {options.map(([value, key]) => (
          <option key={value} value={value}>
            {t(key)}
          </option>
        ))}
      </select>
    </label>
  )
}

const KIND_OPTIONS = RECORD_KINDS.map(
  (kind) => [kind, RECORD_KIND_KEY[kind]] as [string, MessageKey],
)
const DIRECTION_OPTIONS = RECORD_DIRECTION_CHOICES.map(
  (direction) => [direction, `records.direction.${direction}`] as [string, MessageKey],
)

function ResetButton({ onReset }: { onReset: () => void }): ReactNode {
  const { t } = useI18n()
  return (
    <button
      type="button"
      className="lq-button lq-button--secondary"
      data-testid="records-reset"
      onClick={onReset}
    >
      {t('records.reset')}
    </button>
  )
}

/** 筛选: month, type, direction, amount range and a search; applied by the page's URL. */
export function RecordFilters({
  initial,
  invalidAmount,
  onApply,
}: {
  initial: FilterForm
  invalidAmount: boolean
  onApply: (form: FilterForm) => void
}): ReactNode {
  const { t } = useI18n()
  const [form, setForm] = useState(initial)
  const field = (name: keyof FilterForm, testId: string): Field => ({
    value: form[name],
    onChange: (value) => setForm({ ...form, [name]: value }),
    testId,
  })
  function submit(event: FormEvent): void {
    event.preventDefault()
    onApply(form)
  }
  const search = field('search', 'records-search')
  return (
    <form className="lq-card lq-record-filters" onSubmit={submit} data-testid="record-filters">
      <input
        type="search"
        className="lq-input lq-record-filters__search"
        placeholder={t('records.search')}
        aria-label={t('records.search')}
        maxLength={50}
        value={search.value}
        onChange={(event) => search.onChange(event.target.value)}
        data-testid={search.testId}
      />
      <LabeledInput labelKey="records.month" type="month" field={field('month', 'records-month')} />
      <LabeledSelect
        labelKey="records.type"
        allKey="records.type.all"
        options={KIND_OPTIONS}
        field={field('sourceKind', 'records-type')}
      />
      <LabeledSelect
        labelKey="records.direction"
        allKey="records.direction.all"
        options={DIRECTION_OPTIONS}
        field={field('direction', 'records-direction')}
      />
      <LabeledInput labelKey="records.amountMin" field={field('minYuan', 'records-min')} />
      <LabeledInput labelKey="records.amountMax" field={field('maxYuan', 'records-max')} />
      {invalidAmount && (
        <p role="alert" data-testid="records-amount-invalid">
          {t('records.amountInvalid')}
        </p>
      )}
      <div className="lq-record-filters__actions">
        <button type="submit" className="lq-button lq-button--primary" data-testid="records-apply">
          {t('records.apply')}
        </button>
        <ResetButton
          onReset={() => {
            setForm(EMPTY)
            onApply(EMPTY)
          }}
        />
      </div>
    </form>
  )
}
