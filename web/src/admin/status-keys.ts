/** Message keys of user and appeal statuses (pure data: the audit detail renderer uses it too). */
import type { MessageKey } from '../shared/i18n'
import type { AppealStatus } from '@contract/appeals'
import type { UserStatus } from '@contract/profile'

export const USER_STATUS_KEY: Record<UserStatus, MessageKey> = {
  normal: 'userStatus.normal',
  restricted: 'userStatus.restricted',
  frozen: 'userStatus.frozen',
}

export const APPEAL_STATUS_KEY: Record<AppealStatus, MessageKey> = {
  pending: 'appealStatus.pending',
  approved: 'appealStatus.approved',
  rejected: 'appealStatus.rejected',
}
