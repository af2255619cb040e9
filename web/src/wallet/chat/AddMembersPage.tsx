import { useState } from 'react'
import type { ReactNode } from 'react'
import { ErrorAlert } from '../../shared/ErrorAlert'
import { localError } from '../../shared/api'
import { SubmitButton } from '../../shared/forms'
import { useI18n } from '../../shared/i18n'
import { navigate } from '../../shared/router'
import { useApiData } from '../../shared/useApiData'
import { PageShell } from '../components/PageShell'
import { chatApi } from './chat-api'

/** 添加成员: contacts of mine who are not in the group yet. */
export function AddMembersPage({ conversationId }: { conversationId: string }): ReactNode {
  const { t } = useI18n()
  const load = async () => {
    const [contacts, detail] = await Promise.all([
      chatApi.contacts(),
      chatApi.conversation(conversationId),
    ])
    const inGroup = new Set(detail.members.map((member) => member.userId))
    return contacts.contacts.filter((person) => !inGroup.has(person.userId))
  }
  const { state } = useApiData(load, `add-members-${conversationId}`)
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set())
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const back = `/chats/${encodeURIComponent(conversationId)}`
  function toggle(userId: string): void {
    const next = new Set(picked)
    if (!next.delete(userId)) next.add(userId)
    setPicked(next)
  }
  async function add(): Promise<void> {
    if (picked.size === 0) return setError(localError('INVALID_REQUEST', 'group.needMembers'))
    setBusy(true)
    try {
      await chatApi.addMembers(conversationId, [...picked])
      navigate(back, { replace: true })
    } catch (caught) {
      setError(caught)
      setBusy(false)
    }
  }
  return (
    <PageShell titleKey="group.addMembers" backTo={back} testId="add-members-page">
      <section className="lq-card">
        {state.kind === 'error' && <ErrorAlert error={state.error} />}
        {state.kind === 'ready' && state.data.length === 0 && (
          <p className="lq-muted">{t('contacts.none')}</p>
        )}
        <ul className="lq-chat-people">
          {state.kind === 'ready' &&
            state.data.map((person) => (
              <li key={person.userId}>
                <label>
                  <input
                    type="checkbox"
                    checked={picked.has(person.userId)}
                    data-testid="member-pick"
                    onChange={() => toggle(person.userId)}
                  />
                  {person.displayName}
                </label>
              </li>
            ))}
        </ul>
        <ErrorAlert error={error} />
        <SubmitButton busy={busy} type="button" onClick={() => void add()} testId="members-add">
          {t('group.addMembers')}
        </SubmitButton>
      </section>
    </PageShell>
  )
}
