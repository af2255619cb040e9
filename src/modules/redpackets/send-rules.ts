/**
 * The rules a packet is checked against before the sender is asked to confirm: the amount and
 * share limits of the rule pack, and who the packet is for (the conversation decides the group
 * size, a one-to-one packet's recipient, an exclusive packet's member).
 */
import { createHash } from 'node:crypto'
import { DomainError } from '../../shared/errors.ts'
import type { ConfirmMethod } from '../identity/index.ts'
import type { Split } from './fairness.ts'
import {
  RED_PACKET_COVERS,
  RED_PACKET_KINDS,
  RED_PACKET_MESSAGE_LENGTH_MAX,
  type RedPacketKind,
  type RedPacketLimitRule,
  type RedPacketsContext,
} from './context.ts'

export interface SendRedPacketInput {
  idempotencyKey: string
  kind: RedPacketKind
  /** Group packets: where it is sent. One-to-one packets: this or `recipientId`. */
  conversationId?: string
  /** single: the other person; exclusive: the one member who may open it. */
  recipientId?: string
  /** lucky, single, exclusive: the whole amount. */
  totalFen?: number
  /** fixed: what each share is (total = shareFen × shares). */
  shareFen?: number
  shares?: number
  /** lucky: 二倍均值 (default) or the exchangeable line-cutting split. */
  luckyMode?: 'double_average' | 'cut'
  message?: string
  cover?: string
  method: ConfirmMethod
  smsCode?: string
}

export interface CheckedPacket {
  kind: RedPacketKind
  split: Split
  totalFen: number
  shares: number
  conversationId: string
  recipientId: string | null
  message: string
  cover: string
}

const IDEMPOTENCY_KEY_PATTERN = /^[\w.:-]{1,64}$/
const DEFAULT_MESSAGE = '恭喜发财，大吉大利'

function limit(rule: RedPacketLimitRule, details: Record<string, unknown> = {}): DomainError {
  return new DomainError('REDPACKET_LIMIT', { rule, ...details })
}

function positiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 1
}

/** Amounts and shares by kind, against the rule pack (throws REDPACKET_LIMIT with the rule). */
function amounts(ctx: RedPacketsContext, input: SendRedPacketInput) {
  const rules = ctx.rules
  const group = input.kind === 'lucky' || input.kind === 'fixed'
  const shares = group ? input.shares : 1
  if (!positiveInteger(shares)) throw new DomainError('INVALID_REQUEST', { field: 'shares' })
  const perShare = input.kind === 'fixed' ? input.shareFen : undefined
  const totalFen = perShare === undefined ? input.totalFen : perShare * shares
  if (!positiveInteger(totalFen) || (input.kind === 'fixed' && !positiveInteger(perShare)))
    throw new DomainError('INVALID_AMOUNT')
  if (shares > rules.sharesMax) throw limit('SHARES_MAX', { sharesMax: rules.sharesMax })
  if (totalFen > rules.packetFenMax)
    throw limit('PACKET_FEN_MAX', { packetFenMax: rules.packetFenMax })
  if (totalFen < shares * rules.shareFenMin)
    throw limit('SHARE_FEN_MIN', { shareFenMin: rules.shareFenMin })
  const split: Split =
    input.kind === 'lucky' ? (input.luckyMode ?? 'double_average') : ('equal' as const)
  if (split === 'equal' && totalFen % shares !== 0) throw limit('EQUAL_SPLIT_INDIVISIBLE')
  return { shares, totalFen, split }
}

/** Checks everything but the payment; resolves the conversation and the recipient. */
export async function checkPacket(
  ctx: RedPacketsContext,
  senderId: string,
  input: SendRedPacketInput,
): Promise<CheckedPacket> {
  if (!RED_PACKET_KINDS.includes(input.kind))
    throw new DomainError('INVALID_REQUEST', { field: 'kind' })
  if (
    typeof input.idempotencyKey !== 'string' ||
    !IDEMPOTENCY_KEY_PATTERN.test(input.idempotencyKey)
  )
    throw new DomainError('INVALID_REQUEST', { field: 'idempotencyKey' })
  const message = (input.message ?? '').trim() || DEFAULT_MESSAGE
  if (message.length > RED_PACKET_MESSAGE_LENGTH_MAX)
    throw new DomainError('INVALID_REQUEST', { field: 'message' })
  const cover = input.cover ?? 'classic'
  if (!(RED_PACKET_COVERS as readonly string[]).includes(cover))
    throw new DomainError('INVALID_REQUEST', { field: 'cover' })
  const { shares, totalFen, split } = amounts(ctx, input)
  const audience = await audienceOf(ctx, senderId, input)
  if (input.kind === 'lucky' || input.kind === 'fixed') {
    const groupSize = await ctx.conversations.groupSize(audience.conversationId)
    if (shares > groupSize) throw limit('SHARES_OVER_GROUP_SIZE', { groupSize })
  }
  return { kind: input.kind, split, totalFen, shares, message, cover, ...audience }
}

async function audienceOf(ctx: RedPacketsContext, senderId: string, input: SendRedPacketInput) {
  const notFound = () => new DomainError('NOT_FOUND', { resource: 'conversation' })
  if (input.kind === 'single' && input.conversationId === undefined) {
    const recipientId = input.recipientId
    if (recipientId === undefined || recipientId === senderId)
      throw new DomainError('INVALID_REQUEST', { field: 'recipientId' })
    const conversationId = await ctx.conversations.directConversation(senderId, recipientId)
    return { conversationId, recipientId }
  }
  const conversationId = input.conversationId
  if (conversationId === undefined)
    throw new DomainError('INVALID_REQUEST', { field: 'conversationId' })
  const members = await ctx.conversations.members(conversationId)
  if (!members.includes(senderId)) throw notFound()
  if (input.kind === 'single') {
    const others = members.filter((member) => member !== senderId)
    if (members.length !== 2 || others[0] === undefined)
      throw new DomainError('INVALID_REQUEST', {
        field: 'conversationId',
        reason: 'not one-to-one',
      })
    return { conversationId, recipientId: others[0] }
  }
  if (input.kind === 'exclusive') {
    const recipientId = input.recipientId
    if (recipientId === undefined || recipientId === senderId || !members.includes(recipientId))
      throw new DomainError('INVALID_REQUEST', { field: 'recipientId' })
    return { conversationId, recipientId }
  }
  return { conversationId, recipientId: null }
}

/** What a retry with the same idempotency key must repeat exactly. */
export function requestHash(packet: CheckedPacket): string {
  const { kind, split, totalFen, shares, conversationId, recipientId, message, cover } = packet
  const text = JSON.stringify([
    kind,
    split,
    totalFen,
    shares,
    conversationId,
    recipientId,
    message,
    cover,
  ])
  return createHash('sha256').update(text).digest('base64url').slice(0, 22)
}
