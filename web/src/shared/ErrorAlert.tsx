import type { ReactNode } from 'react'
import { ApiError, errorMessage } from './api'
import { errorDetailText } from './error-details'
import { useI18n } from './i18n'

/**
 * An error in the reader's language: the server's message, then what its details add (wait
 * time, tries left, why a PIN is weak). `data-code` carries the code for tests, never the text.
 * `children` go last, e.g. a link to the page that fixes the problem.
 */
export function ErrorAlert({
  error,
  testId = 'form-error',
  children,
}: {
  error: unknown
  testId?: string
  children?: ReactNode
}): ReactNode {
  const i18n = useI18n()
  if (error === undefined || error === null) return null
  const detail = errorDetailText(error, i18n)
  return (
    <div
      className="lq-alert lq-alert--error"
      role="alert"
      data-testid={testId}
      data-code={error instanceof ApiError ? error.code : 'UNEXPECTED'}
    >
      <p>{errorMessage(error, i18n.lang)}</p>
      {detail !== undefined && (
        <p className="lq-alert__detail" data-testid={`${testId}-detail`}>
          {detail}
        </p>
      )}
      {children}
    </div>
  )
}
