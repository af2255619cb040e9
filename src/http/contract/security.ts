/**
 * Payment security: real-name verification, limits, the payment password, passkeys, the SMS
 * second factor and the dry-run payment confirmation.
 */
import { type Static, Type } from 'typebox'
import { PAYMENT_PURPOSES } from '../../shared/purposes.ts'
import { AmountFen, Fen, Nullable, strict, TimestampMs } from './common.ts'
import { PaymentAuthorization, PaymentPassword } from './confirmation.ts'
import { AccountClass } from './profile.ts'

const Text = (maxLength: number) => Type.String({ maxLength })
const { Integer, Optional } = Type
const Open = { additionalProperties: true }
const Strings = Optional(Type.Array(Type.String()))
// WebAuthn's enumerations, so the browser library takes the options as they are.
const PublicKey = Type.Literal('public-key')
/** Wrong payment passwords before the lock; far above the module's real count. */
const ATTEMPTS_MAX = 100
/** COSE algorithm identifiers are small signed integers (-7 ES256, -257 RS256). */
const CoseAlgorithm = Integer({ minimum: -65_536, maximum: 65_535 })
const CeremonyTimeoutMs = Integer({ minimum: 0, maximum: 24 * 3600 * 1000 })
const Hints = Optional(Type.Array(Type.Enum(['hybrid', 'security-key', 'client-device'])))
const OpenObject = Optional(Type.Object({}, Open))

export const RealNameRequest = Type.Object({ realName: Text(50), idNumber: Text(32) }, strict)
export type RealNameRequest = Static<typeof RealNameRequest>

export const Limits = Type.Object({
  accountClass: AccountClass,
  period: Nullable(Type.Enum(['LIFETIME', 'YEAR'])),
  limitFen: Nullable(Fen()),
  usedFen: Fen(),
  remainingFen: Nullable(Fen()),
})
export type Limits = Static<typeof Limits>

export const PasswordStatus = Type.Object({
  set: Type.Boolean(),
  lockedUntilMs: Nullable(TimestampMs()),
  attemptsLeft: Integer({ minimum: 0, maximum: ATTEMPTS_MAX }),
})
export type PasswordStatus = Static<typeof PasswordStatus>

export const SetPasswordRequest = Type.Object({ password: PaymentPassword }, strict)
/** A candidate password (strength) or the current one (verify), checked as each PIN is typed. */
export const PasswordCheckRequest = Type.Object({ password: PaymentPassword }, strict)
export const PasswordCheck = Type.Object({ ok: Type.Literal(true) })
export type PasswordCheck = Static<typeof PasswordCheck>

export const ChangePasswordRequest = Type.Object(
  { oldPassword: PaymentPassword, newPassword: PaymentPassword },
  strict,
)
/** 找回支付密码, step one: the proof, checked before the new PIN is typed. */
export const ResetVerifyRequest = Type.Object(
  {
    ...{ smsCode: Text(10), idNumber: Text(32) },
    // A bound card's full number, which the cards module requires once a card is bound.
    cardNumber: Optional(Text(32)),
  },
  strict,
)
export type ResetVerifyRequest = Static<typeof ResetVerifyRequest>
export const ResetTicket = Type.Object({
  resetTicket: Text(200),
  expiresInSeconds: Integer({ minimum: 0, maximum: 24 * 3600 }),
})
export type ResetTicket = Static<typeof ResetTicket>
/** Step two: the ticket of step one and the new PIN (or, in one call, the proof itself). */
export const ResetPasswordRequest = Type.Object(
  {
    ...{ resetTicket: Optional(Text(200)), newPassword: PaymentPassword },
    ...{ smsCode: Optional(Text(10)), idNumber: Optional(Text(32)) },
    cardNumber: Optional(Text(32)),
  },
  strict,
)
export type ResetPasswordRequest = Static<typeof ResetPasswordRequest>

