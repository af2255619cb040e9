import { localError } from '../../shared/api'
import type { ApiError } from '../../shared/api'
import { formatFen } from '../../shared/money'
import type { RedPacketKind, RedPacketRulesView, SendRedPacketRequest } from './redpacket-api'

/** What the send form holds; `amountFen` is the parsed amount field (total, or per share). */
export interface PacketForm {
  kind: RedPacketKind
  amountFen: number | null
  sharesText: string
  recipientId: string | null
  /** Members of the conversation, the sender included. */
  groupSize: number
}

type Draft = Pick<SendRedPacketRequest, 'kind' | 'totalFen' | 'shareFen' | 'shares' | 'recipientId'>

export type DraftResult =
  | { ok: true; totalFen: number; shares: number; request: Draft }
  | { ok: false; error: ApiError | null }

/** Lucky and fixed packets are split; single and exclusive ones have one share. */
export const isSplit = (kind: RedPacketKind): boolean => kind === 'lucky' || kind === 'fixed'

/**
 * The packet the form describes, checked against the server's rule pack before any password is
 * asked for (the server checks the same rules again); `error` null means "not filled in yet".
 */
export function packetDraft(form: PacketForm, rules: RedPacketRulesView): DraftResult {
  const split = isSplit(form.kind)
  const shares = split ? Number(form.sharesText) : 1
  if (split && (form.sharesText === '' || !Number.isInteger(shares) || shares < 1))
    return { ok: false, error: form.sharesText === '' ? null : sharesError() }
  if (form.amountFen === null) return { ok: false, error: null }
  if (form.kind === 'exclusive' && form.recipientId === null)
    return { ok: false, error: localError('INVALID_REQUEST', 'redpacket.error.recipient') }
  const totalFen = form.kind === 'fixed' ? form.amountFen * shares : form.amountFen
  if (shares > rules.sharesMax)
    return {
      ok: false,
      error: localError('REDPACKET_LIMIT', 'redpacket.error.sharesMax', { max: rules.sharesMax }),
    }
  if (split && shares > form.groupSize)
    return {
      ok: false,
      error: localError('REDPACKET_LIMIT', 'redpacket.error.groupSize', { count: form.groupSize }),
    }
  if (totalFen > rules.packetFenMax)
    return {
      ok: false,
      error: localError('REDPACKET_LIMIT', 'redpacket.error.packetMax', {
        max: formatFen(rules.packetFenMax),
      }),
    }
  if (totalFen < shares * rules.shareFenMin)
    return {
      ok: false,
      error: localError('REDPACKET_LIMIT', 'redpacket.error.shareMin', {
        min: formatFen(rules.shareFenMin),
      }),
    }
  const request: Draft =
    form.kind === 'fixed'
      ? { kind: 'fixed', shareFen: form.amountFen, shares }
      : form.kind === 'lucky'
        ? { kind: 'lucky', totalFen, shares }
        : form.kind === 'exclusive'
          ? { kind: 'exclusive', totalFen, recipientId: form.recipientId as string }
          : { kind: 'single', totalFen }
  return { ok: true, totalFen, shares, request }
}

function sharesError(): ApiError {
  return localError('INVALID_REQUEST', 'redpacket.error.shares')
}
