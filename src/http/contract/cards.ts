/** Bank cards: binding (bank check, SMS code), the bound cards, unbinding. */
import { type Static, Type } from 'typebox'
import { Count, Id, Localized, SmsCode, strict, TimestampMs } from './common.ts'

export const CARD_TYPES = ['DEBIT', 'CREDIT'] as const
export const CardType = Type.Enum(CARD_TYPES)
export type CardType = Static<typeof CardType>

export const CardView = Type.Object({
  id: Type.String(),
  bankCode: Type.String(),
  bankName: Localized,
  cardType: CardType,
  last4: Type.String(),
  isDefault: Type.Boolean(),
  createdAtMs: TimestampMs(),
})
export type CardView = Static<typeof CardView>

export const CardList = Type.Object({ cards: Type.Array(CardView) })
export type CardList = Static<typeof CardList>

export const BindCardRequest = Type.Object(
  {
    cardNumber: Type.String({ minLength: 12, maxLength: 30 }),
    phone: Type.String({ maxLength: 20 }),
    expiry: Type.Optional(Type.String({ pattern: '^(0[1-9]|1[0-2])/[0-9]{2}$' })),
    cvn: Type.Optional(Type.String({ pattern: '^[0-9]{3}$' })),
  },
  strict,
)
export type BindCardRequest = Static<typeof BindCardRequest>

/** The bank checked the card and texted a code to the reserved phone (`phoneMasked`). */
export const BindRequest = Type.Object({
  bindRequestId: Type.String(),
  bankCode: Type.String(),
  bankName: Localized,
  cardType: Type.String(),
  last4: Type.String(),
  phoneMasked: Type.String(),
  expiresInSeconds: Count(),
  resendAfterSeconds: Count(),
  /** True when this is the pending request whose code was already sent (within the resend wait). */
  resumed: Type.Optional(Type.Boolean()),
})
export type BindRequest = Static<typeof BindRequest>

export const ConfirmBindingRequest = Type.Object({ bindRequestId: Id, smsCode: SmsCode }, strict)
export type ConfirmBindingRequest = Static<typeof ConfirmBindingRequest>

export const CardParams = Type.Object({ cardId: Id })

export const UnbindCardRequest = Type.Object(
  { paymentPassword: Type.String({ maxLength: 12 }) },
  strict,
)
export type UnbindCardRequest = Static<typeof UnbindCardRequest>
