import { useCallback } from 'react'
import type { ReactNode } from 'react'
import { ErrorAlert } from '../../shared/ErrorAlert'
import { formatDateTime } from '../../shared/format'
import { useI18n } from '../../shared/i18n'
import { formatFen } from '../../shared/money'
import { Link } from '../../shared/router'
import { useApiData } from '../../shared/useApiData'
import type { LiveEvent } from '../chat/chat-api'
import { useLiveEvents } from '../chat/useLiveEvents'
import { PageShell } from '../components/PageShell'
import { FairnessProof } from './FairnessProof'
import { redPacketApi } from './redpacket-api'
import type { RedPacketView } from './redpacket-api'

function Openings({ packet }: { packet: RedPacketView }): ReactNode {
  const { t, lang } = useI18n()
  if (packet.openings.length === 0) return <p className="lq-muted">{t('redpacket.page.waiting')}</p>
  return (
    <ul className="lq-rp-openings" data-testid="redpacket-openings">
      {packet.openings.map((opening) => (
        <li key={opening.slot} data-testid="redpacket-opening" data-user-id={opening.userId}>
          <span className="lq-chat-avatar" aria-hidden="true">
            {/* The last character: names come masked from the front (*娜). */}
            {Array.from(opening.name).at(-1) ?? '?'}
          </span>
          <span className="lq-rp-openings__who">
            <strong>{opening.name}</strong>
            <time className="lq-muted">{formatDateTime(opening.openedAtMs, lang)}</time>
          </span>
          <span className="lq-rp-openings__amount">
            <span data-testid="opening-amount">{formatFen(opening.amountFen)}</span>
            {opening.bestLuck && (
              <small className="lq-rp-best" data-testid="best-luck">
                {t('redpacket.page.bestLuck')}
              </small>
            )}
          </span>
        </li>
      ))}
    </ul>
  )
}

/** What became of the money: opened so far, what expiry returned, or when it will. */
function Progress({ packet }: { packet: RedPacketView }): ReactNode {
  const { t, lang } = useI18n()
  return (
    <>
      <p className="lq-muted" data-testid="redpacket-progress">
        {t('redpacket.page.progress', {
          opened: packet.openedCount,
          shares: packet.shares,
          openedAmount: formatFen(packet.openedFen),
          total: formatFen(packet.totalFen),
        })}
      </p>
      {packet.status === 'EXPIRED' && (
        <p className="lq-alert lq-alert--warning" data-testid="redpacket-returned">
          {packet.returnedFen !== null && packet.returnedFen > 0
            ? t('redpacket.page.returned', {
                amount: formatFen(packet.returnedFen),
                name: packet.senderName,
              })
            : t('redpacket.page.expiredNothing')}
        </p>
      )}
      {packet.status === 'ACTIVE' && (
        <p className="lq-muted">
          {t('redpacket.page.expiresAt', { time: formatDateTime(packet.expiresAtMs, lang) })}
        </p>
      )}
    </>
  )
}

function PacketDetails({ packet }: { packet: RedPacketView }): ReactNode {
  const { t } = useI18n()
  return (
    <>
      <section
        className={`lq-card lq-rp-head lq-rp-cover--${packet.cover}`}
        data-testid="redpacket-head"
        data-status={packet.status}
      >
        <p className="lq-rp-head__from">{t('redpacket.sheet.from', { name: packet.senderName })}</p>
        <p className="lq-rp-head__message">{packet.message}</p>
        {packet.myShare !== null && (
          <>
            <p className="lq-rp-head__amount" data-testid="redpacket-my-share">
              {formatFen(packet.myShare.amountFen)}
            </p>
            <p className="lq-rp-head__note">{t('redpacket.sheet.received')}</p>
          </>
        )}
      </section>
      <section className="lq-card">
        <Progress packet={packet} />
        <Openings packet={packet} />
      </section>
      <FairnessProof packet={packet} />
      {packet.conversationId !== null && (
        <Link
          to={`/chats/${encodeURIComponent(packet.conversationId)}`}
          testId="redpacket-back-chat"
        >
          {t('redpacket.page.back')}
        </Link>
      )}
    </>
  )
}

/** 红包详情: who got what, 手气最佳 once all are opened, the return on expiry, the fairness proof. */
export function RedPacketPage({ packetId }: { packetId: string }): ReactNode {
  const { t } = useI18n()
  const { state, reload } = useApiData(() => redPacketApi.get(packetId), packetId)
  const conversationId = state.kind === 'ready' ? state.data.conversationId : null
  // The card changes when the packet finishes or expires: the page follows without a reload.
  const onEvent = useCallback(
    (event: LiveEvent) => {
      if (event.type === 'card' && event.conversationId === conversationId) reload()
    },
    [conversationId, reload],
  )
  useLiveEvents(onEvent)
  const backTo = conversationId === null ? '/chats' : `/chats/${encodeURIComponent(conversationId)}`
  return (
    <PageShell titleKey="redpacket.page.title" backTo={backTo} testId="redpacket-page">
      {state.kind === 'loading' && <p className="lq-card lq-muted">{t('common.loading')}</p>}
      {state.kind === 'error' && (
        <section className="lq-card">
          <ErrorAlert error={state.error} />
        </section>
      )}
      {state.kind === 'ready' && <PacketDetails packet={state.data} />}
    </PageShell>
  )
}
