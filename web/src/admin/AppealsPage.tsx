import { useState } from 'react'
import type { ReactNode } from 'react'
import { localError } from '../shared/api'
import { ErrorAlert } from '../shared/ErrorAlert'
import { Field, SubmitButton, SuccessNote } from '../shared/forms'
import { formatShanghaiDateTime } from '../shared/format'
import { useI18n } from '../shared/i18n'
import type { MessageKey } from '../shared/i18n'
import { Link, useLocation } from '../shared/router'
import { useApiData } from '../shared/useApiData'
import { adminApi } from './api'
import type { AppealDecision, AppealStatus, QueuedAppeal } from './api'
import { ApproveConfirm } from './ApproveConfirm'
import { StatusPill } from './StatusPill'
import { REASON_MAX_CHARS } from './UserDetailPage'

const TABS: readonly { status: AppealStatus; key: MessageKey }[] = [
  { status: 'pending', key: 'admin.appeals.tab.pending' },
  { status: 'approved', key: 'admin.appeals.tab.approved' },
  { status: 'rejected', key: 'admin.appeals.tab.rejected' },
]

const DECIDED_KEY: Record<AppealDecision, MessageKey> = {
  approve: 'admin.appeals.decided.approved',
  reject: 'admin.appeals.decided.rejected',
}

function isAppealStatus(value: string | null): value is AppealStatus {
  return value === 'pending' || value === 'approved' || value === 'rejected'
}

function DecisionButtons({
  busy,
  onReject,
  onApprove,
}: {
  busy: AppealDecision | null
  onReject: () => void
  onApprove: () => void
}): ReactNode {
  const { t } = useI18n()
  return (
    <div className="lq-button-row">
      <SubmitButton
        type="button"
        busy={busy === 'reject'}
        disabled={busy !== null}
        variant="secondary"
        testId="admin-appeal-reject"
        onClick={onReject}
      >
        {t('admin.appeals.reject')}
      </SubmitButton>
      <SubmitButton
        type="button"
        busy={false}
        disabled={busy !== null}
        testId="admin-appeal-approve"
        onClick={onApprove}
      >
        {t('admin.appeals.approve')}
      </SubmitButton>
    </div>
  )
}

function ReasonField({
  appealId,
  reason,
  onReason,
}: {
  appealId: string
  reason: string
  onReason: (reason: string) => void
}): ReactNode {
  const { t } = useI18n()
  const fieldId = `lq-appeal-reason-${appealId}`
  return (
    <Field
      label={t('admin.appeals.reason')}
      htmlFor={fieldId}
      hint={`${reason.length} / ${REASON_MAX_CHARS}`}
    >
      <textarea
        id={fieldId}
        className="lq-input lq-textarea"
        rows={2}
        maxLength={REASON_MAX_CHARS}
        value={reason}
        onChange={(event) => onReason(event.target.value)}
        data-testid="admin-appeal-reason"
      />
    </Field>
  )
}

/**
 * Reject with a reason the user will read, or approve (which unfreezes) after a confirmation
 * that asks for the note.
 */
function Decision({
  appeal,
  onDecided,
}: {
  appeal: QueuedAppeal
  onDecided: (decision: AppealDecision) => void
}): ReactNode {
  const { t } = useI18n()
  const [reason, setReason] = useState('')
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState<AppealDecision | null>(null)
  const [confirming, setConfirming] = useState(false)

  async function decide(decision: AppealDecision, text: string): Promise<void> {
    if (text.trim() === '') {
      setError(localError('REASON_REQUIRED', 'admin.user.reasonRequired'))
      return
    }
    setBusy(decision)
    setError(null)
    try {
      await adminApi.decideAppeal(appeal.id, decision, text.trim())
      onDecided(decision)
    } catch (caught) {
      setError(caught)
      setBusy(null)
    }
  }

  return (
    <div className="lq-form">
      {/* While confirming, the note is asked for in the confirmation itself. */}
      {!confirming && <ReasonField appealId={appeal.id} reason={reason} onReason={setReason} />}
      <ErrorAlert error={error} />
      {confirming ? (
        <ApproveConfirm
          appealId={appeal.id}
          initialNote={reason}
          busy={busy === 'approve'}
          onConfirm={(note) => void decide('approve', note)}
          onCancel={() => setConfirming(false)}
        />
      ) : (
        <DecisionButtons
          busy={busy}
          onReject={() => void decide('reject', reason)}
          onApprove={() => {
            setError(null)
            setConfirming(true)
          }}
        />
      )}
    </div>
  )
}

