/**
 * Red packets (红包): send one into a conversation, open it, read its page and its fairness
 * proof. Routes: POST /api/v1/me/redpackets, POST /api/v1/me/redpackets/:packetId/open,
 * GET /api/v1/me/redpackets (sent), GET /api/v1/me/redpackets/:packetId,
 * GET /api/v1/me/redpackets/:packetId/proof.
 */
import { type Static, Type } from 'typebox'
import { AmountFen, Count, ErrorBody, Fen, Id, Nullable, strict, TimestampMs } from './common.ts'
import { PaymentAuthorization } from './confirmation.ts'

/** The module's vocabularies and limits (routes pin them equal at compile time). */
export const RED_PACKET_KINDS = ['single', 'lucky', 'fixed', 'exclusive'] as const
export const RED_PACKET_SPLITS = ['equal', 'double_average', 'cut'] as const
export const RED_PACKET_STATUSES = ['ACTIVE', 'FINISHED', 'EXPIRED'] as const
export const RED_PACKET_COVERS = ['classic', 'spring', 'lantern', 'fortune'] as const
export const RED_PACKET_MESSAGE_LENGTH_MAX = 30

export const RedPacketKind = Type.Enum(RED_PACKET_KINDS)
export type RedPacketKind = Static<typeof RedPacketKind>
export const RedPacketStatus = Type.Enum(RED_PACKET_STATUSES)
export type RedPacketStatus = Static<typeof RedPacketStatus>
export const RedPacketSplit = Type.Enum(RED_PACKET_SPLITS)

const Hex64 = Type.String({ pattern: '^[0-9a-f]{64}$' })

export const SendRedPacketRequest = Type.Object(
  {
    idempotencyKey: Type.String({ minLength: 1, maxLength: 64, pattern: '^[\\w.:-]+$' }),
    kind: RedPacketKind,
    conversationId: Type.Optional(Id),
    recipientId: Type.Optional(Id),
    totalFen: Type.Optional(AmountFen()),
    shareFen: Type.Optional(AmountFen()),
    shares: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    luckyMode: Type.Optional(Type.Enum(['double_average', 'cut'])),
    message: Type.Optional(Type.String({ maxLength: RED_PACKET_MESSAGE_LENGTH_MAX })),
    cover: Type.Optional(Type.Enum(RED_PACKET_COVERS)),
    ...PaymentAuthorization,
  },
  strict,
)
export type SendRedPacketRequest = Static<typeof SendRedPacketRequest>

export const RedPacketOpening = Type.Object({
  slot: Count(),
  userId: Type.String(),
  name: Type.String(),
  amountFen: Fen(),
  openedAtMs: TimestampMs(),
  bestLuck: Type.Boolean({ description: '手气最佳, marked once every share is opened' }),
})
export type RedPacketOpening = Static<typeof RedPacketOpening>

export const RedPacketView = Type.Object({
  id: Type.String(),
  kind: RedPacketKind,
  split: RedPacketSplit,
  senderId: Type.String(),
  senderName: Type.String(),
  conversationId: Nullable(Type.String()),
  recipientId: Nullable(Type.String()),
  totalFen: Fen(),
  shares: Count(),
  openedCount: Count(),
  openedFen: Fen(),
  message: Type.String(),
  cover: Type.String(),
  status: RedPacketStatus,
  createdAtMs: TimestampMs(),
  expiresAtMs: TimestampMs(),
  finishedAtMs: Nullable(TimestampMs()),
  returnedFen: Nullable(Fen()),
  openings: Type.Array(RedPacketOpening),
  myShare: Nullable(RedPacketOpening),
  fairness: Type.Object({
    algorithm: Type.String(),
    commitment: Hex64,
    // Revealed once the packet is finished or expired.
    seed: Nullable(Hex64),
  }),
})
export type RedPacketView = Static<typeof RedPacketView>

export const RedPacketList = Type.Object({ packets: Type.Array(RedPacketView) })
export type RedPacketList = Static<typeof RedPacketList>
export const RedPacketListQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
})

export const OpenedShare = Type.Object({
  packetId: Type.String(),
  slot: Count(),
  amountFen: Fen(),
  last: Type.Boolean({ description: 'This opener emptied the packet' }),
})
export type OpenedShare = Static<typeof OpenedShare>

export const RedPacketProof = Type.Object({
  algorithm: Type.String(),
  packetId: Type.String(),
  split: RedPacketSplit,
  totalFen: Fen(),
  shares: Count(),
  status: Type.String(),
  commitment: Hex64,
  seed: Nullable(Hex64),
  opens: Type.Array(
    Type.Object({ slot: Count(), userId: Type.String(), amountFen: Nullable(Fen()) }),
  ),
})
export type RedPacketProof = Static<typeof RedPacketProof>

export const RedPacketParams = Type.Object({ packetId: Id })

/** The rule pack's limits, so the send page shows and checks them before the password. */
export const RedPacketRulesView = Type.Object({
  packetFenMax: Fen(),
  shareFenMin: Fen(),
  sharesMax: Count(),
  expiryMs: Fen(),
  messageLengthMax: Count(),
})
export type RedPacketRulesView = Static<typeof RedPacketRulesView>

/** Besides AUTH_ERRORS: an expired packet is 410. */
export const RED_PACKET_ERRORS = { 410: ErrorBody, 422: ErrorBody }
