import { useState } from 'react'
import type { FormEvent, ReactNode } from 'react'
import { ErrorAlert } from '../../shared/ErrorAlert'
import { localError } from '../../shared/api'
import { SubmitButton, TextField } from '../../shared/forms'
import { useI18n } from '../../shared/i18n'
import { navigate } from '../../shared/router'
import { useApiData } from '../../shared/useApiData'
import { PageShell } from '../components/PageShell'
import { chatApi } from './chat-api'

/** 发起群聊: a name and some contacts. */
export function NewGroupPage(): ReactNode {
  const { t } = useI18n()
  const { state } = useApiData(() => chatApi.contacts(), 'group-contacts')
  const [title, setTitle] = useState('')
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set())
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  function toggle(userId: string): void {
    const next = new Set(picked)
    if (!next.delete(userId)) next.add(userId)
    setPicked(next)
  }
  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault()
    if (picked.size === 0) {
      setError(localError('INVALID_REQUEST', 'group.needMembers'))
      return
    }
    setBusy(true)
    setError(null)
    try {
      const { conversationId } = await chatApi.createGroup(title.trim(), [...picked])
      navigate(`/chats/${encodeURIComponent(conversationId)}`, { replace: true })
    } catch (caught) {
      setError(caught)
      setBusy(false)
    }
  }
  return (
    <PageShell titleKey="group.title" backTo="/chats" testId="new-group-page">
      <form className="lq-card" onSubmit={(event) => void submit(event)}>
        <TextField
          label={t('group.name')}
          value={title}
          onValue={setTitle}
          testId="group-title"
          maxLength={40}
          required
        />
        <h2 className="lq-card__title">{t('group.pick')}</h2>
        {state.kind === 'error' && <ErrorAlert error={state.error} />}
        <ul className="lq-chat-people" data-testid="group-candidates">
          {state.kind === 'ready' &&
            state.data.contacts.map((person) => (
              <li key={person.userId}>
                <label>
                  <input
                    type="checkbox"
                    checked={picked.has(person.userId)}
                    data-testid="group-pick"
                    onChange={() => toggle(person.userId)}
                  />
                  {person.displayName}
                </label>
              </li>
            ))}
        </ul>
        <ErrorAlert error={error} />
        <SubmitButton busy={busy} testId="group-create">
          {t('group.create')}
        </SubmitButton>
      </form>
    </PageShell>
  )
}
