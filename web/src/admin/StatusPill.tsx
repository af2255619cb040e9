import type { ReactNode } from 'react'
import { useI18n } from '../shared/i18n'
import type { MessageKey } from '../shared/i18n'
import type { AppealStatus, UserStatus } from './api'
import { APPEAL_STATUS_KEY, USER_STATUS_KEY } from './status-keys'

export { APPEAL_STATUS_KEY, USER_STATUS_KEY } from './status-keys'

const STATUS_KEY: Record<UserStatus | AppealStatus, MessageKey> = {
  ...USER_STATUS_KEY,
  ...APPEAL_STATUS_KEY,
}

/** A coloured status word; `data-status` carries the raw value for tests. */
export function StatusPill({
  status,
  testId,
}: {
  status: UserStatus | AppealStatus
  testId?: string
}): ReactNode {
  const { t } = useI18n()
  const key = STATUS_KEY[status]
  return (
    <span className={`lq-pill lq-pill--${status}`} data-testid={testId} data-status={status}>
      {t(key)}
    </span>
  )
}