// @simplewebauthn/server types a descriptor's type and transports as plain strings.
const Credential = Type.Object({ id: Text(1024), type: Type.String(), transports: Strings }, Open)
// WebAuthn JSON from @simplewebauthn/server: open objects, so no field is ever stripped.
export const CreationOptions = Type.Object(
  {
    rp: Type.Object({ name: Type.String(), id: Optional(Type.String()) }, Open),
    user: Type.Object({ id: Type.String(), name: Type.String(), displayName: Type.String() }, Open),
    challenge: Type.String(),
    pubKeyCredParams: Type.Array(Type.Object({ alg: CoseAlgorithm, type: PublicKey }, Open)),
    excludeCredentials: Optional(Type.Array(Credential)),
    authenticatorSelection: OpenObject,
    ...{ timeout: Optional(CeremonyTimeoutMs), hints: Hints, extensions: OpenObject },
    attestation: Optional(Type.Enum(['direct', 'enterprise', 'indirect', 'none'])),
  },
  Open,
)
export type CreationOptions = Static<typeof CreationOptions>

export const RequestOptions = Type.Object(
  {
    challenge: Type.String(),
    rpId: Optional(Type.String()),
    allowCredentials: Optional(Type.Array(Credential)),
    userVerification: Optional(Type.Enum(['discouraged', 'preferred', 'required'])),
    ...{ timeout: Optional(CeremonyTimeoutMs), hints: Hints, extensions: OpenObject },
  },
  Open,
)

export const PasskeyOptionsRequest = Type.Object({ paymentPassword: PaymentPassword }, strict)

export const RegistrationResponse = Type.Object({
  ...{ id: Text(1024), rawId: Text(1024), type: Type.Literal('public-key') },
  ...{ authenticatorAttachment: Optional(Text(32)), clientExtensionResults: Type.Object({}, Open) },
  response: Type.Object(
    { clientDataJSON: Text(4096), attestationObject: Text(16_384), transports: Strings },
    Open,
  ),
})

export const AddPasskeyRequest = Type.Object(
  { response: RegistrationResponse, deviceName: Text(64) },
  strict,
)
export const PasskeyAdded = Type.Object({ credentialId: Type.String() })
export type PasskeyAdded = Static<typeof PasskeyAdded>

export const PasskeyView = Type.Object({
  ...{ credentialId: Type.String(), deviceName: Type.String() },
  ...{ createdAtMs: TimestampMs(), lastUsedAtMs: Nullable(TimestampMs()) },
  /** The host name it works on (passkeys are bound to one); null if enrolled before 0015. */
  rpId: Nullable(Type.String()),
})
export type PasskeyView = Static<typeof PasskeyView>

export const PasskeyList = Type.Object({ passkeys: Type.Array(PasskeyView) })
export type PasskeyList = Static<typeof PasskeyList>

export const PasskeyParams = Type.Object({ credentialId: Text(1024) })

export const PaymentChallengeRequest = Type.Object({ amountFen: AmountFen(0) }, strict)
export const PaymentChallenge = Type.Object({ challengeId: Type.String(), options: RequestOptions })
export type PaymentChallenge = Static<typeof PaymentChallenge>

export const SecondFactorRequest = Type.Object(
  { enabled: Type.Boolean(), paymentPassword: PaymentPassword },
  strict,
)

export const PaymentPurpose = Type.Enum(PAYMENT_PURPOSES)
export type PaymentPurpose = Static<typeof PaymentPurpose>

export const PaymentConfirmationRequest = Type.Object(
  {
    amountFen: AmountFen(0),
    purpose: PaymentPurpose,
    ...PaymentAuthorization,
  },
  strict,
)
export type PaymentConfirmationRequest = Static<typeof PaymentConfirmationRequest>

export const PaymentConfirmation = Type.Object({
  confirmedBy: Type.Enum(['password', 'passkey']),
  secondFactor: Type.Boolean(),
})
export type PaymentConfirmation = Static<typeof PaymentConfirmation>
