import { useState } from 'react'
import type { FormEvent, ReactNode } from 'react'
import { ErrorAlert } from '../../shared/ErrorAlert'
import { SubmitButton, SuccessNote, TextField } from '../../shared/forms'
import { useI18n } from '../../shared/i18n'
import { navigate } from '../../shared/router'
import { useApiData } from '../../shared/useApiData'
import { PageShell } from '../components/PageShell'
import { useUser } from '../session'
import { chatApi } from './chat-api'
import type { IncomingContactRequest, Person } from './chat-api'
import { useLiveEvents } from './useLiveEvents'

function AddContact(): ReactNode {
  const { t } = useI18n()
  const [by, setBy] = useState<'phone' | 'userId'>('phone')
  const [value, setValue] = useState('')
  const [greeting, setGreeting] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const [note, setNote] = useState<string | null>(null)
  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault()
    setBusy(true)
    setError(null)
    setNote(null)
    try {
      const target = by === 'phone' ? { phone: value.trim() } : { userId: value.trim() }
      const made = await chatApi.requestContact({ ...target, ...(greeting ? { greeting } : {}) })
      setNote(t(made.status === 'accepted' ? 'contacts.nowContacts' : 'contacts.requestSent'))
      setValue('')
    } catch (caught) {
      setError(caught)
    } finally {
      setBusy(false)
    }
  }
  return (
    <form className="lq-card" onSubmit={(event) => void submit(event)} data-testid="add-contact">
      <h2 className="lq-card__title">{t('contacts.add')}</h2>
      <div className="lq-segmented" role="radiogroup" aria-label={t('contacts.by')}>
        {(['phone', 'userId'] as const).map((kind) => (
          <label key={kind}>
            <input
              type="radio"
              name="by"
              checked={by === kind}
              onChange={() => setBy(kind)}
              data-testid={`add-by-${kind}`}
            />
            {t(kind === 'phone' ? 'contacts.byPhone' : 'contacts.byId')}
          </label>
        ))}
      </div>
      <TextField
        label={t(by === 'phone' ? 'contacts.phoneLabel' : 'contacts.idLabel')}
        value={value}
        onValue={setValue}
        testId="add-contact-value"
        inputMode={by === 'phone' ? 'tel' : 'text'}
        maxLength={64}
        required
      />
      <TextField
        label={t('contacts.greeting')}
        value={greeting}
        onValue={setGreeting}
        testId="add-contact-greeting"
        maxLength={100}
      />
      <ErrorAlert error={error} testId="add-contact-error" />
      {note !== null && <SuccessNote testId="add-contact-done">{note}</SuccessNote>}
      <SubmitButton busy={busy} testId="add-contact-submit">
        {t('contacts.sendRequest')}
      </SubmitButton>
    </form>
  )
}

function Requests({
  requests,
  onDone,
}: {
  requests: IncomingContactRequest[]
  onDone: () => void
}) {
  const { t } = useI18n()
  const [error, setError] = useState<unknown>(null)
  if (requests.length === 0) return null
  const decide = (id: string, decision: 'accept' | 'decline') =>
    chatApi.decide(id, decision).then(onDone, setError)
  return (
    <section className="lq-card" data-testid="contact-requests">
      <h2 className="lq-card__title">{t('contacts.requests')}</h2>
      <ErrorAlert error={error} />
      <ul className="lq-chat-people">
        {requests.map((request) => (
          <li key={request.id} data-testid="contact-request">
            <span>
              <strong>{request.from.displayName}</strong>
              {request.greeting !== null && <small className="lq-muted"> {request.greeting}</small>}
            </span>
            <button
              type="button"
              className="lq-button lq-button--primary"
              data-testid="request-accept"
              onClick={() => void decide(request.id, 'accept')}
            >
              {t('contacts.accept')}
            </button>
            <button
              type="button"
              className="lq-button"
              data-testid="request-decline"
              onClick={() => void decide(request.id, 'decline')}
            >
              {t('contacts.decline')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}

function ContactRow({ person, onRemoved }: { person: Person; onRemoved: () => void }) {
  const { t } = useI18n()
  const [error, setError] = useState<unknown>(null)
  const open = () =>
    chatApi
      .openDirect(person.userId)
      .then(
        ({ conversationId }) => navigate(`/chats/${encodeURIComponent(conversationId)}`),
        setError,
      )
  const remove = () => {
    if (window.confirm(t('contacts.removeConfirm', { name: person.displayName })))
      void chatApi.removeContact(person.userId).then(onRemoved, setError)
  }
  return (
    <li data-testid="contact-item" data-user-id={person.userId}>
      <strong>{person.displayName}</strong>
      <button
        type="button"
        className="lq-button lq-button--primary"
        data-testid="contact-message"
        onClick={() => void open()}
      >
        {t('contacts.message')}
      </button>
      <button type="button" className="lq-button" onClick={remove}>
        {t('contacts.remove')}
      </button>
      <ErrorAlert error={error} />
    </li>
  )
}

function MyProfile(): ReactNode {
  const { t } = useI18n()
  const user = useUser()
  const { state, setData } = useApiData(() => chatApi.profile(), 'profile')
  const [nickname, setNickname] = useState<string | null>(null)
  const [error, setError] = useState<unknown>(null)
  if (state.kind !== 'ready') return null
  const save = (change: { nickname?: string | null; findableByPhone?: boolean }) =>
    chatApi.updateProfile(change).then(setData, setError)
  const shown = nickname ?? state.data.nickname ?? ''
  return (
    <section className="lq-card" data-testid="my-social-profile">
      <p className="lq-muted" data-testid="my-user-id">
        {t('contacts.myId', { id: user.id })}
      </p>
      <TextField
        label={t('contacts.nickname')}
        value={shown}
        onValue={setNickname}
        testId="nickname-input"
        maxLength={32}
      />
      <button
        type="button"
        className="lq-button"
        onClick={() => void save({ nickname: shown.trim() || null })}
      >
        {t('contacts.saveNickname')}
      </button>
      <label className="lq-chat-toggle">
        <input
          type="checkbox"
          checked={state.data.findableByPhone}
          data-testid="findable-toggle"
          onChange={(event) => void save({ findableByPhone: event.target.checked })}
        />
        {t('contacts.findable')}
      </label>
      <ErrorAlert error={error} />
    </section>
  )
}

/** 通讯录: add by phone or id, new requests, the list, my own settings. */
export function ContactsPage(): ReactNode {
  const { t } = useI18n()
  const load = async () => {
    const [contacts, requests] = await Promise.all([chatApi.contacts(), chatApi.requests()])
    return { contacts: contacts.contacts, requests: requests.requests }
  }
  const { state, reload } = useApiData(load, 'contacts')
  useLiveEvents((event) => event.type === 'contacts' && reload())
  return (
    <PageShell titleKey="contacts.title" backTo="/chats" testId="contacts-page">
      <AddContact />
      {state.kind === 'error' && <ErrorAlert error={state.error} />}
      {state.kind === 'ready' && <Requests requests={state.data.requests} onDone={reload} />}
      <section className="lq-card">
        <h2 className="lq-card__title">{t('contacts.list')}</h2>
        {state.kind === 'ready' && state.data.contacts.length === 0 && (
          <p className="lq-muted">{t('contacts.none')}</p>
        )}
        <ul className="lq-chat-people" data-testid="contact-list">
          {state.kind === 'ready' &&
            state.data.contacts.map((person) => (
              <ContactRow key={person.userId} person={person} onRemoved={reload} />
            ))}
        </ul>
      </section>
      <MyProfile />
    </PageShell>
  )
}
