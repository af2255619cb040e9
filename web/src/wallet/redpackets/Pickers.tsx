import type { ReactNode } from 'react'
import { avatarText } from '../../shared/avatar-text'
import { ErrorAlert } from '../../shared/ErrorAlert'
import { useI18n } from '../../shared/i18n'
import { Link } from '../../shared/router'
import { useApiData } from '../../shared/useApiData'
import { chatApi } from '../chat/chat-api'
import type { Person } from '../chat/chat-api'

/** 红包 from the wallet home: a red packet goes into a chat, so the user picks one first. */
export function ConversationPicker(): ReactNode {
  const { t } = useI18n()
  const { state } = useApiData(() => chatApi.conversations(), 'redpacket-pick')
  if (state.kind === 'loading') return <p className="lq-card lq-muted">{t('common.loading')}</p>
  if (state.kind === 'error')
    return (
      <section className="lq-card">
        <ErrorAlert error={state.error} />
      </section>
    )
  const conversations = state.data.conversations
  return (
    <section className="lq-card">
      <p className="lq-form__intro">{t('redpacket.pick.intro')}</p>
      {conversations.length === 0 ? (
        <p className="lq-muted" data-testid="redpacket-pick-empty">
          {t('redpacket.pick.empty')} <Link to="/contacts">{t('transferSend.pick.contacts')}</Link>
        </p>
      ) : (
        <ul className="lq-rp-pick" data-testid="redpacket-pick-list">
          {conversations.map((item) => (
            <li key={item.id}>
              <Link
                to={`/redpackets/new?conversationId=${encodeURIComponent(item.id)}`}
                className="lq-rp-pick__row"
                testId="redpacket-pick-item"
              >
                <span className="lq-chat-avatar" aria-hidden="true">
                  {avatarText(item.title)}
                </span>
                <span>
                  {item.title}
                  {item.kind === 'group' && (
                    <small> {t('chat.members', { count: item.memberCount })}</small>
                  )}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

/** 转账 from the wallet home: choose the contact the money goes to. */
export function ContactPicker(): ReactNode {
  const { t } = useI18n()
  const { state } = useApiData(() => chatApi.contacts(), 'transfer-pick')
  if (state.kind === 'loading') return <p className="lq-card lq-muted">{t('common.loading')}</p>
  if (state.kind === 'error')
    return (
      <section className="lq-card">
        <ErrorAlert error={state.error} />
      </section>
    )
  const contacts: Person[] = state.data.contacts
  return (
    <section className="lq-card">
      {contacts.length === 0 ? (
        <p className="lq-muted" data-testid="transfer-pick-empty">
          {t('transferSend.pick.empty')}{' '}
          <Link to="/contacts" testId="transfer-pick-contacts">
            {t('transferSend.pick.contacts')}
          </Link>
        </p>
      ) : (
        <ul className="lq-rp-pick" data-testid="transfer-pick-list">
          {contacts.map((person) => (
            <li key={person.userId}>
              <Link
                to={`/transfers/new?userId=${encodeURIComponent(person.userId)}`}
                className="lq-rp-pick__row"
                testId="transfer-pick-item"
              >
                <span className="lq-chat-avatar" aria-hidden="true">
                  {avatarText(person.displayName)}
                </span>
                <span>{person.displayName}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
