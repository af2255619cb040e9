import { useState } from 'react'
import type { ReactNode } from 'react'
import { localError } from '../shared/api'
import { ErrorAlert } from '../shared/ErrorAlert'
import { Field, SubmitButton } from '../shared/forms'
import { useI18n } from '../shared/i18n'

export const NOTE_MAX_CHARS = 500

/**
 * 通过并解冻 restores a frozen account at once, so it asks first: what will happen, and the
 * note the user will read (required; starts as what was typed in the reason field).
 */
export function ApproveConfirm({
  appealId,
  initialNote,
  busy,
  onConfirm,
  onCancel,
}: {
  appealId: string
  initialNote: string
  busy: boolean
  onConfirm: (note: string) => void
  onCancel: () => void
}): ReactNode {
  const { t } = useI18n()
  const [note, setNote] = useState(initialNote)
  const [error, setError] = useState<unknown>(null)
  const titleId = `lq-approve-title-${appealId}`
  const noteId = `lq-approve-note-${appealId}`

  function confirm(): void {
    if (note.trim() === '') {
      setError(localError('NOTE_REQUIRED', 'admin.appeals.noteRequired'))
      return
    }
    setError(null)
    onConfirm(note.trim())
  }

  return (
    <div
      className="lq-confirm lq-approve-confirm"
      role="alertdialog"
      aria-labelledby={titleId}
      data-testid="admin-appeal-confirm"
    >
      <h3 id={titleId}>{t('admin.appeals.confirm.title')}</h3>
      <p className="lq-muted">{t('admin.appeals.confirm.body')}</p>
      <Field
        label={t('admin.appeals.confirm.note')}
        htmlFor={noteId}
        hint={`${note.length} / ${NOTE_MAX_CHARS}`}
      >
        <textarea
          id={noteId}
          className="lq-input lq-textarea"
          rows={2}
          maxLength={NOTE_MAX_CHARS}
          value={note}
          onChange={(event) => setNote(event.target.value)}
          data-testid="admin-appeal-confirm-note"
        />
      </Field>
      <ErrorAlert error={error} testId="admin-appeal-confirm-error" />
      <div className="lq-button-row">
        <button
          type="button"
          className="lq-button lq-button--secondary"
          disabled={busy}
          onClick={onCancel}
          data-testid="admin-appeal-confirm-cancel"
        >
          {t('admin.appeals.confirm.cancel')}
        </button>
        <SubmitButton type="button" busy={busy} testId="admin-appeal-confirm-ok" onClick={confirm}>
          {t('admin.appeals.confirm.ok')}
        </SubmitButton>
      </div>
    </div>
  )
}
