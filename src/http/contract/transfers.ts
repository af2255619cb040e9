/** Transfers (转账): to a wallet user, to a phone without a wallet, to a bank card. */
import { type Static, Type } from 'typebox'
import {
  AmountFen,
  Fen,
  Id,
  Localized,
  Nullable,
  PageLimit,
  Phone,
  strict,
  TimestampMs,
} from './common.ts'
import { PaymentAuthorization, PaymentPassword } from './confirmation.ts'

/** The transfers module's limits and vocabularies (routes pin them equal at compile time). */
export const TRANSFER_NOTE_LENGTH_MAX = 50
export const TRANSFER_PAGE_SIZE_MAX = 100
export const TRANSFER_KINDS = ['USER', 'PHONE', 'CARD'] as const
export const TRANSFER_STATUSES = [
  'SENDING',
  'DELAYED',
  'PENDING',
  'ACCEPTING',
  'RETURNING',
  'ACCEPTED',
  'RETURNED',
  'EXPIRED',
  'CANCELLED',
  'FAILED',
  'PROCESSING',
  'SUCCEEDED',
] as const
export type TransferStatus = (typeof TRANSFER_STATUSES)[number]
export const DELAY_HOURS_OPTIONS = [0, 2, 24] as const
export const RISK_HINT_CODES = [
  'NOT_A_CONTACT',
  'FIRST_LARGE_TRANSFER',
  'NO_WALLET_YET',
  'OTHER_PERSONS_CARD',
] as const

const CardNumber = Type.String({ minLength: 16, maxLength: 23, description: 'Debit card number' })

/** Where the money goes: a user, a phone number, an own bound card or another person's card. */
export const Destination = Type.Union([
  Type.Object({ kind: Type.Literal('user'), userId: Id }, strict),
  Type.Object({ kind: Type.Literal('phone'), phone: Phone }, strict),
  Type.Object({ kind: Type.Literal('card'), cardId: Id }, strict),
  Type.Object(
    {
      kind: Type.Literal('card'),
      cardNumber: CardNumber,
      holderName: Type.String({ minLength: 1, maxLength: 30 }),
    },
    strict,
  ),
])
export type Destination = Static<typeof Destination>

export const TransferPreviewRequest = Type.Object(
  { to: Destination, amountFen: AmountFen() },
  strict,
)
export type TransferPreviewRequest = Static<typeof TransferPreviewRequest>

export const TransferPreview = Type.Object({
  recipient: Type.Object({
    kind: Type.Enum(TRANSFER_KINDS),
    userId: Nullable(Type.String()),
    displayName: Type.String(),
  }),
  amountFen: Fen(),
  feeFen: Fen(),
  totalDebitFen: Fen(),
  delayHours: Type.Integer({ minimum: 0, maximum: 24 }),
  /** False during a delayed arrival: the receipt says so (银发〔2019〕85号). */
  realTime: Type.Boolean(),
  availableAtMs: TimestampMs(),
  expectedArrivalAtMs: Nullable(TimestampMs()),
  /** Calm warnings with a reason; they never block. */
  hints: Type.Array(Type.Object({ code: Type.Enum(RISK_HINT_CODES), message: Localized })),
})
export type TransferPreview = Static<typeof TransferPreview>

/** Send (retry with the same idempotencyKey answers the same transfer). */
export const TransferRequest = Type.Object(
  {
    idempotencyKey: Type.String({ minLength: 1, maxLength: 64 }),
    to: Destination,
    amountFen: AmountFen(),
    note: Type.Optional(Type.String({ maxLength: TRANSFER_NOTE_LENGTH_MAX })),
    ...PaymentAuthorization,
  },
  strict,
)
export type TransferRequest = Static<typeof TransferRequest>

export const TransferView = Type.Object({
  id: Type.String(),
  kind: Type.Enum(TRANSFER_KINDS),
  status: Type.Enum(TRANSFER_STATUSES),
  role: Type.Enum(['sender', 'recipient']),
  senderId: Type.String(),
  recipientUserId: Nullable(Type.String()),
  recipientPhone: Nullable(Type.String()),
  counterpartyName: Type.String(),
  card: Nullable(
    Type.Object({
      bankCode: Type.String(),
      last4: Type.String(),
      holderName: Type.String(),
      own: Type.Boolean(),
    }),
  ),
  amountFen: Fen(),
  feeFen: Fen(),
  note: Type.String(),
  delayMs: Fen(),
  /** False for a delayed arrival: the receipt says it is not real time. */
  realTime: Type.Boolean(),
  availableAtMs: TimestampMs(),
  expiresAtMs: TimestampMs(),
  expectedArrivalAtMs: Nullable(TimestampMs()),
  failureCode: Nullable(Type.String()),
  createdAtMs: TimestampMs(),
  completedAtMs: Nullable(TimestampMs()),
})
export type TransferView = Static<typeof TransferView>

export const TransferList = Type.Object({ transfers: Type.Array(TransferView) })
export type TransferList = Static<typeof TransferList>

export const TransferListQuery = Type.Object({
  beforeMs: Type.Optional(TimestampMs()),
  limit: Type.Optional(PageLimit(TRANSFER_PAGE_SIZE_MAX)),
})

export const TransferParams = Type.Object({ transferId: Id })

export const TransferSettings = Type.Object({ delayHours: Type.Enum(DELAY_HOURS_OPTIONS) })
export type TransferSettings = Static<typeof TransferSettings>

export const TransferSettingsChange = Type.Object(
  { delayHours: Type.Enum(DELAY_HOURS_OPTIONS), paymentPassword: PaymentPassword },
  strict,
)
