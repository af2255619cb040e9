import type { ReactNode } from 'react'
import { avatarText } from '../../shared/avatar-text'
import { ErrorAlert } from '../../shared/ErrorAlert'
import { formatDateTime } from '../../shared/format'
import { useI18n } from '../../shared/i18n'
import type { I18n } from '../../shared/i18n'
import { Link } from '../../shared/router'
import { useApiData } from '../../shared/useApiData'
import { PageShell } from '../components/PageShell'
import { useUser } from '../session'
import { chatApi } from './chat-api'
import type { ConversationSummary, MessageView } from './chat-api'
import { useLiveEvents } from './useLiveEvents'

/** What the list shows of a conversation's last message. */
export function messagePreview(i18n: I18n, message: MessageView | null, myId: string): string {
  if (message === null) return i18n.t('chat.noMessages')
  const text =
    message.kind === 'text'
      ? (message.text ?? '')
      : i18n.t(message.kind === 'transfer' ? 'chat.preview.transfer' : 'chat.preview.redpacket')
  return message.senderId === myId ? `${i18n.t('chat.you')}: ${text}` : text
}

function UnreadBadge({ count }: { count: number }): ReactNode {
  const { t } = useI18n()
  if (count === 0) return null
  return (
    <span
      className="lq-chat-badge"
      data-testid="unread-badge"
      aria-label={t('chat.unread', { count })}
    >
      {count >= 100 ? t('chat.unreadMany') : count}
    </span>
  )
}

function ConversationRow({ item, myId }: { item: ConversationSummary; myId: string }): ReactNode {
  const i18n = useI18n()
  return (
    <li data-testid="conversation-item" data-conversation-id={item.id}>
      <Link to={`/chats/${encodeURIComponent(item.id)}`} className="lq-chat-row">
        <span className="lq-chat-avatar" aria-hidden="true">
          {avatarText(item.title)}
        </span>
        <span className="lq-chat-row__main">
          <span className="lq-chat-row__top">
            <strong data-testid="conversation-title">
              {item.title}
              {item.kind === 'group' && (
                <small> {i18n.t('chat.members', { count: item.memberCount })}</small>
              )}
            </strong>
            <time className="lq-muted">{formatDateTime(item.activityAtMs, i18n.lang)}</time>
          </span>
          <span className="lq-chat-row__preview" data-testid="conversation-preview">
            {messagePreview(i18n, item.lastMessage, myId)}
          </span>
        </span>
        <UnreadBadge count={item.unreadCount} />
      </Link>
    </li>
  )
}

/** 聊天: conversations, latest first, kept current by live events. */
export function ChatsPage(): ReactNode {
  const { t } = useI18n()
  const user = useUser()
  const { state, reload } = useApiData(() => chatApi.conversations(), 'chats')
  useLiveEvents(() => reload())
  return (
    <PageShell titleKey="chat.title" testId="chats-page">
      <nav className="lq-card lq-chat-actions">
        <Link to="/contacts" className="lq-pill-button" testId="open-contacts">
          {t('chat.contacts')}
        </Link>
        <Link to="/chats/new-group" className="lq-pill-button" testId="open-new-group">
          {t('chat.newGroup')}
        </Link>
      </nav>
      {state.kind === 'error' && <ErrorAlert error={state.error} />}
      {state.kind === 'loading' && <p className="lq-muted">{t('common.loading')}</p>}
      {state.kind === 'ready' &&
        (state.data.conversations.length === 0 ? (
          <p className="lq-card lq-muted" data-testid="chats-empty">
            {t('chat.empty')}
          </p>
        ) : (
          <ul className="lq-card lq-chat-list" data-testid="conversation-list">
            {state.data.conversations.map((item) => (
              <ConversationRow key={item.id} item={item} myId={user.id} />
            ))}
          </ul>
        ))}
    </PageShell>
  )
}
