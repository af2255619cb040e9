/**
 * How the user confirms a payment, ONE schema for every money-moving route: the payment
 * password or a passkey assertion (`method`), plus the SMS code when the server asked for a
 * second factor (SECOND_FACTOR_REQUIRED).
 */
import { type Static, Type } from 'typebox'
import { AmountFen, strict } from './common.ts'

const Text = (maxLength: number) => Type.String({ maxLength })
const Open = { additionalProperties: true }

export const PaymentPassword = Type.String({ maxLength: 64, description: '6 digits' })

/** The authenticator's answer to a payment challenge (WebAuthn JSON, passed through). */
export const AuthenticationResponse = Type.Object({
  id: Text(1024),
  rawId: Text(1024),
  type: Type.Literal('public-key'),
  authenticatorAttachment: Type.Optional(Type.Enum(['platform', 'cross-platform'])),
  clientExtensionResults: Type.Object({}, Open),
  response: Type.Object(
    {
      clientDataJSON: Text(4096),
      authenticatorData: Text(4096),
      signature: Text(1024),
      userHandle: Type.Optional(Text(1024)),
    },
    Open,
  ),
})
export type AuthenticationResponse = Static<typeof AuthenticationResponse>

export const ConfirmMethod = Type.Union([
  Type.Object({ kind: Type.Literal('password'), password: PaymentPassword }, strict),
  Type.Object(
    { kind: Type.Literal('passkey'), challengeId: Text(64), response: AuthenticationResponse },
    strict,
  ),
])
export type ConfirmMethod = Static<typeof ConfirmMethod>

/** Spread into a money route's body: `{ …, method, smsCode? }`. */
export const PaymentAuthorization = {
  method: ConfirmMethod,
  smsCode: Type.Optional(Text(10)),
}
const PaymentAuthorizationObject = Type.Object(PaymentAuthorization)
export type PaymentAuthorization = Static<typeof PaymentAuthorizationObject>

/**
 * What the confirm page showed the payer would pay (the amount less its coupon). When the payment
 * would charge anything else (the coupon was used up or ended meanwhile), it is refused with
 * PAYABLE_CHANGED and nothing is charged: a payer is never charged more than they confirmed.
 */
export const PayPageAuthorization = {
  payableFen: Type.Optional(AmountFen()),
  ...PaymentAuthorization,
}
