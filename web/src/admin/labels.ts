import type { I18n, MessageKey } from '../shared/i18n'
import { messages } from '../shared/messages'
import type { AuditEntry, OperatorRole } from './api'

export { ACCOUNT_CLASS_KEY } from '../shared/account-class'

export const ROLE_KEY: Record<OperatorRole, MessageKey> = {
  support: 'admin.role.support',
  risk: 'admin.role.risk',
  admin: 'admin.role.admin',
}

function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(messages, key)
}

/** An audit action in words; actions added later show as their code until they get a label. */
export function auditActionText(t: I18n['t'], action: string): string {
  const key = `audit.${action}`
  return isMessageKey(key) ? t(key) : action
}

export function auditActorText(t: I18n['t'], actor: AuditEntry['actor']): string {
  switch (actor.kind) {
    case 'user':
      return t('admin.actor.user')
    case 'operator':
      return t('admin.actor.operator', { id: actor.id ?? '' })
    case 'system':
      return t('admin.actor.system')
  }
}

/** `detail` as `key: value` pairs, compact enough for a table cell. */
export function auditDetailText(detail: AuditEntry['detail']): string {
  if (detail === null) return ''
  return Object.entries(detail)
    .map(([name, value]) => `${name}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' · ')
}
