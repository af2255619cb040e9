import { useState } from 'react'
import type { ReactNode } from 'react'
import { useI18n } from '../../shared/i18n'

/**
 * Keyset pages: the cursors of the pages seen so far, so 上一页 goes back exactly and 下一页
 * follows the server's `nextCursor` (no offsets: a new row never shifts a page). Changing the
 * filters (`filterKey`) starts again at the first page.
 */
export function useKeysetPages(filterKey: string) {
  const [state, setState] = useState<{ filterKey: string; cursors: (string | undefined)[] }>({
    filterKey,
    cursors: [undefined],
  })
  const cursors = state.filterKey === filterKey ? state.cursors : [undefined]
  return {
    cursor: cursors[cursors.length - 1],
    page: cursors.length,
    next: (nextCursor: string) => setState({ filterKey, cursors: [...cursors, nextCursor] }),
    previous: () => setState({ filterKey, cursors: cursors.slice(0, -1) }),
  }
}

export function Pager({
  page,
  nextCursor,
  onNext,
  onPrevious,
  testId,
}: {
  page: number
  nextCursor: string | null
  onNext: (cursor: string) => void
  onPrevious: () => void
  testId: string
}): ReactNode {
  const { t } = useI18n()
  return (
    <div className="lq-pager" data-testid={testId}>
      <button
        type="button"
        className="lq-small-button"
        disabled={page <= 1}
        onClick={onPrevious}
        data-testid={`${testId}-previous`}
      >
        {t('mpay.pager.previous')}
      </button>
      <span data-testid={`${testId}-page`}>{t('mpay.pager.page', { page })}</span>
      <button
        type="button"
        className="lq-small-button"
        disabled={nextCursor === null}
        onClick={() => nextCursor !== null && onNext(nextCursor)}
        data-testid={`${testId}-next`}
      >
        {t('mpay.pager.next')}
      </button>
    </div>
  )
}

/** A status filter: 全部 and each status by its label. */
export function StatusFilter<T extends string>({
  label,
  value,
  options,
  text,
  onValue,
  testId,
}: {
  label: string
  value: T | ''
  options: readonly T[]
  text: (option: T) => string
  onValue: (value: T | '') => void
  testId: string
}): ReactNode {
  const { t } = useI18n()
  return (
    <label className="lq-field lq-filter">
      <span className="lq-field__label">{label}</span>
      <select
        className="lq-input"
        value={value}
        onChange={(event) => onValue(event.target.value as T | '')}
        data-testid={testId}
      >
        <option value="">{t('mpay.filter.any')}</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {text(option)}
          </option>
        ))}
      </select>
    </label>
  )
}
