import { useState } from 'react'
import type { ReactNode } from 'react'
import { useI18n } from '../../shared/i18n'
import type { CardView } from '../chat/chat-api'
import { OpenSheet } from './OpenSheet'

/** The red packet's card summary (src/modules/redpackets/packet-records.ts), read defensively. */
export interface RedPacketCardFields {
  kind: string
  message: string
  cover: string
  status: string
  shares: number | null
  openedCount: number | null
  recipientId: string | null
}

export function readRedPacketCard(summary: Record<string, unknown>): RedPacketCardFields {
  const text = (value: unknown, fallback: string) => (typeof value === 'string' ? value : fallback)
  const count = (value: unknown) => (typeof value === 'number' ? value : null)
  return {
    kind: text(summary.kind, 'lucky'),
    message: text(summary.message, ''),
    cover: text(summary.cover, 'classic'),
    status: text(summary.status, 'ACTIVE'),
    shares: count(summary.shares),
    openedCount: count(summary.openedCount),
    recipientId: typeof summary.recipientId === 'string' ? summary.recipientId : null,
  }
}

/** A red packet (红包) in the chat: tapping it opens the 開 sheet (or its page once opened). */
export function RedPacketBubble({
  card,
  mine,
  senderName,
}: {
  card: CardView
  mine: boolean
  senderName: string
}): ReactNode {
  const { t } = useI18n()
  const [open, setOpen] = useState(false)
  const fields = readRedPacketCard(card.summary)
  const settled = fields.status !== 'ACTIVE'
  const message = fields.message === '' ? t('chatCard.redpacketDefault') : fields.message
  const status = settled
    ? t(fields.status === 'EXPIRED' ? 'redpacket.bubble.EXPIRED' : 'redpacket.bubble.FINISHED')
    : fields.kind === 'exclusive'
      ? t('redpacket.bubble.exclusive')
      : t('redpacket.bubble.open')
  return (
    <>
      <button
        type="button"
        className={[
          'lq-chat-card',
          'lq-chat-card--redpacket',
          `lq-rp-cover--${fields.cover}`,
          settled ? 'lq-chat-card--settled' : '',
          mine ? 'lq-chat-card--mine' : '',
        ].join(' ')}
        data-testid="card-redpacket"
        data-packet-id={card.refId}
        data-status={fields.status}
        onClick={() => setOpen(true)}
      >
        <span className="lq-chat-card__body">
          <span className="lq-chat-card__icon" aria-hidden="true">
            福
          </span>
          <span className="lq-chat-card__text">
            <strong data-testid="card-headline">{message}</strong>
            <small data-testid="card-status">{status}</small>
          </span>
        </span>
        <span className="lq-chat-card__foot">{t('chatCard.brandRedPacket')}</span>
      </button>
      {open && (
        <OpenSheet
          packetId={card.refId}
          senderName={senderName}
          message={message}
          cover={fields.cover}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  )
}
