import { useState } from 'react'
import type { FormEvent, ReactNode } from 'react'
import { localError } from '../shared/api'
import { ErrorAlert } from '../shared/ErrorAlert'
import { Field, SubmitButton, SuccessNote } from '../shared/forms'
import { formatShanghaiDateTime } from '../shared/format'
import { useI18n } from '../shared/i18n'
import type { MessageKey } from '../shared/i18n'
import { Link } from '../shared/router'
import { useApiData } from '../shared/useApiData'
import { adminApi, mayChangeStatus } from './api'
import type { AdminUser, Appeal, UserDetail, UserStatus } from './api'
import { AuditTable } from './AuditTable'
import { ACCOUNT_CLASS_KEY, statusReasonText } from './labels'
import { useOperator } from './session'
import { UserMoneySection } from './UserMoneySection'
import { StatusPill } from './StatusPill'

export const REASON_MAX_CHARS = 500

const STATUSES: readonly UserStatus[] = ['frozen', 'restricted', 'normal']

const ACTION_KEY: Record<UserStatus, MessageKey> = {
  frozen: 'admin.user.action.frozen',
  restricted: 'admin.user.action.restricted',
  normal: 'admin.user.action.normal',
}

function Summary({ user, sessions }: { user: AdminUser; sessions: number }): ReactNode {
  const { t, lang } = useI18n()
  const rows: [MessageKey, ReactNode, string?][] = [
    ['admin.user.field.id', <code>{user.id}</code>],
    ['admin.user.field.phone', user.phone, 'admin-detail-phone'],
    ['admin.user.field.realName', user.realName ?? t('admin.user.unnamed')],
    ['admin.user.field.verified', t(user.verified ? 'common.yes' : 'common.no')],
    ['admin.user.field.class', t(ACCOUNT_CLASS_KEY[user.accountClass])],
    ['admin.user.field.status', <StatusPill status={user.status} testId="admin-detail-status" />],
    ['admin.user.field.reason', statusReasonText(user.statusReason, lang), 'admin-detail-reason'],
    ['admin.user.sessions', String(sessions)],
    ['admin.user.field.created', formatShanghaiDateTime(user.createdAtMs, lang)],
  ]
  return (
    <dl className="lq-card lq-facts" data-testid="admin-user-summary">
      {rows.map(([key, value, testId]) => (
        <div key={key}>
          <dt>{t(key)}</dt>
          <dd data-testid={testId}>{value}</dd>
        </div>
      ))}
    </dl>
  )
}

/** Freeze / restrict / restore with a reason the user will read. Risk and admin roles only. */
function StatusActions({
  user,
  onChanged,
}: {
  user: AdminUser
  onChanged: (user: AdminUser) => void
}): ReactNode {
  const { t } = useI18n()
  const operator = useOperator()
  const [target, setTarget] = useState<UserStatus | null>(null)
  const [reason, setReason] = useState('')
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const [done, setDone] = useState(false)

  if (!mayChangeStatus(operator.role)) {
    return (
      <p className="lq-card lq-muted" data-testid="admin-status-forbidden">
        {t('admin.user.noPermission')}
      </p>
    )
  }

  async function apply(event: FormEvent): Promise<void> {
    event.preventDefault()
    if (target === null) return
    if (reason.trim() === '') {
      setError(localError('REASON_REQUIRED', 'admin.user.reasonRequired'))
      return
    }
    setBusy(true)
    setError(null)
    try {
      onChanged(await adminApi.setUserStatus(user.id, target, reason.trim()))
      setTarget(null)
      setReason('')
      setDone(true)
    } catch (caught) {
      setError(caught)
    } finally {
      setBusy(false)
    }
  }

  const choices = STATUSES.filter((status) => status !== user.status)
  return (
    <form
      className="lq-card lq-form"
      onSubmit={(event) => void apply(event)}
      data-testid="admin-status-actions"
    >
      <h2 className="lq-card__title">{t('admin.user.changeStatus')}</h2>
      <div className="lq-segmented" role="radiogroup" aria-label={t('admin.user.changeStatus')}>
        {choices.map((status) => (
          <button
            key={status}
            type="button"
            role="radio"
            aria-checked={target === status}
            className={`lq-segmented__option lq-segmented__option--${status}`}
            data-testid={`admin-status-${status}`}
            onClick={() => {
              setTarget(status)
              setDone(false)
            }}
          >
            {t(ACTION_KEY[status])}
          </button>
        ))}
      </div>
      {target !== null && (
        <>
          <Field
            label={t('admin.user.reason')}
            htmlFor="lq-status-reason"
            hint={`${reason.length} / ${REASON_MAX_CHARS}`}
          >
            <textarea
              id="lq-status-reason"
              className="lq-input lq-textarea"
              rows={2}
              maxLength={REASON_MAX_CHARS}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              data-testid="admin-status-reason"
            />
          </Field>
          <SubmitButton
            busy={busy}
            variant={target === 'normal' ? 'primary' : 'danger'}
            testId="admin-status-apply"
          >
            {t('admin.user.apply')}
          </SubmitButton>
        </>
      )}
      <ErrorAlert error={error} />
      {done && (
        <SuccessNote testId="admin-status-done">{t('admin.user.statusChanged')}</SuccessNote>
      )}
    </form>
  )
}

