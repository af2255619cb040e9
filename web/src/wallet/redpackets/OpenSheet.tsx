import { useEffect, useState } from 'react'
import type { ReactNode } from 'react'
import { ApiError } from '../../shared/api'
import { ErrorAlert } from '../../shared/ErrorAlert'
import { useI18n } from '../../shared/i18n'
import type { MessageKey } from '../../shared/i18n'
import { formatFen } from '../../shared/money'
import { Link, navigate } from '../../shared/router'
import { useUser } from '../session'
import { redPacketApi } from './redpacket-api'
import type { RedPacketView } from './redpacket-api'

/** The 開 button spins at least this long, so the opening is seen even on a fast answer. */
const SPIN_MS_MIN = 900

/** Refusals said kindly in the sheet, instead of as an error. */
const KIND_REFUSALS = ['REDPACKET_EMPTY', 'REDPACKET_EXPIRED', 'REDPACKET_NOT_FOR_YOU'] as const
type Refusal = (typeof KIND_REFUSALS)[number]

type SheetState =
  | { kind: 'loading' }
  | { kind: 'ready'; packet: RedPacketView }
  | { kind: 'opening'; packet: RedPacketView }
  | { kind: 'opened'; packet: RedPacketView; amountFen: number }
  | { kind: 'refused'; packet: RedPacketView | null; refusal: Refusal }
  | { kind: 'error'; error: unknown }

export const detailsHref = (packetId: string) => `/redpackets/${encodeURIComponent(packetId)}`

function prefersReducedMotion(): boolean {
  return window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false
}

/** What the sheet starts with for this viewer, or 'details' when the packet page says it all. */
export function firstState(packet: RedPacketView, myId: string): SheetState | 'details' {
  if (packet.myShare !== null) return 'details'
  const personal = packet.kind === 'single' || packet.kind === 'exclusive'
  if (personal && packet.senderId === myId) return 'details'
  if (personal && packet.recipientId !== myId)
    return { kind: 'refused', packet, refusal: 'REDPACKET_NOT_FOR_YOU' }
  if (packet.status === 'FINISHED') return { kind: 'refused', packet, refusal: 'REDPACKET_EMPTY' }
  if (packet.status === 'EXPIRED') return { kind: 'refused', packet, refusal: 'REDPACKET_EXPIRED' }
  return { kind: 'ready', packet }
}

function useSheet(packetId: string) {
  const user = useUser()
  const [state, setState] = useState<SheetState>({ kind: 'loading' })
  useEffect(() => {
    let live = true
    redPacketApi.get(packetId).then(
      (packet) => {
        if (!live) return
        const first = firstState(packet, user.id)
        if (first === 'details') navigate(detailsHref(packetId))
        else setState(first)
      },
      (error: unknown) => live && setState({ kind: 'error', error }),
    )
    return () => {
      live = false
    }
  }, [packetId, user.id])

  async function open(packet: RedPacketView): Promise<void> {
    setState({ kind: 'opening', packet })
    const spin = prefersReducedMotion()
      ? Promise.resolve()
      : new Promise((resolve) => window.setTimeout(resolve, SPIN_MS_MIN))
    try {
      const [share] = await Promise.all([redPacketApi.open(packet.id), spin])
      setState({ kind: 'opened', packet, amountFen: share.amountFen })
    } catch (error) {
      await spin
      const code = error instanceof ApiError ? error.code : ''
      if (code === 'REDPACKET_ALREADY_OPENED') navigate(detailsHref(packet.id))
      else if ((KIND_REFUSALS as readonly string[]).includes(code))
        setState({ kind: 'refused', packet, refusal: code as Refusal })
      else setState({ kind: 'error', error })
    }
  }
  return { state, open }
}

function SheetBody({
  state,
  onOpen,
  packetId,
}: {
  state: SheetState
  onOpen: (packet: RedPacketView) => void
  packetId: string
}): ReactNode {
  const { t } = useI18n()
  if (state.kind === 'loading') return <p className="lq-rp-sheet__text">{t('common.loading')}</p>
  if (state.kind === 'error')
    return <ErrorAlert error={state.error} testId="redpacket-open-error" />
  const details = (
    <Link
      to={detailsHref(packetId)}
      className="lq-rp-sheet__details"
      testId="redpacket-details-link"
    >
      {t('redpacket.sheet.details')}
    </Link>
  )
  if (state.kind === 'refused')
    return (
      <>
        <p
          className="lq-rp-sheet__refusal"
          data-testid="redpacket-refusal"
          data-code={state.refusal}
        >
          {t(`redpacket.sheet.${state.refusal}` as MessageKey)}
        </p>
        {details}
      </>
    )
  if (state.kind === 'opened')
    return (
      <>
        <p className="lq-rp-sheet__amount" data-testid="redpacket-opened-amount">
          {formatFen(state.amountFen)}
        </p>
        <p className="lq-rp-sheet__text">{t('redpacket.sheet.received')}</p>
        {details}
      </>
    )
  const opening = state.kind === 'opening'
  return (
    <button
      type="button"
      className="lq-rp-sheet__open"
      data-spinning={opening}
      disabled={opening}
      aria-label={t('redpacket.sheet.openLabel')}
      aria-busy={opening}
      data-testid="redpacket-open"
      onClick={() => onOpen(state.packet)}
    >
      {t('redpacket.sheet.open')}
    </button>
  )
}

/** 拆红包: the packet's cover over the chat with the 開 button that spins, then the amount. */
export function OpenSheet({
  packetId,
  senderName,
  message,
  cover,
  onClose,
}: {
  packetId: string
  senderName: string
  message: string
  cover: string
  onClose: () => void
}): ReactNode {
  const { t } = useI18n()
  const { state, open } = useSheet(packetId)
  return (
    <div className="lq-rp-backdrop" onClick={onClose}>
      <div
        className={`lq-rp-sheet lq-rp-cover--${cover}`}
        role="dialog"
        aria-modal="true"
        aria-label={t('redpacket.sheet.from', { name: senderName })}
        data-testid="redpacket-sheet"
        data-state={state.kind}
        onClick={(event) => event.stopPropagation()}
      >
        <button
          type="button"
          className="lq-rp-sheet__close"
          aria-label={t('redpacket.sheet.close')}
          data-testid="redpacket-sheet-close"
          onClick={onClose}
        >
          ×
        </button>
        <p className="lq-rp-sheet__from">{t('redpacket.sheet.from', { name: senderName })}</p>
        <p className="lq-rp-sheet__message">{message}</p>
        <SheetBody state={state} onOpen={(packet) => void open(packet)} packetId={packetId} />
      </div>
    </div>
  )
}
