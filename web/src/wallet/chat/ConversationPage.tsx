import { useEffect, useRef, useState } from 'react'
import type { FormEvent, ReactNode } from 'react'
import { ErrorAlert } from '../../shared/ErrorAlert'
import { useI18n } from '../../shared/i18n'
import { Link } from '../../shared/router'
import { PageShell } from '../components/PageShell'
import { useUser } from '../session'
import { RedPacketBubble } from '../redpackets/RedPacketBubble'
import { CardBubble } from './CardBubble'
import { chatApi } from './chat-api'
import type { MessageView } from './chat-api'
import { useConversation } from './useConversation'

/** Matches the server's limit (contract MESSAGE_TEXT_LENGTH_MAX). */
const TEXT_LENGTH_MAX = 2000

/** `sender` is shown above others' messages in a group (a direct chat has only the one). */
function Bubble({
  message,
  mine,
  sender,
  senderName,
}: {
  message: MessageView
  mine: boolean
  sender?: string
  /** The sender's name in any conversation (a red packet's sheet says whose it is). */
  senderName: string
}) {
  return (
    <li
      className={`lq-chat-message ${mine ? 'lq-chat-message--mine' : ''}`}
      data-testid="chat-message"
      data-kind={message.kind}
      data-message-id={message.id}
    >
      {!mine && sender !== undefined && <span className="lq-chat-message__sender">{sender}</span>}
      {message.card?.kind === 'redpacket' ? (
        <RedPacketBubble card={message.card} mine={mine} senderName={senderName} />
      ) : message.card !== null ? (
        <CardBubble card={message.card} mine={mine} />
      ) : (
        <p className="lq-chat-bubble" data-testid="message-text">
          {message.text}
        </p>
      )}
    </li>
  )
}

function Composer({
  conversationId,
  onSent,
}: {
  conversationId: string
  onSent: (m: MessageView) => void
}) {
  const { t } = useI18n()
  const [text, setText] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  async function send(event: FormEvent): Promise<void> {
    event.preventDefault()
    if (text.trim() === '' || busy) return
    setBusy(true)
    setError(null)
    try {
      onSent(await chatApi.sendText(conversationId, text))
      setText('')
    } catch (caught) {
      setError(caught)
    } finally {
      setBusy(false)
    }
  }
  return (
    <form className="lq-chat-composer" onSubmit={(event) => void send(event)}>
      <ErrorAlert error={error} testId="send-error" />
      <div className="lq-chat-composer__row">
        <input
          className="lq-input"
          aria-label={t('chat.inputLabel')}
          placeholder={t('chat.inputPlaceholder')}
          maxLength={TEXT_LENGTH_MAX}
          value={text}
          data-testid="message-input"
          onChange={(event) => setText(event.target.value)}
        />
        <button
          type="submit"
          className="lq-button lq-button--primary"
          disabled={busy || text.trim() === ''}
          data-testid="message-send"
        >
          {t('chat.send')}
        </button>
      </div>
    </form>
  )
}

/** A conversation: messages (text, transfer and red-packet cards) live, and the composer. */
export function ConversationPage({ conversationId }: { conversationId: string }): ReactNode {
  const { t } = useI18n()
  const user = useUser()
  const chat = useConversation(conversationId)
  const bottom = useRef<HTMLDivElement>(null)
  const names = new Map(chat.detail?.members.map((m) => [m.userId, m.displayName]) ?? [])
  const newestId = chat.messages[chat.messages.length - 1]?.id
  useEffect(() => {
    bottom.current?.scrollIntoView?.({ block: 'end' })
  }, [newestId])
  const query = `?conversationId=${encodeURIComponent(conversationId)}`
  return (
    <PageShell titleKey="chat.title" backTo="/chats" testId="conversation-page">
      <section className="lq-card lq-chat-head">
        <h2 className="lq-card__title" data-testid="conversation-heading">
          {chat.detail?.title ?? ''}
          {chat.detail?.kind === 'group' && (
            <small> {t('chat.members', { count: chat.detail.memberCount })}</small>
          )}
        </h2>
        <span className="lq-muted" data-testid="live-state" data-connected={chat.connected}>
          {chat.connected ? t('chat.live') : t('chat.offline')}
        </span>
      </section>
      <ErrorAlert error={chat.error} />
      {chat.hasOlder && (
        <button type="button" className="lq-button" onClick={() => void chat.loadOlder()}>
          {t('chat.loadOlder')}
        </button>
      )}
      <ol className="lq-chat-messages" data-testid="message-list">
        {chat.messages.map((message) => (
          <Bubble
            key={message.id}
            message={message}
            mine={message.senderId === user.id}
            senderName={names.get(message.senderId) ?? ''}
            {...(chat.detail?.kind === 'group'
              ? { sender: names.get(message.senderId) ?? '' }
              : {})}
          />
        ))}
      </ol>
      <div ref={bottom} />
      <nav className="lq-chat-tools">
        {chat.detail?.kind === 'direct' && (
          <Link
            to={`/transfers/new${query}`}
            className="lq-pill-button"
            testId="chat-send-transfer"
          >
            {t('chat.sendTransfer')}
          </Link>
        )}
        <Link
          to={`/redpackets/new${query}`}
          className="lq-pill-button"
          testId="chat-send-redpacket"
        >
          {t('chat.sendRedPacket')}
        </Link>
      </nav>
      <Composer conversationId={conversationId} onSent={chat.add} />
    </PageShell>
  )
}
