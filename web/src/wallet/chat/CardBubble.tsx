import type { ReactNode } from 'react'
import { useI18n } from '../../shared/i18n'
import type { MessageKey } from '../../shared/i18n'
import { formatFen } from '../../shared/money'
import { Link } from '../../shared/router'
import type { CardView } from './chat-api'

/**
 * The fields a producer may put in a card's summary (its own small JSON); the bubble reads them
 * defensively and shows what is there. `status` is a word from STATUS_KEYS, or `statusText`
 * carries the producer's own zh/en text.
 */
export interface CardSummaryFields {
  amountFen?: number
  note?: string
  message?: string
  status?: string
  statusText?: { zh: string; en: string }
  cover?: string
}

const STATUS_KEYS: Readonly<Record<string, MessageKey>> = {
  pending: 'chatCard.status.pending',
  delayed: 'chatCard.status.delayed',
  accepted: 'chatCard.status.accepted',
  returned: 'chatCard.status.returned',
  cancelled: 'chatCard.status.cancelled',
  expired: 'chatCard.status.expired',
  open: 'chatCard.status.open',
  opened: 'chatCard.status.opened',
  finished: 'chatCard.status.finished',
}

/** Statuses after which the card is settled and shown faded, as chat apps do. */
const SETTLED = new Set(['accepted', 'returned', 'cancelled', 'expired', 'opened', 'finished'])

export function readSummary(summary: Record<string, unknown>): CardSummaryFields {
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined)
  const statusText = summary.statusText as { zh?: unknown; en?: unknown } | undefined
  return {
    ...(typeof summary.amountFen === 'number' ? { amountFen: summary.amountFen } : {}),
    ...(text(summary.note) !== undefined ? { note: text(summary.note) as string } : {}),
    ...(text(summary.message) !== undefined ? { message: text(summary.message) as string } : {}),
    ...(text(summary.status) !== undefined ? { status: text(summary.status) as string } : {}),
    ...(typeof statusText?.zh === 'string' && typeof statusText.en === 'string'
      ? { statusText: { zh: statusText.zh, en: statusText.en } }
      : {}),
    ...(text(summary.cover) !== undefined ? { cover: text(summary.cover) as string } : {}),
  }
}

/** Where a card leads: the transfer's or red packet's own page (owned by those modules). */
export function cardHref(card: CardView): string {
  const base = card.kind === 'transfer' ? '/transfers' : '/redpackets'
  return `${base}/${encodeURIComponent(card.refId)}`
}

/** A transfer (转账) or red packet (红包) in a conversation: amount or message, and its status. */
export function CardBubble({ card, mine }: { card: CardView; mine: boolean }): ReactNode {
  const { t, lang } = useI18n()
  const fields = readSummary(card.summary)
  const statusKey = fields.status === undefined ? undefined : STATUS_KEYS[fields.status]
  const status =
    fields.statusText?.[lang] ?? (statusKey === undefined ? fields.status : t(statusKey))
  const settled = fields.status !== undefined && SETTLED.has(fields.status)
  const isTransfer = card.kind === 'transfer'
  const headline = isTransfer
    ? fields.amountFen !== undefined
      ? formatFen(fields.amountFen)
      : t('chatCard.transfer')
    : (fields.message ?? t('chatCard.redpacketDefault'))
  const detail = isTransfer ? fields.note : undefined
  return (
    <Link
      to={cardHref(card)}
      className={cardClass(card, settled, mine)}
      testId={`card-${card.kind}`}
    >
      <span className="lq-chat-card__body" data-status={fields.status ?? ''}>
        <span className="lq-chat-card__icon" aria-hidden="true">
          {isTransfer ? '⇄' : '福'}
        </span>
        <span className="lq-chat-card__text">
          <strong data-testid="card-headline">{headline}</strong>
          {detail !== undefined && <small>{detail}</small>}
          {status !== undefined && <small data-testid="card-status">{status}</small>}
        </span>
      </span>
      <span className="lq-chat-card__foot">
        {t(isTransfer ? 'chatCard.brand' : 'chatCard.brandRedPacket')}
      </span>
    </Link>
  )
}

function cardClass(card: CardView, settled: boolean, mine: boolean): string {
  return [
    'lq-chat-card',
    `lq-chat-card--${card.kind}`,
    settled ? 'lq-chat-card--settled' : '',
    mine ? 'lq-chat-card--mine' : '',
  ]
    .filter((name) => name !== '')
    .join(' ')
}