function AppealCard({
  appeal,
  onDecided,
}: {
  appeal: QueuedAppeal
  onDecided: (decision: AppealDecision) => void
}): ReactNode {
  const { t, lang } = useI18n()
  return (
    <li
      className="lq-card lq-appeal-card"
      data-testid="admin-appeal"
      data-appeal-id={appeal.id}
      data-user-id={appeal.userId}
    >
      <header className="lq-appeal-card__head">
        <span>
          <StatusPill status={appeal.status} testId="admin-appeal-status" />
          <span data-testid="admin-appeal-user">
            {t('admin.appeals.user', { phone: appeal.userPhone, name: appeal.userRealName ?? '' })}
          </span>
        </span>
        <Link
          to={`/admin/users/${encodeURIComponent(appeal.userId)}`}
          testId="admin-appeal-view-user"
        >
          {t('admin.appeals.viewUser')}
        </Link>
      </header>
      <p className="lq-appeal-card__statement" data-testid="admin-appeal-statement">
        {appeal.statement}
      </p>
      <p className="lq-muted">
        {t('admin.appeals.submittedAt', { time: formatShanghaiDateTime(appeal.createdAtMs, lang) })}
      </p>
      {appeal.decisionReason !== null && (
        <p className="lq-muted">
          {t('admin.appeals.decisionReason', { reason: appeal.decisionReason })}
        </p>
      )}
      {appeal.status === 'pending' && <Decision appeal={appeal} onDecided={onDecided} />}
    </li>
  )
}

/** 申诉审核: the queue (pending oldest first) and the decided ones. */
export function AppealsPage(): ReactNode {
  const { t } = useI18n()
  const { search } = useLocation()
  const requested = search.get('status')
  const status: AppealStatus = isAppealStatus(requested) ? requested : 'pending'
  const appeals = useApiData(() => adminApi.appeals(status), status)
  const [decided, setDecided] = useState<AppealDecision | null>(null)

  return (
    <section className="lq-admin-page" data-testid="admin-appeals-page">
      <h1>{t('admin.appeals.title')}</h1>
      <nav className="lq-tabs" aria-label={t('admin.appeals.filter')}>
        {TABS.map((tab) => (
          <Link
            key={tab.status}
            to={`/admin/appeals?status=${tab.status}`}
            ariaCurrent={tab.status === status}
            testId={`admin-appeals-tab-${tab.status}`}
          >
            {t(tab.key)}
          </Link>
        ))}
      </nav>
      {decided !== null && (
        <SuccessNote testId="admin-appeal-decided">{t(DECIDED_KEY[decided])}</SuccessNote>
      )}
      {appeals.state.kind === 'loading' && <p className="lq-muted">{t('common.loading')}</p>}
      {appeals.state.kind === 'error' && <ErrorAlert error={appeals.state.error} />}
      {appeals.state.kind === 'ready' &&
        (appeals.state.data.appeals.length === 0 ? (
          <p className="lq-card lq-muted" data-testid="admin-appeals-empty">
            {t('admin.appeals.empty')}
          </p>
        ) : (
          <ul className="lq-appeal-cards">
            {appeals.state.data.appeals.map((appeal) => (
              <AppealCard
                key={appeal.id}
                appeal={appeal}
                onDecided={(decision) => {
                  setDecided(decision)
                  appeals.reload()
                }}
              />
            ))}
          </ul>
        ))}
    </section>
  )
}