function AppealList({ appeals }: { appeals: Appeal[] }): ReactNode {
  const { t, lang } = useI18n()
  if (appeals.length === 0) return <p className="lq-muted">{t('common.none')}</p>
  return (
    <ul className="lq-list">
      {appeals.map((appeal) => (
        <li key={appeal.id} className="lq-list__item" data-testid="admin-user-appeal">
          <div>
            <p>
              <StatusPill status={appeal.status} />
              {appeal.statement}
            </p>
            {appeal.decisionReason !== null && (
              <p className="lq-muted">
                {t('admin.appeals.decisionReason', { reason: appeal.decisionReason })}
              </p>
            )}
          </div>
          <span className="lq-muted lq-nowrap">
            {formatShanghaiDateTime(appeal.createdAtMs, lang)}
          </span>
        </li>
      ))}
    </ul>
  )
}

/** One user: facts, status actions, audit trail and appeals. */
export function UserDetailPage({ userId }: { userId: string }): ReactNode {
  const { t } = useI18n()
  const detail = useApiData(() => adminApi.user(userId), userId)

  function body(data: UserDetail): ReactNode {
    return (
      <>
        <Summary user={data.user} sessions={data.sessions} />
        {/* Reload everything: the audit trail has a new entry too. */}
        <StatusActions user={data.user} onChanged={detail.reload} />
        <UserMoneySection userId={data.user.id} />
        <section className="lq-card" aria-labelledby="lq-user-appeals">
          <h2 className="lq-card__title" id="lq-user-appeals">
            {t('admin.user.appeals')}
          </h2>
          <AppealList appeals={data.appeals} />
        </section>
        <section className="lq-card" aria-labelledby="lq-user-audit">
          <h2 className="lq-card__title" id="lq-user-audit">
            {t('admin.user.audit')}
          </h2>
          <AuditTable entries={data.audit} operators={data.operators} />
          <Link
            to={`/admin/audit?user=${encodeURIComponent(data.user.id)}`}
            testId="admin-user-audit-all"
          >
            {t('admin.user.auditAll')} ›
          </Link>
        </section>
      </>
    )
  }

  return (
    <section className="lq-admin-page" data-testid="admin-user-page">
      <Link to="/admin/users" testId="admin-user-back">
        ‹ {t('admin.user.back')}
      </Link>
      <h1>{t('admin.user.title')}</h1>
      {detail.state.kind === 'loading' && <p className="lq-muted">{t('common.loading')}</p>}
      {detail.state.kind === 'error' && <ErrorAlert error={detail.state.error} />}
      {detail.state.kind === 'ready' && body(detail.state.data)}
    </section>
  )
}
