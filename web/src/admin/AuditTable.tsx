import type { ReactNode } from 'react'
import { formatShanghaiDateTime } from '../shared/format'
import { useI18n } from '../shared/i18n'
import { Link } from '../shared/router'
import type { AuditEntry, OperatorName } from './api'
import { auditDetailParts } from './audit-detail'
import { auditActionText, auditActorText } from './labels'

function Detail({ entry }: { entry: AuditEntry }): ReactNode {
  const { t, lang } = useI18n()
  const parts = auditDetailParts(entry.detail, t, lang)
  if (parts.length === 0) return null
  return (
    <dl className="lq-audit-detail">
      {parts.map((part) => (
        <div key={part.key} data-key={part.key}>
          <dt>
            {part.label}
            {lang === 'zh' ? '：' : ':'}
          </dt>
          <dd>{part.value}</dd>
        </div>
      ))}
    </dl>
  )
}

/** Audit entries in words: who (operators by name), what, the details, and whose account. */
export function AuditTable({
  entries,
  operators,
  showUser = false,
  testId = 'admin-audit',
}: {
  entries: readonly AuditEntry[]
  operators: readonly OperatorName[]
  showUser?: boolean
  testId?: string
}): ReactNode {
  const { t, lang } = useI18n()
  if (entries.length === 0) {
    return (
      <p className="lq-muted" data-testid={`${testId}-empty`}>
        {t('common.none')}
      </p>
    )
  }
  return (
    <table className="lq-table" data-testid={testId}>
      <thead>
        <tr>
          <th>{t('admin.audit.col.time')}</th>
          <th>{t('admin.audit.col.actor')}</th>
          <th>{t('admin.audit.col.action')}</th>
          {showUser && <th>{t('admin.audit.col.user')}</th>}
          <th>{t('admin.audit.col.detail')}</th>
          <th>{t('admin.audit.col.ip')}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <tr key={entry.id} data-testid="admin-audit-row" data-action={entry.action}>
            <td className="lq-nowrap">{formatShanghaiDateTime(entry.createdAtMs, lang)}</td>
            <td className="lq-nowrap" data-testid="admin-audit-actor">
              {auditActorText(entry, operators, lang)}
            </td>
            <td className="lq-nowrap" data-testid="admin-audit-action">
              {auditActionText(entry.action, lang)}
            </td>
            {showUser && (
              <td>
                {entry.userId === null ? (
                  '—'
                ) : (
                  <Link to={`/admin/users/${encodeURIComponent(entry.userId)}`}>
                    <code>{entry.userId}</code>
                  </Link>
                )}
              </td>
            )}
            <td className="lq-table__detail" data-testid="admin-audit-detail">
              <Detail entry={entry} />
            </td>
            <td>{entry.ip ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
