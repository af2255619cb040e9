import type { ReactNode } from 'react'
import { ApiError } from '../../shared/api'
import { ErrorAlert } from '../../shared/ErrorAlert'
import { useI18n } from '../../shared/i18n'
import type { MessageKey } from '../../shared/i18n'
import { Link } from '../../shared/router'
import type { Operation } from '../api'

/** Refusals another page fixes: the alert links straight to it. */
const FIX: Readonly<Record<string, { to: string; key: MessageKey }>> = {
  KYC_REQUIRED: { to: '/real-name', key: 'wallet.kyc.action' },
  PAYMENT_PASSWORD_NOT_SET: { to: '/payment-password', key: 'realName.next' },
  PIN_LOCKED: { to: '/payment-password', key: 'pin.forgot' },
  ACCOUNT_FROZEN: { to: '/appeal', key: 'wallet.banner.frozen.action' },
}

/** Codes after which asking for the payment password again cannot help. */
export function isBlocking(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false
  return Object.hasOwn(FIX, error.code) || error.code === 'ACCOUNT_RESTRICTED'
}

/** `ErrorAlert` plus, for a refusal another page fixes, a link there (`<testId>-action`). */
export function ErrorWithAction({
  error,
  testId = 'form-error',
}: {
  error: unknown
  testId?: string
}): ReactNode {
  const { t } = useI18n()
  const fix = error instanceof ApiError ? FIX[error.code] : undefined
  return (
    <ErrorAlert error={error} testId={testId}>
      {fix !== undefined && (
        <Link to={fix.to} className="lq-alert__action" testId={`${testId}-action`}>
          {t(fix.key)}
        </Link>
      )}
    </ErrorAlert>
  )
}

/** A FAILED operation's reason as an error, so it is shown like any other (message + details). */
export function operationFailure(operation: Operation): ApiError | null {
  const failure = operation.failure
  if (failure === null) return null
  return new ApiError(0, failure.code, failure.message, failure.details)
}
